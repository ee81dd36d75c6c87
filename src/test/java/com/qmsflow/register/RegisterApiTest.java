package com.qmsflow.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The register API (issue 16.3, 16.6) on a known data set ({@link RegisterTestData}) in the
 * project's tables: every filter, sorting, paging, refused filters, both exports cell by cell with
 * formula escaping, what each group sees, and saved views.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:register-api-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class RegisterApiTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @BeforeEach
  void data() {
    new RegisterTestData(jdbc).insert();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic(user)));
  }

  /** The numbers of the rows {@code user} gets for the filters, in number order. */
  private List<String> numbers(String register, String user, String... params) throws Exception {
    MockHttpServletRequestBuilder request = get("/api/" + register);
    boolean sorted = false;
    for (int i = 0; i < params.length; i += 2) {
      request.param(params[i], params[i + 1]);
      sorted |= params[i].equals("sort");
    }
    if (!sorted) {
      request.param("sort", "number");
    }
    String body =
        as(user, request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    JsonNode page = json.readTree(body);
    List<String> numbers = new ArrayList<>();
    page.get("items").forEach(item -> numbers.add(item.get("number").asText()));
    assertThat(page.get("total").asLong()).isEqualTo(numbers.size());
    return numbers;
  }

  private List<String> complaints(String... params) throws Exception {
    return numbers("complaints", "quality", params);
  }

  private String customerName(String code) {
    return jdbc.sql("select name from customer where code = ?")
        .param(code)
        .query(String.class)
        .single();
  }

  // ---- filters
  // ------------------------------------------------------------------------------------

  @Test
  void textSearchCoversNumberCustomerProductBatchAndDescription() throws Exception {
    assertThat(complaints()).containsExactly("RG-0001", "RG-0002", "RG-0003", "RG-0004");
    assertThat(complaints("q", "rg-0003")).containsExactly("RG-0003");
    assertThat(complaints("q", "c009")).containsExactly("RG-0002");
    String name = customerName("C013");
    assertThat(complaints("q", name.substring(0, Math.min(6, name.length())))).contains("RG-0003");
    assertThat(complaints("q", "mono perc")).containsExactly("RG-0001");
    assertThat(complaints("q", "m550")).containsExactly("RG-0001");
    assertThat(complaints("q", "B-RG-200")).containsExactly("RG-0002");
    assertThat(complaints("q", "响应慢")).containsExactly("RG-0003");
    assertThat(complaints("q", "NOISE AT NIGHT")).containsExactly("RG-0004");
    // % and _ are searched as text, not as wildcards
    assertThat(complaints("q", "%")).isEmpty();
    assertThat(complaints("q", "B_RG_200")).isEmpty();
  }

  @Test
  void eachFilterSelectsItsRows() throws Exception {
    assertThat(complaints("customer", "C001")).containsExactly("RG-0001", "RG-0004");
    assertThat(complaints("tier", "B")).containsExactly("RG-0002");
    assertThat(complaints("category", "service")).containsExactly("RG-0003");
    assertThat(complaints("severity", "serious")).containsExactly("RG-0001");
    assertThat(complaints("status", "open")).containsExactly("RG-0002", "RG-0003");
    assertThat(complaints("status", "closed")).containsExactly("RG-0001", "RG-0004");
    assertThat(complaints("status", "overdue")).containsExactly("RG-0002");
    assertThat(complaints("defect", "ENV-NOISE")).containsExactly("RG-0004");
    assertThat(complaints("department", "production")).containsExactly("RG-0001");
    // the latest recorded value counts: RG-0001 was first engineering's
    assertThat(complaints("department", "engineering")).isEmpty();
    assertThat(complaints("department", "general-affairs")).containsExactly("RG-0004");
    assertThat(complaints("causeOrigin", "supplier")).containsExactly("RG-0002");
    assertThat(complaints("causeOrigin", "ownPlant")).containsExactly("RG-0001");
    // whole plant-local days, both ends included
    assertThat(complaints("receivedFrom", "2025-05-02", "receivedTo", "2025-06-15"))
        .containsExactly("RG-0002", "RG-0003");
    assertThat(complaints("receivedTo", "2025-05-01")).containsExactly("RG-0001");
    assertThat(complaints("receivedFrom", "2025-07-01")).containsExactly("RG-0004");
    assertThat(complaints("closedFrom", "2025-04-01", "closedTo", "2025-04-01"))
        .containsExactly("RG-0001");
    assertThat(complaints("escalated", "true")).containsExactly("RG-0002");
    assertThat(complaints("escalated", "false")).containsExactly("RG-0001", "RG-0003", "RG-0004");
    assertThat(complaints("customer", "C001", "status", "closed", "category", "quality"))
        .containsExactly("RG-0001");
  }

  @Test
  void rowsShowTheRecordedFindingsAndFlags() throws Exception {
    as("quality", get("/api/complaints").param("q", "RG-0002"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].overdue").value(true))
        .andExpect(jsonPath("$.items[0].escalated").value(true))
        .andExpect(jsonPath("$.items[0].causeOrigin").value("supplier"))
        .andExpect(jsonPath("$.items[0].receivedAt").value("2025-05-02T06:30:00Z"));
    as("quality", get("/api/complaints").param("q", "RG-0001"))
        .andExpect(jsonPath("$.items[0].overdue").value(false))
        .andExpect(jsonPath("$.items[0].responsibleDepartment").value("production"))
        .andExpect(jsonPath("$.items[0].replyDate").value("2025-03-20"))
        .andExpect(jsonPath("$.items[0].replyOnTime").value(true))
        .andExpect(jsonPath("$.items[0].eightDNumber").value("8D-RG-0001"))
        .andExpect(jsonPath("$.items[0].compensation").value("approved 5000"));
  }

  @Test
  void sortsAndPages() throws Exception {
    assertThat(complaints("sort", "-received"))
        .containsExactly("RG-0004", "RG-0003", "RG-0002", "RG-0001");
    assertThat(complaints("sort", "tier"))
        .containsExactly("RG-0001", "RG-0004", "RG-0002", "RG-0003");
    assertThat(complaints("sort", "-closed"))
        .containsExactly("RG-0004", "RG-0001", "RG-0003", "RG-0002");
    // default: newest first
    as("quality", get("/api/complaints"))
        .andExpect(jsonPath("$.sort").value("-received"))
        .andExpect(jsonPath("$.items[0].number").value("RG-0004"));
    as(
            "quality",
            get("/api/complaints").param("sort", "number").param("size", "2").param("page", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].number").value("RG-0003"))
        .andExpect(jsonPath("$.items[1].number").value("RG-0004"));
    as("quality", get("/api/complaints").param("size", "2").param("page", "2"))
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.items.length()").value(0));
  }

  @Test
  void badFiltersAreFieldErrorsInTheCallersLanguage() throws Exception {
    as(
            "quality",
            get("/api/complaints")
                .param("tier", "D")
                .param("receivedFrom", "2025-13-01")
                .param("closedFrom", "2025-05-02")
                .param("closedTo", "2025-05-01")
                .param("size", "500")
                .param("page", "-1")
                .param("sort", "description")
                .param("escalated", "maybe")
                .param("colour", "red"))
        .andExpect(status().isBadRequest())
        .andExpect(
            header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.errors.length()").value(8))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'tier')].message")
                .value("tier must be one of: A, B, C"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'receivedFrom')].message")
                .value("receivedFrom must be a date in the format yyyy-MM-dd, e.g. 2026-03-31"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'closedTo')].message")
                .value("closedTo must not be before closedFrom"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'size')].message").value("size must be at most 200"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'page')].message").value("page must be at least 0"))
        .andExpect(jsonPath("$.errors[?(@.field == 'sort')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == 'escalated')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == 'colour')]").exists());
    as("quality", get("/api/complaints").param("status", "lost").header("Accept-Language", "zh-CN"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("status"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(org.hamcrest.Matchers.containsString("open, closed, overdue")))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("must"))));
    as("quality", get("/api/corrective-actions").param("status", "lost"))
        .andExpect(status().isBadRequest());
    as("gm", get("/api/changes").param("state", "DONE")).andExpect(status().isBadRequest());
  }

  // ---- exports
  // --------------------------------------------------------------------------------------

  private static final List<String> HEADERS_EN =
      List.of(
          "Number",
          "Received",
          "Customer code",
          "Customer",
          "Tier",
          "Product",
          "Model",
          "Batch",
          "Quantity purchased",
          "Quantity defective",
          "Defect code",
          "Category",
          "Severity",
          "Responsibility",
          "Responsible department",
          "Cause origin",
          "Cause",
          "Corrective actions",
          "8D",
          "Compensation",
          "Reply date",
          "Reply on time",
          "Status",
          "Closed",
          "Overdue",
          "Escalated");

  private List<List<Object>> expectedRows() {
    return List.of(
        Arrays.asList(
            "RG-0001",
            "2025-03-10 09:00",
            "C001",
            customerName("C001"),
            "A",
            "Mono PERC module 550 W",
            "M550-144",
            "B-RG-100",
            1000.0,
            10.0,
            "BREAKAGE",
            "Quality",
            "Serious",
            "Product quality (ours)",
            "Production",
            "Own plant",
            "Lamination pressure too high",
            "Adjusted the laminator\nSPC on lamination pressure",
            "8D-RG-0001",
            "approved 5000",
            "2025-03-20",
            "yes",
            "Closed",
            "2025-04-01 10:00",
            "no",
            "no"),
        Arrays.asList(
            "RG-0002",
            "2025-05-02 14:30",
            "C009",
            customerName("C009"),
            "B",
            "+Frame kit",
            null,
            "B-RG-200",
            200.0,
            200.0,
            "LATE-DELIVERY",
            "Delivery",
            "Minor",
            null,
            "Material control",
            "Supplier",
            null,
            "@SUM(A1:A2)",
            null,
            null,
            null,
            null,
            "Open",
            null,
            "yes",
            "yes"));
  }

  @Test
  void excelExportHoldsTheRegistersColumnsCellByCell() throws Exception {
    byte[] file =
        as(
                "quality",
                get("/api/complaints/export.xlsx")
                    .param("sort", "number")
                    .param("receivedTo", "2025-05-31")
                    .param("page", "3"))
            .andExpect(status().isOk())
            .andExpect(
                header()
                    .string(
                        HttpHeaders.CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            .andExpect(
                header()
                    .string(
                        HttpHeaders.CONTENT_DISPOSITION,
                        org.hamcrest.Matchers.startsWith("attachment; filename=\"complaints-")))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("Complaint register");
      assertThat(cells(sheet.getRow(0), HEADERS_EN.size()))
          .containsExactlyElementsOf(new ArrayList<>(HEADERS_EN));
      assertThat(sheet.getLastRowNum()).as("two rows, the page parameter ignored").isEqualTo(2);
      List<List<Object>> expected = expectedRows();
      for (int r = 0; r < expected.size(); r++) {
        assertThat(cells(sheet.getRow(r + 1), HEADERS_EN.size()))
            .as("row %d", r + 1)
            .containsExactlyElementsOf(expected.get(r));
      }
      // typed cells: numbers are numbers, a text that looks like a formula stays text
      assertThat(sheet.getRow(1).getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(sheet.getRow(2).getCell(17).getCellType()).isEqualTo(CellType.STRING);
    }
    byte[] chinese =
        as("quality", get("/api/complaints/export.xlsx").header("Accept-Language", "zh-CN"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(chinese))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("客诉台账");
      assertThat(cells(sheet.getRow(0), 3)).containsExactly("编号", "受理时间", "客户代码");
      assertThat(sheet.getLastRowNum()).isEqualTo(4);
      // RG-0004 first (newest), its status in Chinese
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("RG-0004");
      assertThat(sheet.getRow(1).getCell(22).getStringCellValue()).isEqualTo("已结案");
      assertThat(sheet.getRow(1).getCell(11).getStringCellValue()).isEqualTo("环境");
    }
  }

  private static List<Object> cells(Row row, int count) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Cell cell = row.getCell(i);
      if (cell == null) {
        values.add(null);
      } else if (cell.getCellType() == CellType.NUMERIC) {
        values.add(cell.getNumericCellValue());
      } else {
        values.add(cell.getStringCellValue());
      }
    }
    return values;
  }

  @Test
  void csvExportIsUtf8WithBomAndEscapesFormulaCells() throws Exception {
    byte[] file =
        as(
                "quality",
                get("/api/complaints/export.csv")
                    .param("sort", "number")
                    .param("receivedTo", "2025-05-31"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
    List<List<String>> rows = Csv.parse(text);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsExactlyElementsOf(HEADERS_EN);
    List<List<Object>> expected = expectedRows();
    for (int r = 0; r < expected.size(); r++) {
      List<String> cells = new ArrayList<>();
      for (Object v : expected.get(r)) {
        cells.add(
            v == null
                ? ""
                : v instanceof Double d ? String.valueOf(d.intValue()) : escaped(v.toString()));
      }
      assertThat(rows.get(r + 1)).as("row %d", r + 1).containsExactlyElementsOf(cells);
    }
    assertThat(rows.get(2).get(5)).isEqualTo("'+Frame kit");
    assertThat(rows.get(2).get(17)).isEqualTo("'@SUM(A1:A2)");
    // the raw line: the quoted description of RG-0002 is not part of the export's columns, but the
    // formula-like product is written with its apostrophe and no field begins with "=" or "@"
    assertThat(text.lines().filter(l -> l.startsWith("RG-0002")).findFirst().orElseThrow())
        .contains(",'+Frame kit,")
        .doesNotContain(",=", ",@", ",+");

    String chinese =
        new String(
            as("quality", get("/api/complaints/export.csv").header("Accept-Language", "zh"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray(),
            StandardCharsets.UTF_8);
    assertThat(chinese.lines().findFirst().orElseThrow())
        .startsWith("\uFEFF编号,受理时间,客户代码,客户,客户等级,产品,型号,批号,购买数量,不良数量,缺陷代码");
  }

  private static String escaped(String v) {
    return "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
  }

  @Test
  void csvCellsBeginningLikeFormulasAreNeutralised() {
    assertThat(RegisterExport.csvCell("=1+2")).isEqualTo("'=1+2");
    assertThat(RegisterExport.csvCell("+1")).isEqualTo("'+1");
    assertThat(RegisterExport.csvCell("-1")).isEqualTo("'-1");
    assertThat(RegisterExport.csvCell("@A1")).isEqualTo("'@A1");
    assertThat(RegisterExport.csvCell("\tx")).isEqualTo("'\tx");
    assertThat(RegisterExport.csvCell("\rx")).isEqualTo("\"'\rx\"");
    assertThat(RegisterExport.csvCell("=HYPERLINK(\"a\",\"b\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
    assertThat(RegisterExport.csvCell("a,b")).isEqualTo("\"a,b\"");
    assertThat(RegisterExport.csvCell("plain")).isEqualTo("plain");
  }

  @Test
  void eightDAndChangeRegistersFilterSortAndExport() throws Exception {
    assertThat(numbers("corrective-actions", "quality"))
        .containsExactly("8D-RG-0001", "8D-RG-0002");
    assertThat(numbers("corrective-actions", "quality", "status", "overdue"))
        .containsExactly("8D-RG-0002");
    assertThat(numbers("corrective-actions", "quality", "complaint", "RG-0001"))
        .containsExactly("8D-RG-0001");
    assertThat(numbers("corrective-actions", "quality", "q", "solder"))
        .containsExactly("8D-RG-0002");
    assertThat(numbers("corrective-actions", "quality", "raisedFrom", "2025-08-01"))
        .containsExactly("8D-RG-0002");
    assertThat(numbers("corrective-actions", "quality", "sort", "-raised"))
        .containsExactly("8D-RG-0002", "8D-RG-0001");
    assertThat(numbers("changes", "gm")).containsExactly("CR-RG-0001", "CR-RG-0002");
    assertThat(numbers("changes", "gm", "state", "CLOSED")).containsExactly("CR-RG-0002");
    assertThat(numbers("changes", "gm", "status", "open")).containsExactly("CR-RG-0001");
    assertThat(numbers("changes", "gm", "type", "engineering-process"))
        .containsExactly("CR-RG-0001");
    assertThat(numbers("changes", "gm", "q", "k-2025-18")).containsExactly("CR-RG-0002");
    assertThat(numbers("changes", "gm", "customer", "C009")).containsExactly("CR-RG-0002");

    String eightD =
        new String(
            as("quality", get("/api/corrective-actions/export.csv").param("sort", "number"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray(),
            StandardCharsets.UTF_8);
    List<List<String>> rows = Csv.parse(eightD.substring(1));
    assertThat(rows.get(0))
        .containsExactly(
            "Number",
            "Raised",
            "Complaint",
            "Problem",
            "Root cause",
            "Permanent actions",
            "Status",
            "Closed",
            "Overdue",
            "Escalated");
    assertThat(rows.get(1))
        .containsExactly(
            "8D-RG-0001",
            "2025-03-13 09:00",
            "RG-0001",
            "Cracked glass",
            "Worn laminator membrane",
            "Membrane change every 5000 cycles",
            "Closed",
            "2025-03-30 09:00",
            "no",
            "no");
    byte[] changes =
        as(
                "gm",
                get("/api/changes/export.xlsx")
                    .param("sort", "number")
                    .header("Accept-Language", "zh"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(changes))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(cells(sheet.getRow(0), 3)).containsExactly("编号", "提出时间", "变更类型");
      assertThat(cells(sheet.getRow(1), 10))
          .containsExactly(
              "CR-RG-0001",
              "2025-09-01 09:00",
              "工程或工艺",
              "C001",
              customerName("C001"),
              null,
              "K-2025-17",
              "Switch to a new backsheet supplier",
              "engineer",
              "评审中");
    }
  }

  // ---- access
  // -------------------------------------------------------------------------------------

  @Test
  void complaintHandlersReadEverythingOthersOnlyWhereTheyHadATask() throws Exception {
    for (String user :
        List.of("clerk", "sales", "salesmanager", "quality", "qualitymanager", "gm", "admin")) {
      assertThat(numbers("complaints", user)).as(user).hasSize(4);
    }
    // engineering: its own step in RG-0002 and the 8D that RG-0001 called
    assertThat(numbers("complaints", "engineer")).containsExactly("RG-0001", "RG-0002");
    assertThat(numbers("complaints", "production")).containsExactly("RG-0001");
    assertThat(numbers("complaints", "affairs")).containsExactly("RG-0004");
    assertThat(numbers("complaints", "material")).isEmpty();
    // filters narrow within what the user may see, never beyond
    assertThat(numbers("complaints", "engineer", "status", "open")).containsExactly("RG-0002");
    assertThat(numbers("complaints", "production", "q", "B-RG-200")).isEmpty();
    byte[] export =
        as("production", get("/api/complaints/export.csv"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(Csv.parse(new String(export, StandardCharsets.UTF_8).substring(1))).hasSize(2);
    // a process owner is no business user: refused
    as("owner", get("/api/complaints"))
        .andExpect(status().isForbidden())
        .andExpect(
            header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    as("owner", get("/api/complaints/export.xlsx")).andExpect(status().isForbidden());
    mvc.perform(get("/api/complaints")).andExpect(status().isUnauthorized());
  }

  @Test
  void eightDsAndChangesFollowTheirOwnRules() throws Exception {
    assertThat(numbers("corrective-actions", "qualitymanager")).hasSize(2);
    assertThat(numbers("corrective-actions", "gm")).hasSize(2);
    // complaint readers: the 8Ds raised by complaints
    assertThat(numbers("corrective-actions", "clerk")).containsExactly("8D-RG-0001");
    assertThat(numbers("corrective-actions", "engineer")).containsExactly("8D-RG-0001");
    // production had a task in the complaint that raised 8D-RG-0001
    assertThat(numbers("corrective-actions", "production")).containsExactly("8D-RG-0001");
    assertThat(numbers("corrective-actions", "material")).isEmpty();

    // changes are confidential to the groups involved
    assertThat(numbers("changes", "gm")).hasSize(2);
    assertThat(numbers("changes", "sales")).hasSize(2);
    assertThat(numbers("changes", "engineer")).containsExactly("CR-RG-0001");
    assertThat(numbers("changes", "production")).containsExactly("CR-RG-0001");
    assertThat(numbers("changes", "quality")).containsExactly("CR-RG-0002");
    assertThat(numbers("changes", "clerk")).isEmpty();
    assertThat(numbers("changes", "affairs")).isEmpty();
  }

  // ---- saved views
  // --------------------------------------------------------------------------------

  @Test
  void savedViewsBelongToTheirOwner() throws Exception {
    String created =
        as(
                "quality",
                post("/api/register-views")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"register\":\"complaints\",\"name\":\"Overdue"
                            + " A\",\"filters\":\"status=overdue&tier=A\"}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.name").value("Overdue A"))
            .andExpect(jsonPath("$.filters").value("status=overdue&tier=A"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long id = json.readTree(created).get("id").asLong();
    as("quality", get("/api/register-views").param("register", "complaints"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + id + ")].name").value("Overdue A"));
    // another user sees nothing of it and cannot delete it
    as("clerk", get("/api/register-views").param("register", "complaints"))
        .andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
    as("clerk", delete("/api/register-views/" + id)).andExpect(status().isNotFound());
    // the same name twice: conflict; bad filters: the register's field errors
    as(
            "quality",
            post("/api/register-views")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"register\":\"complaints\",\"name\":\"Overdue A\",\"filters\":\"\"}"))
        .andExpect(status().isConflict());
    as(
            "quality",
            post("/api/register-views")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"register\":\"complaints\",\"name\":\"Bad\",\"filters\":\"tier=Z\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("tier"));
    as(
            "quality",
            post("/api/register-views")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"register\":\"tasks\",\"name\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(3));
    as("quality", delete("/api/register-views/" + id)).andExpect(status().isNoContent());
    as("quality", get("/api/register-views").param("register", "complaints"))
        .andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
    as("quality", delete("/api/register-views/" + id)).andExpect(status().isNotFound());
  }

  /** A small RFC 4180 reader for the checks. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          row.add(cell.toString());
          cell.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i++;
        } else {
          cell.append(c);
        }
      }
      if (!row.isEmpty() || cell.length() > 0) {
        row.add(cell.toString());
        rows.add(row);
      }
      return rows;
    }
  }
}
