package com.qmsflow.recordview;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.processtest.EscalationTimers;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser (issue 18.4 and 18.6): a sales rep sends the written reply from the complaint's
 * record page ({@code src/test/browser/reply-send.mjs}) — refused in Chinese at the field without
 * the review confirmed, then sent in English with an evidence file — and a general manager opens
 * "Overdue work" in English and Chinese. Screenshots in {@code target/browser/}: {@code
 * reply-send-refused-zh.png}, {@code reply-send-form-en.png}, {@code reply-sent-en.png}, {@code
 * reply-sent-zh.png}, {@code overdue-en.png}, {@code overdue-zh.png}. Skipped (with the reason)
 * when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:reply-send-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReplySendBrowserIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  @Test
  void aSalesRepSendsTheReplyFromTheRecordPageAndAManagerOpensTheOverdueWork() throws Exception {
    BrowserScript.requireChromiumAndNode("ReplySendBrowserIT");

    ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
    ClockUtil.setCurrentTime(Date.from(monday.toInstant()));
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C010", "B-BROWSER-REPLY", "LABEL"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    for (String task :
        List.of(
            "userTaskConfirmWithCustomer",
            "userTaskInvestigateOnSite",
            "userTaskAnalyseValidityAndCause",
            "userTaskReviewMinorSeverity",
            "userTaskCommitImprovementDate",
            "userTaskContainSuspectStock",
            "userTaskCorrectNonconformity",
            "userTaskCollectImprovementEvidence",
            "userTaskVerifyEffectiveness")) {
      c.complete(task).runJobs();
    }
    // a complaint nobody confirmed: escalated to sales management after its 4 hours
    ComplaintScenario late =
        ComplaintScenario.start(engine, intake("C010", "B-BROWSER-LATE", "LABEL"));
    String overdue = (String) late.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    ClockUtil.setCurrentTime(Date.from(monday.plusHours(5).toInstant()));
    EscalationTimers.fire(
        engine.getManagementService(), late.instance().getId(), "userTaskConfirmWithCustomer", 1);
    ClockUtil.reset();

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "reply-send.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "COMPLAINT_NUMBER",
                number,
                "OVERDUE_NUMBER",
                overdue),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    var sent =
        jdbc.sql(
                """
                select r.sent_by, r.recipient_address, r.body,
                       (select count(*) from notification_attachment a where a.notification_id = r.notification_id) files
                from customer_reply r where r.complaint_number = ?\
                """)
            .param(number)
            .query()
            .singleRow();
    assertThat(sent.get("SENT_BY")).isEqualTo("sales");
    assertThat(sent.get("RECIPIENT_ADDRESS")).isEqualTo("purchasing@c010.example.com");
    assertThat((String) sent.get("BODY")).contains("the cause of complaint " + number);
    assertThat(sent.get("FILES")).isEqualTo(1L);
    Path out = BrowserScript.outputDir();
    for (String shot :
        List.of(
            "reply-send-refused-zh.png",
            "reply-send-form-en.png",
            "reply-sent-en.png",
            "reply-sent-zh.png",
            "overdue-en.png",
            "overdue-zh.png")) {
      assertThat(out.resolve(shot)).exists();
    }
  }
}
