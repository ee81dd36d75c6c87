package com.qmsflow.complainant;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser ({@code src/test/browser/status-page.mjs}): the customer opens the status link of
 * the acknowledgement without a login in English and Chinese; customer service revokes it on the
 * record page; the link then shows "not available" (404). Screenshots in {@code target/browser/}:
 * {@code status-page-en.png}, {@code status-page-zh.png}, {@code record-acknowledgement-en.png},
 * {@code status-page-revoked-en.png}. Skipped (with the reason) when Chromium or Node.js is
 * missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:status-page-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.complainant.missed-date-check-interval=0"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StatusPageBrowserIT {

  private static final Pattern LINK = Pattern.compile("(http://\\S+/status/[A-Za-z0-9_-]{43})");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  @Test
  void theCustomerFollowsTheStatusLinkAndCustomerServiceRevokesIt() throws Exception {
    BrowserScript.requireChromiumAndNode("StatusPageBrowserIT");
    jdbc.sql(
            "insert into customer (code, name, address) values ('C9801', 'Sunrise Solar Ltd',"
                + " 'Leeds')")
        .update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email, language) values"
                + " ('C9801', 'Mary Miller', 'buyer', 'mary.miller@buyer.example.com', 'en')")
        .update();
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(2).toInstant()));
    Map<String, Object> v = intake("C9801", "B-BROWSER-ACK", "BREAKAGE");
    v.put("contactName", "Mary Miller");
    ComplaintScenario c = ComplaintScenario.start(engine, v);
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(1).toInstant()));
    c.complete("userTaskConfirmWithCustomer");
    ClockUtil.reset();

    String body =
        jdbc.sql("select body from notification where business_key = ? and kind = ?")
            .params(number, Acknowledgements.KIND)
            .query(String.class)
            .single();
    Matcher m = LINK.matcher(body);
    assertThat(m.find()).as("status link in %s", body).isTrue();
    String link = m.group(1).replaceFirst("http://[^/]+", "http://localhost:" + port);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "status-page.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "STATUS_URL",
                link,
                "COMPLAINT_NUMBER",
                number,
                "TASKLIST_USER",
                "clerk",
                "TASKLIST_PASSWORD",
                "clerk"),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    Path out = BrowserScript.outputDir();
    assertThat(out.resolve("status-page-en.png")).exists();
    assertThat(out.resolve("status-page-zh.png")).exists();
    assertThat(out.resolve("record-acknowledgement-en.png")).exists();
    assertThat(
            jdbc.sql("select revoked_by from complaint_acknowledgement where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("clerk");
  }
}
