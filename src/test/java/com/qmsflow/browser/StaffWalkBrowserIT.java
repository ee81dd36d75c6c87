package com.qmsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.notification.OutboxDispatcher;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18's "Done when" in one real browser walk ({@code src/test/browser/staff-walk.mjs}, the
 * system Chromium): the clerk registers a complaint, and every one of the 15 user tasks of the
 * minor path is found in "My group's tasks" by its number, claimed, checked for its context and
 * completed in Tasklist by a user of the task's real candidate group, alternating between an
 * English and a Chinese browser; on nine steps a wrong entry is refused first, at the field and in
 * the browser's language; the two evidence steps get a file; the sales rep sends the reply from the
 * record page; the record page shows the complaint closed. Here: the job executor runs the save
 * points as in production, the reply reached the contact in GreenMail, every step was completed by
 * a user of its group and the complaint is closed in the project's tables. Screenshots {@code
 * target/browser/walk-*.png}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:staff-walk-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=true",
      "spring.mail.host=127.0.0.1",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0"
    })
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StaffWalkBrowserIT {

  static final String CONTACT = "purchasing@c010.example.com";

  /** Each step of the minor path and the user of its candidate group who did it in the browser. */
  static final Map<String, String> DONE_BY =
      Map.ofEntries(
          Map.entry("userTaskConfirmWithCustomer", "clerk"),
          Map.entry("userTaskInvestigateOnSite", "sales"),
          Map.entry("userTaskAnalyseValidityAndCause", "quality"),
          Map.entry("userTaskReviewMinorSeverity", "qualitymanager"),
          Map.entry("userTaskCommitImprovementDate", "sales"),
          Map.entry("userTaskContainSuspectStock", "quality"),
          Map.entry("userTaskCorrectNonconformity", "production"),
          Map.entry("userTaskCollectImprovementEvidence", "sales"),
          Map.entry("userTaskVerifyEffectiveness", "quality"),
          Map.entry("userTaskReplyInWriting", "sales"),
          Map.entry("userTaskRecordCustomerDecision", "sales"),
          Map.entry("userTaskFollowUpAfterDelivery", "sales"),
          Map.entry("userTaskAssessProcessStability", "quality"),
          Map.entry("userTaskStandardiseImprovement", "quality"),
          Map.entry("userTaskArchiveComplaintRecords", "clerk"));

  static final int SMTP_PORT = freePort();
  static GreenMail smtp;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ComplaintRepository complaints;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired Clock clock;

  @Value("${qms.calendar.zone:Asia/Shanghai}")
  String plantZone;

  @Test
  void staffWalkTheMinorPathInTasklistInEnglishAndChineseAndTheReplyReachesTheContact()
      throws Exception {
    BrowserScript.requireChromiumAndNode("StaffWalkBrowserIT");
    Path photo = BrowserScript.outputDir().resolve("walk-evidence.png");
    Files.write(photo, TestEvidence.PNG);
    String today = LocalDate.now(clock.withZone(ZoneId.of(plantZone))).toString();

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "staff-walk.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "FILE",
                photo.toString(),
                "TODAY",
                today,
                "BATCH",
                "B-WALK-" + (System.currentTimeMillis() % 100000)),
            8);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    Matcher registered = Pattern.compile("COMPLAINT_NUMBER=(\\S+)").matcher(browser.output());
    assertThat(registered.find()).as("the register page showed the number").isTrue();
    String number = registered.group(1);

    assertThat(complaints.findByNumber(number).orElseThrow().status()).isEqualTo("CLOSED");
    List<Map<String, Object>> steps =
        jdbc.sql(
                """
                select s.task_definition_key, s.completed_by from process_step s
                join process_record r on r.process_instance_id = s.process_instance_id
                where r.business_key = ? and r.process_key = 'complaint-handling'
                order by s.created_at\
                """)
            .param(number)
            .query()
            .listOfRows();
    assertThat(steps)
        .extracting(row -> row.get("TASK_DEFINITION_KEY") + " by " + row.get("COMPLETED_BY"))
        .containsExactlyInAnyOrderElementsOf(
            DONE_BY.entrySet().stream().map(e -> e.getKey() + " by " + e.getValue()).toList());

    // the reply the sales rep sent from the record page reaches the contact
    dispatcher.dispatch(clock.instant());
    List<MimeMessage> toContact =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> recipients(m).contains(CONTACT))
            .filter(m -> text(m).contains("corner protectors were missing at packing line 3"))
            .toList();
    assertThat(toContact).as("the reply in the contact's mailbox").hasSize(1);
    MimeMessage reply = toContact.get(0);
    assertThat(reply.getSubject()).contains(number);
    assertThat(text(reply))
        .contains("the cause of complaint " + number + " is found and corrected");

    Path out = BrowserScript.outputDir();
    for (String shot :
        List.of(
            "walk-01-confirm-complaint-zh-refused.png",
            "walk-03-analyse-validity-and-cause-zh-refused.png",
            "walk-10-reply-in-writing-en-reply-sent.png",
            "walk-14-archive-complaint-records-en.png",
            "walk-16-record-closed-en.png",
            "walk-16-record-closed-zh.png")) {
      assertThat(out.resolve(shot)).exists();
    }
  }

  private static String recipients(MimeMessage mail) {
    try {
      return Arrays.toString(mail.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text parts of a mail (the reply may carry evidence files). */
  private static String text(Part part) {
    try {
      if (part.isMimeType("text/*")) {
        return part.getContent().toString().replace("\r\n", "\n");
      }
      if (part.getContent() instanceof Multipart multipart) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(text(multipart.getBodyPart(i)));
        }
        return text.toString();
      }
      return "";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
