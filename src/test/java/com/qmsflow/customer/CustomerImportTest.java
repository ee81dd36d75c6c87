package com.qmsflow.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The import and export of the customer archive as files (issue 15 points 2 and 7) on the demo
 * profile (customers C001-C015, revenue 2024/2025: C001-C008 tier A, C009-C012 B, C013-C015 C) over
 * an in-memory H2 database. Every file is built here (POI for .xlsx, GBK through the JDK's
 * charset); each test uses customers of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:customer-import-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class CustomerImportTest {

  private static final AtomicInteger CODES = new AtomicInteger(7000);
  private static final String EN_HEADER =
      "Customer code,Customer name,Address,Phone,Active,Contact 1 name,Contact 1 role,"
          + "Contact 1 phone,Contact 1 email,Contact 2 name,Contact 2 role,Contact 2 phone,"
          + "Contact 2 email";
  private static final String ZH_HEADER = "客户代码,客户名称,地址,电话,启用,联系人1姓名,联系人1职务,联系人1电话,联系人1邮箱";

  @Autowired private MockMvc mvc;
  @Autowired private ObjectMapper json;
  @Autowired private JdbcClient jdbc;
  @Autowired private ProcessEngine engine;

  private static String code() {
    return "C" + CODES.incrementAndGet();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic(user)));
  }

  private ResultActions upload(String user, String path, String fileName, byte[] bytes)
      throws Exception {
    return upload(user, path, fileName, bytes, null, "en");
  }

  private ResultActions upload(
      String user, String path, String fileName, byte[] bytes, String digest, String language)
      throws Exception {
    var request =
        multipart(path)
            .file(new MockMultipartFile("file", fileName, "application/octet-stream", bytes));
    if (digest != null) {
      request.param("digest", digest);
    }
    return as(user, request.header(HttpHeaders.ACCEPT_LANGUAGE, language));
  }

  private JsonNode body(ResultActions result) throws Exception {
    return json.readTree(result.andReturn().getResponse().getContentAsByteArray());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bom(String text) {
    byte[] body = utf8(text);
    byte[] all = new byte[body.length + 3];
    all[0] = (byte) 0xEF;
    all[1] = (byte) 0xBB;
    all[2] = (byte) 0xBF;
    System.arraycopy(body, 0, all, 3, body.length);
    return all;
  }

  /** Every row of the archive's tables and the change log: what "nothing changed" compares. */
  private Map<String, Object> snapshot() {
    Map<String, Object> tables = new LinkedHashMap<>();
    tables.put(
        "customer",
        jdbc.sql(
                "select code, name, address, phone, active, sales_rep, tier, tier_rank from"
                    + " customer order by code")
            .query()
            .listOfRows());
    tables.put(
        "customer_contact",
        jdbc.sql("select * from customer_contact order by id").query().listOfRows());
    tables.put(
        "customer_revenue",
        jdbc.sql("select * from customer_revenue order by customer_code, revenue_year")
            .query()
            .listOfRows());
    tables.put(
        "customer_tier_change",
        jdbc.sql("select count(*) from customer_tier_change").query(Integer.class).single());
    tables.put(
        "master_data_change",
        jdbc.sql("select count(*) from master_data_change").query(Integer.class).single());
    return tables;
  }

  private int changesOf(String type, String keyPrefix) {
    return jdbc.sql(
            "select count(*) from master_data_change where data_type = ? and data_key like ?")
        .params(type, keyPrefix + "%")
        .query(Integer.class)
        .single();
  }

  private List<Map<String, Object>> contacts(String code) {
    return jdbc.sql(
            "select name, role, phone, email from customer_contact where customer_code = ? order"
                + " by id")
        .param(code)
        .query()
        .listOfRows();
  }

  private String name(String code) {
    return jdbc.sql("select name from customer where code = ?")
        .param(code)
        .query(String.class)
        .single();
  }

  // ---- CSV in its encodings ---------------------------------------------------------------------

  @Test
  void utf8CsvDryRunShowsTheChangesTheCommitWritesThemAndTheSameFileAgainChangesNothing()
      throws Exception {
    String a = code();
    String b = code();
    String csv =
        EN_HEADER
            + "\n"
            + a
            + ",Yangtze Glass Co.,\"No. 8, River Road\",0512-1234,yes,Li"
            + " Wei,Buyer,138001,li@example.com,Wang Fang,,,\n"
            + b
            + ",Pearl Modules,,,no,,,,,,,,\n";
    Map<String, Object> before = snapshot();
    JsonNode dry =
        body(
            upload("clerk", "/api/customer-import/customers/dry-run", "erp.csv", utf8(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.encoding").value("UTF-8"))
                .andExpect(jsonPath("$.rows").value(2))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.errorCount").value(0))
                .andExpect(jsonPath("$.committed").value(false))
                .andExpect(jsonPath("$.changes[0].key").value(a))
                .andExpect(jsonPath("$.changes[0].status").value("new"))
                .andExpect(jsonPath("$.changes[0].row").value(2)));
    assertThat(snapshot()).as("a dry run writes nothing").isEqualTo(before);

    upload(
            "clerk",
            "/api/customer-import/customers",
            "erp.csv",
            utf8(csv),
            dry.get("digest").asText(),
            "en")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.committed").value(true))
        .andExpect(jsonPath("$.created").value(2));
    assertThat(name(a)).isEqualTo("Yangtze Glass Co.");
    assertThat(
            jdbc.sql("select address, phone, active from customer where code = ?")
                .param(a)
                .query()
                .singleRow())
        .containsEntry("ADDRESS", "No. 8, River Road")
        .containsEntry("PHONE", "0512-1234")
        .containsEntry("ACTIVE", true);
    assertThat(
            jdbc.sql("select active from customer where code = ?")
                .param(b)
                .query(Boolean.class)
                .single())
        .isFalse();
    assertThat(contacts(a)).extracting(r -> r.get("NAME")).containsExactly("Li Wei", "Wang Fang");
    assertThat(changesOf("customer", a)).isEqualTo(1);
    assertThat(changesOf("customer-contact", a + "/")).isEqualTo(2);
    // a new customer gets its tier at once (no revenue: C)
    assertThat(
            jdbc.sql("select tier from customer where code = ?")
                .param(a)
                .query(String.class)
                .single())
        .isEqualTo("C");

    Map<String, Object> imported = snapshot();
    upload("clerk", "/api/customer-import/customers", "erp.csv", utf8(csv))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(0))
        .andExpect(jsonPath("$.changed").value(0))
        .andExpect(jsonPath("$.unchanged").value(2));
    assertThat(snapshot()).as("re-importing the same file changes nothing").isEqualTo(imported);
  }

  @Test
  void aCommitWhoseChangesDifferFromTheDryRunIsRefusedWithConflict() throws Exception {
    String a = code();
    byte[] first = utf8("Customer code,Customer name\n" + a + ",Old Name Ltd\n");
    upload("clerk", "/api/customer-import/customers", "first.csv", first)
        .andExpect(status().isOk());
    byte[] csv = utf8("Customer code,Customer name\n" + a + ",New Name Ltd\n");
    String digest =
        body(upload("clerk", "/api/customer-import/customers/dry-run", "new.csv", csv))
            .get("digest")
            .asText();
    // meanwhile someone renames the customer over the API: the file would now change other values
    as(
            "salesmanager",
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                    "/api/customers/" + a)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Renamed Meanwhile\"}"))
        .andExpect(status().isOk());
    Map<String, Object> before = snapshot();
    upload("clerk", "/api/customer-import/customers", "new.csv", csv, digest, "en")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("run the dry run again")));
    assertThat(snapshot()).isEqualTo(before);
    assertThat(name(a)).isEqualTo("Renamed Meanwhile");
  }

  @Test
  void utf8CsvWithBomAndChineseHeadersShowsChangedFieldsOldToNew() throws Exception {
    String a = code();
    upload(
            "clerk",
            "/api/customer-import/customers",
            "first.csv",
            bom(ZH_HEADER + "\r\n" + a + ",苏州阳光能源,苏州,,是,张伟,采购,,\r\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.encoding").value("UTF-8 (BOM)"));
    upload(
            "salesmanager",
            "/api/customer-import/customers/dry-run",
            "second.csv",
            bom(ZH_HEADER + "\r\n" + a + ",苏州阳光能源有限公司,苏州,,是,张伟,采购经理,,\r\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changed").value(1))
        .andExpect(jsonPath("$.changes[0].status").value("changed"))
        .andExpect(jsonPath("$.changes[0].fields[0].field").value("name"))
        .andExpect(jsonPath("$.changes[0].fields[0].oldValue").value("苏州阳光能源"))
        .andExpect(jsonPath("$.changes[0].fields[0].newValue").value("苏州阳光能源有限公司"))
        .andExpect(jsonPath("$.changes[0].fields[1].field").value("contacts"))
        .andExpect(jsonPath("$.changes[0].fields[1].oldValue").value("张伟, 采购"))
        .andExpect(jsonPath("$.changes[0].fields[1].newValue").value("张伟, 采购经理"));
    long contactId =
        jdbc.sql("select id from customer_contact where customer_code = ?")
            .param(a)
            .query(Long.class)
            .single();
    upload(
            "salesmanager",
            "/api/customer-import/customers",
            "second.csv",
            bom(ZH_HEADER + "\r\n" + a + ",苏州阳光能源有限公司,苏州,,是,张伟,采购经理,,\r\n"))
        .andExpect(status().isOk());
    assertThat(name(a)).isEqualTo("苏州阳光能源有限公司");
    // the contact of the same name is changed in place and keeps its id (and its history)
    assertThat(
            jdbc.sql("select id, role from customer_contact where customer_code = ?")
                .param(a)
                .query()
                .singleRow())
        .containsEntry("ID", contactId)
        .containsEntry("ROLE", "采购经理");
    assertThat(
            jdbc.sql(
                    "select old_value, new_value from master_data_change where data_type ="
                        + " 'customer' and data_key = ? and action = 'UPDATE'")
                .param(a)
                .query()
                .singleRow())
        .hasEntrySatisfying("OLD_VALUE", v -> assertThat(v.toString()).contains("苏州阳光能源\""))
        .hasEntrySatisfying("NEW_VALUE", v -> assertThat(v.toString()).contains("苏州阳光能源有限公司"));
  }

  @Test
  void gbkCsvAsChineseExcelWritesItIsDetectedAndImported() throws Exception {
    String a = code();
    byte[] gbk =
        (ZH_HEADER + "\r\n" + a + ",浙江晶科光伏材料,杭州市,0571-8888,是,陈静,质量经理,,chen@example.cn\r\n")
            .getBytes(Charset.forName("GBK"));
    upload("clerk", "/api/customer-import/customers", "客户.csv", gbk)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.encoding").value("GBK"))
        .andExpect(jsonPath("$.created").value(1));
    assertThat(name(a)).isEqualTo("浙江晶科光伏材料");
    assertThat(contacts(a).get(0))
        .containsEntry("NAME", "陈静")
        .containsEntry("EMAIL", "chen@example.cn");
  }

  // ---- xlsx -------------------------------------------------------------------------------------

  private static byte[] workbook(List<List<Object>> rows) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.createSheet("说明").createRow(0).createCell(0).setCellValue("见 docs/customers.md");
      Sheet sheet = wb.createSheet("客户");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object v = rows.get(r).get(c);
          if (v instanceof Number n) {
            row.createCell(c).setCellValue(n.doubleValue());
          } else if (v != null) {
            row.createCell(c).setCellValue(v.toString());
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void xlsxIsReadFromTheSheetWithTheColumnsWithNumbersAsTyped() throws Exception {
    String a = code();
    byte[] xlsx =
        workbook(
            List.of(
                List.of("Customer code", "客户名称", "Phone", "联系人1", "Contact 1 phone"),
                new ArrayList<>(
                    List.of(a, "Delta Solar GmbH", 13800138000L, "Anna", 4930123456L))));
    upload("clerk", "/api/customer-import/customers", "erp.xlsx", xlsx)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.format").value("xlsx"))
        .andExpect(jsonPath("$.sheet").value("客户"))
        .andExpect(jsonPath("$.created").value(1));
    assertThat(
            jdbc.sql("select phone from customer where code = ?")
                .param(a)
                .query(String.class)
                .single())
        .isEqualTo("13800138000");
    assertThat(contacts(a).get(0))
        .containsEntry("NAME", "Anna")
        .containsEntry("PHONE", "4930123456");

    // revenue from an .xlsx: amounts as numbers, years as numbers
    byte[] revenue =
        workbook(
            List.of(
                List.of("客户代码", "年度", "营业额（元）"),
                List.of(a, 2024, 1234567.89),
                List.of(a, 2025, 2500000)));
    upload("salesmanager", "/api/customer-import/revenue", "revenue.xlsx", revenue)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(2));
    assertThat(
            jdbc.sql(
                    "select revenue from customer_revenue where customer_code = ? and revenue_year"
                        + " = 2024")
                .param(a)
                .query(java.math.BigDecimal.class)
                .single())
        .isEqualByComparingTo("1234567.89");
  }

  // ---- the sales rep ----------------------------------------------------------------------------

  private String salesRep(String code) {
    return jdbc.sql("select sales_rep from customer where code = ?")
        .param(code)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void theSalesRepColumnIsOptionalCheckedAgainstTheSalesGroupAndRecorded() throws Exception {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("salesimport").count() == 0) {
      identity.saveUser(identity.newUser("salesimport"));
      identity.createMembership("salesimport", "sales");
    }
    String a = code();
    String b = code();
    // the Chinese header 销售代表
    upload(
            "clerk",
            "/api/customer-import/customers",
            "reps.csv",
            bom("客户代码,客户名称,销售代表\r\n" + a + ",代表光伏,sales\r\n" + b + ",无代表光伏,\r\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(2));
    assertThat(salesRep(a)).isEqualTo("sales");
    assertThat(salesRep(b)).isNull();

    // the dry run shows the change of rep, old to new, under the column's both headers
    String change = "Customer code,Customer name,Sales rep\n" + a + ",代表光伏,salesimport\n";
    upload("salesmanager", "/api/customer-import/customers/dry-run", "change.csv", utf8(change))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changed").value(1))
        .andExpect(jsonPath("$.changes[0].key").value(a))
        .andExpect(jsonPath("$.changes[0].fields[0].field").value("salesRep"))
        .andExpect(jsonPath("$.changes[0].fields[0].column").value("销售代表 / Sales rep"))
        .andExpect(jsonPath("$.changes[0].fields[0].oldValue").value("sales"))
        .andExpect(jsonPath("$.changes[0].fields[0].newValue").value("salesimport"));
    assertThat(salesRep(a)).as("a dry run writes nothing").isEqualTo("sales");
    upload("salesmanager", "/api/customer-import/customers", "change.csv", utf8(change))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changed").value(1));
    assertThat(salesRep(a)).isEqualTo("salesimport");
    assertThat(
            jdbc.sql(
                    "select changed_by, old_value, new_value from master_data_change where"
                        + " data_type = 'customer' and data_key = ? order by id desc")
                .param(a)
                .query()
                .listOfRows()
                .get(0))
        .containsEntry("CHANGED_BY", "salesmanager")
        .hasEntrySatisfying(
            "OLD_VALUE", v -> assertThat(v.toString()).contains("\"salesRep\":\"sales\""))
        .hasEntrySatisfying(
            "NEW_VALUE", v -> assertThat(v.toString()).contains("\"salesRep\":\"salesimport\""));

    // a file without the column keeps every rep
    upload(
            "clerk",
            "/api/customer-import/customers",
            "norep.csv",
            utf8("Customer code,Customer name\n" + a + ",代表光伏有限公司\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changed").value(1));
    assertThat(salesRep(a)).isEqualTo("salesimport");

    // an unknown user or one outside the group sales: a row error with row and column, nothing
    // imported
    Map<String, Object> before = snapshot();
    String bad =
        "Customer code,Customer name,Sales rep\n"
            + a
            + ",代表光伏有限公司,ghost\n"
            + b
            + ",无代表光伏,quality\n";
    upload("clerk", "/api/customer-import/customers/dry-run", "bad-reps.csv", utf8(bad))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.errorCount").value(2))
        .andExpect(
            jsonPath("$.errors[?(@.row == 2 && @.column == 'C')].message")
                .value(
                    hasItem(
                        "'ghost' is no user of the group sales; a customer's sales rep must be"
                            + " one")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'C')].message")
                .value(hasItem(containsString("'quality' is no user of the group sales"))));
    upload("clerk", "/api/customer-import/customers", "bad-reps.csv", utf8(bad), null, "zh-CN")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("C2")))
        .andExpect(
            jsonPath("$.errors[*].message")
                .value(hasItem("第 2 行 C 列：“ghost”不是业务组（sales）的用户；客户的销售代表必须是业务组的用户")));
    assertThat(snapshot()).isEqualTo(before);

    // an empty cell clears the rep
    upload(
            "clerk",
            "/api/customer-import/customers",
            "clear.csv",
            utf8("Customer code,Customer name,Sales rep\n" + a + ",代表光伏有限公司,\n"))
        .andExpect(status().isOk());
    assertThat(salesRep(a)).isNull();

    // the template and the export have the column in the caller's language
    String template =
        as("clerk", get("/api/customer-import/templates/customers").param("format", "csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(template)
        .startsWith("\uFEFFCustomer code,Customer name,Address,Phone,Active,Sales rep,");
    String export =
        as(
                "sales",
                get("/api/customer-export/customers")
                    .param("format", "csv")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(export).startsWith("\uFEFF客户代码,客户名称,地址,电话,启用,销售代表,");
    upload(
            "clerk",
            "/api/customer-import/customers",
            "rep-again.csv",
            utf8("Customer code,Customer name,Sales rep\n" + b + ",无代表光伏,salesimport\n"))
        .andExpect(status().isOk());
    assertThat(
            as("sales", get("/api/customer-export/customers").param("format", "csv"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .contains(b + ",无代表光伏,,,yes,salesimport,");
  }

  // ---- bad files --------------------------------------------------------------------------------

  @Test
  void badCustomerRowsAreReportedWithRowAndColumnAndNothingIsImported() throws Exception {
    String a = code();
    String csv =
        EN_HEADER
            + "\n"
            + a
            + ",First,,,yes,,,,,,,,\n"
            + a
            + ",Again,,,maybe,,Buyer,,not-a-mail,,,,\n"
            + "X12,,,,,,,,,,,,\n";
    Map<String, Object> before = snapshot();
    upload("clerk", "/api/customer-import/customers/dry-run", "bad.csv", utf8(csv))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.digest").doesNotExist())
        .andExpect(jsonPath("$.changes").isEmpty())
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'A')].message")
                .value(hasItem("Customer " + a + " appears twice in the file (first in row 2)")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'E')].message")
                .value(hasItem("'maybe' is neither yes nor no (是/否)")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'F')].message")
                .value(hasItem("A contact with values but without a name")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'I')].message")
                .value(hasItem("'not-a-mail' is no e-mail address")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 4 && @.column == 'A')].message")
                .value(hasItem(containsString("'X12' is no customer code"))))
        .andExpect(
            jsonPath("$.errors[?(@.row == 4 && @.column == 'B')].message")
                .value(hasItem("Empty, but a value is needed here")));
    // the commit refuses the same file as a whole, in the caller's language
    upload("clerk", "/api/customer-import/customers", "bad.csv", utf8(csv), null, "zh-CN")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("B4")))
        .andExpect(jsonPath("$.errors[*].message").value(hasItem("第 4 行 B 列：为空，此处必须填写")));
    assertThat(snapshot()).as("nothing imported, not even the good first row").isEqualTo(before);
  }

  @Test
  void unknownAndMissingColumnsAreReportedInTheHeaderRow() throws Exception {
    Map<String, Object> before = snapshot();
    upload(
            "clerk",
            "/api/customer-import/customers/dry-run",
            "columns.csv",
            utf8("客户代码,Fax,Customer code\n" + code() + ",1,\n"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.errors[?(@.row == 1 && @.column == 'B')].message")
                .value(hasItem(containsString("Unknown column 'Fax'"))))
        .andExpect(
            jsonPath("$.errors[?(@.row == 1 && @.column == 'C')].message")
                .value(hasItem("The column 'Customer code' appears twice (also in column A)")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 1)].message")
                .value(hasItem("The column 客户名称 / Customer name is missing")));
    upload(
            "clerk",
            "/api/customer-import/customers",
            "columns.csv",
            utf8("客户代码,Fax,Customer code\n" + code() + ",1,\n"))
        .andExpect(status().isBadRequest());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void badRevenueRowsAreReportedAndNothingIsImported() throws Exception {
    Map<String, Object> before = snapshot();
    String csv =
        "Customer code,Year,Revenue (CNY)\n"
            + "C001,2025,99999999\n"
            + "C002,2025,lots\n"
            + "C003,2025,-5\n"
            + "C004,1999,100\n"
            + "C005,2025,\n"
            + "C999999,2025,100\n"
            + "C006,2025,1.234\n"
            + "C001,2025,5\n";
    upload("salesmanager", "/api/customer-import/revenue/dry-run", "revenue.csv", utf8(csv))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.errorCount").value(7))
        .andExpect(
            jsonPath("$.errors[?(@.row == 3 && @.column == 'C')].message")
                .value(hasItem("'lots' is no amount; write it like 1234567.89")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 4 && @.column == 'C')].message")
                .value(hasItem("Revenue -5 is negative")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 5 && @.column == 'B')].message")
                .value(hasItem(containsString("'1999' is no year from 2000 to"))))
        .andExpect(
            jsonPath("$.errors[?(@.row == 6 && @.column == 'C')].message")
                .value(hasItem("Empty, but a value is needed here")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 7 && @.column == 'A')].message")
                .value(
                    hasItem("No customer C999999 in the archive; import the customer file first")))
        .andExpect(
            jsonPath("$.errors[?(@.row == 8 && @.column == 'C')].message")
                .value(hasItem(containsString("more than 2 decimals"))))
        .andExpect(
            jsonPath("$.errors[?(@.row == 9 && @.column == 'A')].message")
                .value(
                    hasItem(
                        "Revenue of C001 for 2025 appears twice in the file (first in row 2)")));
    upload("salesmanager", "/api/customer-import/revenue", "revenue.csv", utf8(csv))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(7));
    assertThat(snapshot()).as("not even C001's good row").isEqualTo(before);
  }

  @Test
  void aFileOverTenMegabytesIsRefusedAsAWhole() throws Exception {
    Map<String, Object> before = snapshot();
    StringBuilder big = new StringBuilder(EN_HEADER).append('\n');
    int n = 0;
    while (big.length() <= 10 * 1024 * 1024) {
      big.append("C8").append(100000 + n++).append(",Big file customer,,,,,,,,,,,\n");
    }
    upload("clerk", "/api/customer-import/customers/dry-run", "big.csv", utf8(big.toString()))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("at most 10 MB")));
    upload("clerk", "/api/customer-import/customers", "big.csv", utf8(big.toString()))
        .andExpect(status().isPayloadTooLarge());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotWhatItsNameSaysIsRefusedAndImportsNothing() throws Exception {
    Map<String, Object> before = snapshot();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    upload("clerk", "/api/customer-import/customers", "photo.xlsx", png)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "The file photo.xlsx is named .xlsx but is no Excel workbook (it looks like"
                        + " PNG); nothing was imported"));
    upload("clerk", "/api/customer-import/customers", "photo.csv", png)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(
            jsonPath("$.detail").value(containsString("is no text file (it looks like PNG)")));
    byte[] binary = {'C', '0', '1', 0, 0, 7, 1, 2, ',', 'x', '\n'};
    upload("clerk", "/api/customer-import/customers", "data.csv", binary, null, "zh")
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.detail").value(containsString("不是文本文件")));
    byte[] xlsx = workbook(List.of(List.of("客户代码", "客户名称"), List.of(code(), "x")));
    upload("clerk", "/api/customer-import/customers", "renamed.csv", xlsx)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.detail").value(containsString("ZIP/.xlsx")));
    // a zip that is no workbook, and a workbook whose sheet inflates like a zip bomb
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("readme.txt"));
      out.write(utf8("hello"));
    }
    upload("clerk", "/api/customer-import/customers", "archive.xlsx", zip.toByteArray())
        .andExpect(status().isUnsupportedMediaType());
    upload("clerk", "/api/customer-import/customers", "bomb.xlsx", bomb(xlsx))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.detail").value(containsString("zip bomb")));
    upload("clerk", "/api/customer-import/customers", "old.xls", png)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.detail").value(containsString("(.xls)")));
    assertThat(snapshot()).isEqualTo(before);
  }

  /** The workbook with its sheet's XML padded by 30 MB of blanks (inflates more than 1000:1). */
  private static byte[] bomb(byte[] xlsx) throws Exception {
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
        ZipOutputStream out = new ZipOutputStream(result)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] data = in.readAllBytes();
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().startsWith("xl/worksheets/")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int at = xml.indexOf("<sheetData");
          out.write(utf8(xml.substring(0, at)));
          byte[] blanks = new byte[1024 * 1024];
          java.util.Arrays.fill(blanks, (byte) ' ');
          for (int i = 0; i < 30; i++) {
            out.write(blanks);
          }
          out.write(utf8(xml.substring(at)));
        } else {
          out.write(data);
        }
        out.closeEntry();
      }
    }
    return result.toByteArray();
  }

  // ---- export and round trip --------------------------------------------------------------------

  @Test
  void anExportImportedBackChangesNothingInBothFormatsAndLanguages() throws Exception {
    String tricky = code();
    upload(
            "clerk",
            "/api/customer-import/customers",
            "tricky.csv",
            utf8(
                EN_HEADER
                    + ",Sales rep\n"
                    + tricky
                    + ",\"=HYPERLINK(\"\"http://x\"\")\",\"a, \"\"quoted\"\" place\",+86 21"
                    + " 5555,no,@boss,-,'=x,mail@example.com,,,,,sales\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(1));
    assertThat(name(tricky)).isEqualTo("=HYPERLINK(\"http://x\")");
    assertThat(salesRep(tricky)).isEqualTo("sales");

    for (String language : List.of("en", "zh-CN")) {
      byte[] csv =
          as(
                  "salesmanager",
                  get("/api/customer-export/customers")
                      .param("format", "csv")
                      .header(HttpHeaders.ACCEPT_LANGUAGE, language))
              .andExpect(status().isOk())
              .andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("text/csv")))
              .andReturn()
              .getResponse()
              .getContentAsByteArray();
      assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
      String text = new String(csv, StandardCharsets.UTF_8);
      assertThat(text).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("'+86 21 5555");
      assertThat(text).contains(",'=x,").contains("'@boss").contains(",'-,");
      Map<String, Object> before = snapshot();
      upload("clerk", "/api/customer-import/customers", "export.csv", csv)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.created").value(0))
          .andExpect(jsonPath("$.changed").value(0))
          .andExpect(jsonPath("$.errorCount").value(0));
      byte[] xlsx =
          as(
                  "salesmanager",
                  get("/api/customer-export/customers")
                      .header(HttpHeaders.ACCEPT_LANGUAGE, language))
              .andExpect(status().isOk())
              .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString(".xlsx")))
              .andReturn()
              .getResponse()
              .getContentAsByteArray();
      upload("clerk", "/api/customer-import/customers", "export.xlsx", xlsx)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.changed").value(0))
          .andExpect(jsonPath("$.created").value(0));
      // the same workbook's revenue sheet, and the revenue CSV
      upload("salesmanager", "/api/customer-import/revenue", "export.xlsx", xlsx)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.sheet").value(language.equals("en") ? "Revenue" : "营业额"))
          .andExpect(jsonPath("$.changed").value(0))
          .andExpect(jsonPath("$.created").value(0))
          .andExpect(jsonPath("$.errorCount").value(0));
      byte[] revenueCsv =
          as(
                  "gm",
                  get("/api/customer-export/revenue")
                      .param("format", "csv")
                      .header(HttpHeaders.ACCEPT_LANGUAGE, language))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsByteArray();
      upload("salesmanager", "/api/customer-import/revenue", "revenue.csv", revenueCsv)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.created").value(0))
          .andExpect(jsonPath("$.changed").value(0));
      assertThat(snapshot()).as("round trip in " + language).isEqualTo(before);
    }
  }

  @Test
  void templatesAreDownloadableAndImportAsEmptyFiles() throws Exception {
    byte[] xlsx =
        as(
                "clerk",
                get("/api/customer-import/templates/customers")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "zh"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CONTENT_TYPE, ArchiveExport.XLSX))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("客户");
      assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("客户代码");
      assertThat(wb.getSheetAt(1).getSheetName()).isEqualTo("说明");
    }
    upload("clerk", "/api/customer-import/customers/dry-run", "template.xlsx", xlsx)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows").value(0))
        .andExpect(jsonPath("$.errorCount").value(0));
    String csv =
        as("salesmanager", get("/api/customer-import/templates/revenue").param("format", "csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv).isEqualTo("\uFEFFCustomer code,Customer name,Year,Revenue (CNY)\r\n");
    as("clerk", get("/api/customer-import/templates/revenue")).andExpect(status().isForbidden());
    as("clerk", get("/api/customer-import/templates/customers").param("format", "pdf"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("format"));
  }

  // ---- tiers ------------------------------------------------------------------------------------

  @Test
  void aRevenueImportRecomputesTheTiersOnceWithHistory() throws Exception {
    String a = code();
    upload(
            "clerk",
            "/api/customer-import/customers",
            "new.csv",
            utf8("Customer code,Customer name\n" + a + ",Rising Star Solar\n"))
        .andExpect(status().isOk());
    assertThat(
            jdbc.sql("select tier from customer where code = ?")
                .param(a)
                .query(String.class)
                .single())
        .isEqualTo("C");
    int historyBefore =
        jdbc.sql("select count(*) from customer_tier_change").query(Integer.class).single();
    // the largest revenue of the latest full year: rank 1, tier A; the old rank 8 drops to B
    String csv = "客户代码,年度,营业额\n" + a + ",2025,\"999,999,999.00\"\n" + a + ",2024,1000\n";
    JsonNode result =
        body(
            upload("salesmanager", "/api/customer-import/revenue", "revenue.csv", utf8(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2)));
    assertThat(
            jdbc.sql("select tier, tier_rank, tier_year from customer where code = ?")
                .param(a)
                .query()
                .singleRow())
        .containsEntry("TIER", "A")
        .containsEntry("TIER_RANK", 1)
        .containsEntry("TIER_YEAR", 2025);
    List<Map<String, Object>> history =
        jdbc.sql(
                "select customer_code, old_tier, new_tier, changed_by, reason from"
                    + " customer_tier_change order by id")
            .query()
            .listOfRows();
    List<Map<String, Object>> added = history.subList(historyBefore, history.size());
    assertThat(added)
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry("CUSTOMER_CODE", a)
                    .containsEntry("OLD_TIER", "C")
                    .containsEntry("NEW_TIER", "A")
                    .containsEntry("CHANGED_BY", "salesmanager"));
    assertThat(added)
        .anySatisfy(
            r -> assertThat(r).containsEntry("OLD_TIER", "A").containsEntry("NEW_TIER", "B"));
    assertThat(added)
        .as("one recomputation for the whole file: one reason")
        .extracting(r -> r.get("REASON"))
        .containsOnly("revenue import (2 figures)");
    assertThat(result.get("tierChanges")).hasSize(added.size());
    assertThat(changesOf("customer-revenue", a + "/")).isEqualTo(2);
    // and back: the figure removed over the API restores the ranks for the other tests
    as(
            "salesmanager",
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/api/customers/" + a + "/revenue/2025"))
        .andExpect(status().isNoContent());
  }

  // ---- access -----------------------------------------------------------------------------------

  @Test
  void onlyCustomerServiceAndSalesManagementImportCustomersAndOnlySalesManagementRevenue()
      throws Exception {
    Map<String, Object> before = snapshot();
    byte[] customers = utf8("Customer code,Customer name\n" + code() + ",Refused Ltd\n");
    byte[] revenue = utf8("Customer code,Year,Revenue (CNY)\nC001,2025,1\n");
    for (String user : List.of("sales", "quality", "qualitymanager", "gm", "engineer")) {
      upload(user, "/api/customer-import/customers/dry-run", "c.csv", customers)
          .andExpect(status().isForbidden());
      upload(user, "/api/customer-import/customers", "c.csv", customers)
          .andExpect(status().isForbidden());
    }
    for (String user : List.of("clerk", "sales", "gm")) {
      upload(user, "/api/customer-import/revenue/dry-run", "r.csv", revenue)
          .andExpect(status().isForbidden());
      upload(user, "/api/customer-import/revenue", "r.csv", revenue)
          .andExpect(status().isForbidden());
    }
    assertThat(snapshot()).isEqualTo(before);
    // export: readers get customers, only who sees revenue gets the revenue (sheet or file)
    byte[] sales =
        as("sales", get("/api/customer-export/customers"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(sales))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
    }
    byte[] manager =
        as("salesmanager", get("/api/customer-export/customers"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(manager))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
    }
    for (String user : List.of("clerk", "sales", "quality")) {
      as(user, get("/api/customer-export/revenue")).andExpect(status().isForbidden());
    }
    for (String user : List.of("engineer", "affairs")) {
      as(user, get("/api/customer-export/customers")).andExpect(status().isForbidden());
    }
  }
}
