package com.qmsflow.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.evidence.Attachment;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.evidence.TestEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser (the system Chromium, driven by {@code src/test/browser/register-complaint.mjs},
 * in Chinese) registers a complaint through the "Register a complaint" page, reached from
 * Tasklist's header: the clerk finds the customer by a part of its Chinese name, picks its contact
 * and the defect, sees a refusal at the field, attaches a photo and gets the complaint number; then
 * a sales manager sees a customer's revenue on its page and a quality engineer does not, and the
 * customer's complaint history pages 20 at a time. Screenshots go to {@code target/browser/}.
 * Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:register-complaint-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegisterComplaintBrowserIT {

  private static final String CUSTOMER = "C8801";
  private static final String NAME = "无锡华鑫光伏科技有限公司";
  private static final String UNTIERED = "C8802";
  private static final int LOADED = 25;

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired ComplaintRepository complaints;
  @Autowired AttachmentRepository attachments;
  @Autowired JdbcClient jdbc;

  @Test
  void
      aClerkRegistersAComplaintFindingTheCustomerByItsChineseNameAndOnlySalesManagementSeesRevenue()
          throws Exception {
    BrowserScript.requireChromiumAndNode("RegisterComplaintBrowserIT");
    // a customer with a Chinese name and a contact, entered as customer service would
    TestRestTemplate clerk = http.withBasicAuth("clerk", "clerk");
    assertThat(
            clerk
                .postForEntity(
                    "/api/customers",
                    Map.of("code", CUSTOMER, "name", NAME, "address", "江苏省无锡市"),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            clerk
                .postForEntity(
                    "/api/customers/" + CUSTOMER + "/contacts",
                    Map.of("name", "王丽", "role", "采购经理", "phone", "+86 510 8888 0002"),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    // a customer whose tier was never computed: loaded into the table directly
    jdbc.sql("insert into customer (code, name, active) values (?, ?, true)")
        .params(UNTIERED, "未分级光伏有限公司")
        .update();

    // 25 earlier complaints of the customer (loaded as from the old register), so that its
    // history has a second page once the clerk's complaint is added: received 00:30 plant time
    // (Asia/Shanghai) on 6 January and hourly after it
    Instant firstLoaded = Instant.parse("2026-01-05T16:30:00Z");
    for (int i = 0; i < LOADED; i++) {
      jdbc.sql(
              "insert into complaint (complaint_number, customer_code, category, channel,"
                  + " product_name, batch_number, defect_code, description, received_at)"
                  + " values (?, ?, 'QUALITY', 'PHONE', 'Mono PERC module 550 W', 'B2025-1201',"
                  + " 'BREAKAGE', '旧登记簿导入', ?)")
          .params(
              String.format("HX-8801-%02d", i),
              CUSTOMER,
              Timestamp.from(firstLoaded.plusSeconds(3600L * i)))
          .update();
    }

    Path photo = BrowserScript.outputDir().resolve("cracked-glass.png");
    Files.write(photo, TestEvidence.PNG);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "register-complaint.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "CUSTOMER_QUERY",
                "华鑫光伏",
                "CUSTOMER_NAME",
                NAME,
                "CONTACT_NAME",
                "王丽",
                "UNTIERED_CUSTOMER",
                UNTIERED,
                "REVENUE_CUSTOMER",
                "C003",
                "HISTORY_CUSTOMER",
                CUSTOMER,
                "FILE",
                photo.toString()),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    Matcher number = Pattern.compile("COMPLAINT_NUMBER=(\\S+)").matcher(browser.output());
    assertThat(number.find()).as("the page showed the complaint number").isTrue();
    Complaint complaint = complaints.findByNumber(number.group(1)).orElseThrow();
    assertThat(complaint.customerCode()).isEqualTo(CUSTOMER);
    assertThat(complaint.defectCode()).isEqualTo("BREAKAGE");
    assertThat(complaint.batchNumber()).isEqualTo("B2026-0412");
    assertThat(complaint.description()).contains("裂纹");
    List<Attachment> files = attachments.findByOwner(OwnerKind.COMPLAINT, number.group(1));
    assertThat(files)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.originalName()).isEqualTo("cracked-glass.png");
              assertThat(a.step()).isEqualTo("intake");
              assertThat(a.uploadedBy()).isEqualTo("clerk");
            });

    assertThat(browser.output()).contains("REVENUE_ROWS=2", "QUALITY_SEES_REVENUE=false");
    // the history: the clerk's complaint and the 25 loaded ones, 20 on the first page
    assertThat(browser.output())
        .contains(
            "HISTORY_FIRST_PAGE=20",
            "HISTORY_POSITION=第 1 / 2 页 · 共 " + (LOADED + 1) + " 条客诉",
            "HISTORY_PREVIOUS_DISABLED=true",
            "HISTORY_SECOND_PAGE=" + (LOADED + 1 - 20),
            "HISTORY_NEXT_DISABLED=true",
            "HISTORY_OLDEST=2026-01-06 00:30");
    assertThat(BrowserScript.outputDir().resolve("register-3-confirmation.png")).exists();
    assertThat(BrowserScript.outputDir().resolve("customer-quality.png")).exists();
  }
}
