package com.qmsflow.complainant;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.complaint.CustomerDecisions;
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
 * A real browser ({@code src/test/browser/status-answer.mjs}): after the written reply the customer
 * rejects it on the status page (a too short reason is refused at the field, the text kept), the
 * page then says the answer was recorded, a resubmission is refused, and sales management sees the
 * decision on the record page. Screenshots in {@code target/browser/}: {@code
 * status-answer-form-en.png}, {@code status-answer-refused-en.png}, {@code
 * status-answer-recorded-en.png}, {@code status-answer-recorded-zh.png}, {@code
 * record-customer-decision-en.png}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:status-answer-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.complainant.missed-date-check-interval=0"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StatusAnswerBrowserIT {

  private static final Pattern LINK = Pattern.compile("(http://\\S+/status/[A-Za-z0-9_-]{43})");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired CustomerDecisions decisions;

  @Test
  void theCustomerRejectsTheReplyOnTheStatusPageOnce() throws Exception {
    BrowserScript.requireChromiumAndNode("StatusAnswerBrowserIT");
    jdbc.sql(
            "insert into customer (code, name, address) values ('C9802', 'Sunrise Solar Ltd',"
                + " 'Leeds')")
        .update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email, language) values"
                + " ('C9802', 'Mary Miller', 'buyer', 'mary.miller@buyer.example.com', 'en')")
        .update();
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(2).toInstant()));
    Map<String, Object> v = intake("C9802", "B-BROWSER-ANSWER", "BREAKAGE");
    v.put("contactName", "Mary Miller");
    ComplaintScenario c = ComplaintScenario.start(engine, v);
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    for (String task :
        new String[] {
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock",
          "userTaskCorrectNonconformity",
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness"
        }) {
      c.complete(task).runJobs();
    }
    // the scenario's sample was received on 2 March 2026: today the reply is late
    c.complete("userTaskReplyInWriting", "lateReason", "Waited for the customer's lab report.")
        .runJobs();
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
            "status-answer.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "STATUS_URL",
                link,
                "COMPLAINT_NUMBER",
                number,
                "TASKLIST_USER",
                "salesmanager",
                "TASKLIST_PASSWORD",
                "salesmanager"),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    Path out = BrowserScript.outputDir();
    assertThat(out.resolve("status-answer-recorded-en.png")).exists();
    assertThat(out.resolve("record-customer-decision-en.png")).exists();
    assertThat(decisions.of(number))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo(CustomerDecisions.REJECTED);
              assertThat(d.source()).isEqualTo(CustomerDecisions.STATUS_PAGE);
              assertThat(d.reason()).startsWith("The replacement modules cracked again");
            });
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(c.instance().getId())
                .taskDefinitionKey("userTaskSettleRejectedReply")
                .count())
        .isEqualTo(1);
  }
}
