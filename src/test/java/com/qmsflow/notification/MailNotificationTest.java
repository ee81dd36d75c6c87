package com.qmsflow.notification;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.notification.NotificationService.Notification;
import com.qmsflow.processtest.EscalationTimers;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Mail delivery against a real SMTP server in the test JVM (GreenMail): escalation notices, the
 * task digest, the reply draft to sales, the reply a person sends to the customer, duplicate safety
 * with two dispatchers, retries. The dispatcher and the digest are called directly (their schedules
 * are off or far away), the engine's clock is set by the test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:mail-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "spring.mail.host=127.0.0.1",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=PT15M",
      "qms.mail.max-attempts=3",
      "qms.mail.base-url=https://qms.example.com/"
    })
@AutoConfigureMockMvc
class MailNotificationTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /**
   * A customer and contact with Chinese names (customer archive), and a Chinese-named sales
   * manager.
   */
  static final String CUSTOMER = "C901";

  static final String CUSTOMER_NAME = "华新光伏测试有限公司";
  static final String CONTACT = "李娜";
  static final String CONTACT_EMAIL = "li.na@customer.example.com";
  static final String MANAGER = "wangfang";

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

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired TaskDigest digest;
  @Autowired NotificationService notifications;
  @Autowired MailGateway gateway;
  @Autowired RecipientDirectory directory;
  @Autowired MailSettings settings;
  @Autowired Clock clock;
  @Autowired MockMvc mvc;

  @BeforeEach
  void cleanOutboxAndInboxes() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    jdbc.sql("delete from customer_reply").update();
    jdbc.sql("delete from notification_attachment").update();
    jdbc.sql("delete from notification").update();
    jdbc.sql("delete from task_digest_run").update();
    // earlier complaints of the same customer and defect would make these serious (repeat
    // complaints)
    for (String table :
        List.of("satisfaction_survey", "escalation", "recurrence_meeting", "complaint")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql(
            """
            insert into customer (code, name, address) select ?, ?, '无锡' where not exists (select 1 from customer where code = ?)\
            """)
        .params(CUSTOMER, CUSTOMER_NAME, CUSTOMER)
        .update();
    jdbc.sql(
            """
            insert into customer_contact (customer_code, name, role, email) select ?, ?, '采购', ?
            where not exists (select 1 from customer_contact where customer_code = ?)\
            """)
        .params(CUSTOMER, CONTACT, CONTACT_EMAIL, CUSTOMER)
        .update();
    // the acknowledgement to the contact is tested in complainant/ComplainantTest; here the
    // contact's inbox holds only what sales sends
    jdbc.sql("update customer set acknowledgement = 'MANUAL' where code = ?")
        .param(CUSTOMER)
        .update();
    if (identityService.createUserQuery().userId(MANAGER).count() == 0) {
      User user = identityService.newUser(MANAGER);
      user.setFirstName("芳");
      user.setLastName("王");
      user.setEmail(MANAGER + "@example.com");
      user.setPassword(MANAGER);
      identityService.saveUser(user);
      identityService.createMembership(MANAGER, "sales-management");
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anEscalationIsMailedToTheMembersOfTheEscalationGroupWithTaskNumberDueDateAndLevel()
      throws Exception {
    ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
    at(monday.toInstant());
    ComplaintScenario c = ComplaintScenario.start(engine, complaint("MAIL-ESC-1"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    Task confirm = task(c, "userTaskConfirmWithCustomer");
    assertThat(confirm.getDueDate()).isEqualTo(Date.from(monday.plusHours(4).toInstant()));

    at(monday.plusHours(4).plusMinutes(1).toInstant());
    EscalationTimers.fire(
        engine.getManagementService(), c.instance().getId(), "userTaskConfirmWithCustomer", 1);
    OutboxDispatcher.Result result = dispatcher.dispatch(clock.instant());
    assertThat(result.failedAttempts() + result.gaveUp()).isZero();

    List<MimeMessage> toManager = inbox(MANAGER + "@example.com");
    assertThat(toManager).hasSize(1);
    MimeMessage mail = toManager.get(0);
    assertThat(addresses(mail))
        .contains("salesmanager@example.com", MANAGER + "@example.com")
        .doesNotContain("sales@example.com", "clerk@example.com", CONTACT_EMAIL)
        .allSatisfy(
            a ->
                assertThat(directory.membersOf("sales-management"))
                    .extracting(RecipientDirectory.MailUser::email)
                    .contains(a));
    assertThat(personalNames(mail)).contains("芳 王");
    assertThat(mail.getSubject())
        .isEqualTo("[QMS] Overdue (level 1): Confirm complaint (与客户确认投诉) of " + number);
    assertThat(text(mail))
        .contains(
            "The task \"Confirm complaint (与客户确认投诉)\" of "
                + number
                + " (customer "
                + CUSTOMER_NAME
                + ")",
            "was due 2026-03-02 13:00 (Asia/Shanghai) and is not done",
            "Escalation level: 1",
            "Number: " + number,
            "Task: Confirm complaint (与客户确认投诉)",
            "Due: 2026-03-02 13:00 (Asia/Shanghai)",
            "group sales-management",
            "https://qms.example.com/camunda/app/tasklist/default/#/?task=" + confirm.getId());
    assertThat(inbox("salesmanager@example.com")).hasSize(1);
    assertThat(inbox("clerk@example.com")).as("customer service is not escalated to").isEmpty();
    assertThat(outboxStatus("escalation:" + confirm.getId() + ":1")).isEqualTo("SENT");
  }

  @Test
  void theTaskDigestSendsOneMailPerUserListingTheNewTasksOfTheUsersGroups() throws Exception {
    Instant t = ZonedDateTime.of(2026, 4, 7, 9, 0, 0, 0, SHANGHAI).toInstant();
    jdbc.sql(
            "insert into task_digest_run (name, covered_until, ran_at) values ('task-created', ?,"
                + " ?)")
        .params(java.sql.Timestamp.from(t.minusMillis(1)), java.sql.Timestamp.from(t))
        .update();
    at(t);
    ComplaintScenario a = ComplaintScenario.start(engine, complaint("MAIL-DIG-A"));
    ComplaintScenario b = ComplaintScenario.start(engine, complaint("MAIL-DIG-B"));
    ComplaintScenario c = ComplaintScenario.start(engine, complaint("MAIL-DIG-C"));
    at(t.plusSeconds(60));
    a.complete("userTaskConfirmWithCustomer");
    Task investigateA = task(a, "userTaskInvestigateOnSite");
    Task confirmB = task(b, "userTaskConfirmWithCustomer");
    Task confirmC = task(c, "userTaskConfirmWithCustomer");
    String numberA = (String) a.variable("complaintNumber");
    String numberB = (String) b.variable("complaintNumber");
    String numberC = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);

    int queued = digest.run(t.plusSeconds(180));
    assertThat(queued).as("clerk, sales and admin (every group) have new tasks").isEqualTo(3);
    dispatcher.dispatch(t.plusSeconds(180));

    List<MimeMessage> clerk = inbox("clerk@example.com");
    assertThat(clerk).as("one mail for two tasks").hasSize(1);
    assertThat(addresses(clerk.get(0))).containsExactly("clerk@example.com");
    assertThat(clerk.get(0).getSubject()).isEqualTo("[QMS] 2 new tasks in Tasklist");
    assertThat(text(clerk.get(0)))
        .contains(
            "Hello Clara Customer Service",
            numberB + " · Confirm complaint (与客户确认投诉)",
            numberC + " · Confirm complaint (与客户确认投诉)",
            "Due: " + due(confirmB),
            "Customer: " + CUSTOMER_NAME,
            "For: group customer-service",
            "https://qms.example.com/camunda/app/tasklist/default/#/?task=" + confirmB.getId(),
            "https://qms.example.com/camunda/app/tasklist/default/#/?task=" + confirmC.getId())
        .as("A's confirmation was done before the digest")
        .doesNotContain(numberA);

    List<MimeMessage> sales = inbox("sales@example.com");
    assertThat(sales).hasSize(1);
    assertThat(sales.get(0).getSubject())
        .isEqualTo("[QMS] New task: " + numberA + " · Investigate on site (现场调查取样)");
    assertThat(text(sales.get(0)))
        .contains("Due: " + due(investigateA), "For: group sales", "?task=" + investigateA.getId())
        .doesNotContain(numberB);

    List<MimeMessage> admin = inbox(addressOf("admin"));
    assertThat(admin).hasSize(1);
    assertThat(admin.get(0).getSubject()).isEqualTo("[QMS] 3 new tasks in Tasklist");
    assertThat(inbox("quality@example.com")).as("no new task of quality").isEmpty();

    // the next period has no new task; a digest of a covered period (another node, a repeat) queues
    // nothing
    assertThat(digest.run(t.plusSeconds(240))).isZero();
    assertThat(digest.run(t.plusSeconds(240))).isZero();
    dispatcher.dispatch(t.plusSeconds(240));
    assertThat(inbox("clerk@example.com")).hasSize(1);

    at(t.plusSeconds(300));
    b.complete("userTaskConfirmWithCustomer");
    assertThat(digest.run(t.plusSeconds(600))).as("sales and admin").isEqualTo(2);
    dispatcher.dispatch(t.plusSeconds(600));
    assertThat(inbox("sales@example.com")).hasSize(2);
    assertThat(text(inbox("sales@example.com").get(1))).contains(numberB).doesNotContain(numberA);
    assertThat(inbox("clerk@example.com")).hasSize(1);
  }

  @Test
  void theReplyDraftGoesToSalesForReviewAndNeverToTheCustomer() throws Exception {
    ComplaintScenario c = toReply("MAIL-REPLY-1");
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    Task reply = task(c, "userTaskReplyInWriting");
    dispatcher.dispatch(clock.instant());

    List<MimeMessage> sales = inbox("sales@example.com");
    assertThat(sales).hasSize(1);
    MimeMessage draft = sales.get(0);
    assertThat(addresses(draft)).contains("sales@example.com").doesNotContain(CONTACT_EMAIL);
    assertThat(draft.getSubject())
        .isEqualTo("[QMS] Draft reply for review: " + number + " (not sent to the customer)");
    assertThat(text(draft))
        .contains(
            "It has NOT been sent to the customer",
            "is due " + due(reply),
            "?task=" + reply.getId(),
            "To: " + CONTACT + " <" + CONTACT_EMAIL + ">",
            "Subject: Reply to your complaint " + number,
            "Dear " + CONTACT + ",",
            "thank you for your complaint " + number,
            "batch MAIL-REPLY-1",
            "Result of our investigation: your complaint is justified.",
            "Cause: Corner protectors missing at packing line 3 since the shift change.",
            "Immediate actions: Corner protectors added to the packing instruction of line 3.",
            "Improvement completed by: ");
    // the evidence collected on the way (improvement evidence, verification) is listed with links
    assertThat(text(draft))
        .containsPattern(
            "Evidence files of this complaint \\(attach those[^\\n"
                + "]*\\n"
                + "- [^\\n"
                + "]+: https?://[^\\n"
                + "]+/api/attachments/\\d+/content");
    assertThat(inbox(CONTACT_EMAIL)).as("the customer received nothing").isEmpty();
    assertThat(Arrays.stream(smtp.getReceivedMessages()).flatMap(m -> addresses(m).stream()))
        .doesNotContain(CONTACT_EMAIL);
  }

  @Test
  void onlySalesSendsTheReviewedReplyToTheCustomerOnceByPersonalAction() throws Exception {
    ComplaintScenario c = toReply("MAIL-REPLY-2");
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    String text = "尊敬的李娜女士：\n\n关于投诉 " + number + "，原因是包装线3缺少护角，已整改。\n\nKind regards,\nSam Sales";
    long evidence =
        jdbc.sql(
                "select min(id) from attachment where owner_kind = 'complaint' and owner_number ="
                    + " ?")
            .param(number)
            .query(Long.class)
            .single();
    String evidenceName =
        jdbc.sql("select original_name from attachment where id = ?")
            .param(evidence)
            .query(String.class)
            .single();
    String subject = "关于投诉 " + number + " 的答复";
    String body =
        "{\"subject\": \""
            + subject
            + "\", \"text\": "
            + json(text)
            + ", \"attachments\": ["
            + evidence
            + "], \"reviewed\": true}";

    sendReply(number, "clerk", body).andExpect(status().isForbidden());
    sendReply(number, "quality", body).andExpect(status().isForbidden());
    sendReply(number, "sales", "{\"text\": \"  \", \"reviewed\": true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("text"));
    sendReply(number, "sales", "{\"text\": \"Dear Ms Li <script>alert(1)</script>\"}")
        .andExpect(status().isBadRequest());
    // not yet reviewed: refused at the field, in the caller's language
    sendReply(number, "sales", body.replace("\"reviewed\": true", "\"reviewed\": false"), "zh-CN")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.errors[0].field").value("reviewed"))
        .andExpect(jsonPath("$.errors[0].message").value("发送前请确认您已审阅正文、收件人和附件"));
    sendReply(
            number,
            "sales",
            body.replace("\"reviewed\": true, ", "").replace(", \"reviewed\": true", ""),
            "en")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reviewed"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(
                    "Confirm that you reviewed the text, the recipient and the files before"
                        + " sending"));
    // a file that is not evidence of this complaint
    sendReply(number, "sales", body.replace("[" + evidence + "]", "[999999]"), "en")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("attachments"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(
                    "File 999999 is not an evidence file of complaint "
                        + number
                        + " or its 8D report"));
    sendReply("CC-2026-999999", "sales", body).andExpect(status().isNotFound());
    // no contact with an address in the archive
    jdbc.sql("update customer_contact set email = null where customer_code = ?")
        .param(CUSTOMER)
        .update();
    try {
      sendReply(number, "sales", body, "zh-CN")
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.type").value("/problems/conflict"))
          .andExpect(jsonPath("$.detail").value("客户档案中客户 " + CUSTOMER + " 没有带电子邮件地址的联系人"));
    } finally {
      jdbc.sql("update customer_contact set email = ? where customer_code = ?")
          .params(CONTACT_EMAIL, CUSTOMER)
          .update();
    }
    dispatcher.dispatch(clock.instant());
    assertThat(inbox(CONTACT_EMAIL)).as("refused requests send nothing").isEmpty();
    assertThat(jdbc.sql("select count(*) from customer_reply").query(Integer.class).single())
        .isZero();

    sendReply(number, "sales", body)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.to").value(CONTACT + " <" + CONTACT_EMAIL + ">"))
        .andExpect(jsonPath("$.status").value("PENDING"))
        .andExpect(jsonPath("$.attachments[0]").value(evidenceName))
        .andExpect(jsonPath("$.sentBy").value("sales"));
    dispatcher.dispatch(clock.instant());
    List<MimeMessage> customer = inbox(CONTACT_EMAIL);
    assertThat(customer).hasSize(1);
    MimeMessage mail = customer.get(0);
    assertThat(addresses(mail)).containsExactly(CONTACT_EMAIL);
    assertThat(personalNames(mail)).containsExactly(CONTACT);
    assertThat(mail.getSubject()).as("sent as written, no internal prefix").isEqualTo(subject);
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(textOf(parts.getBodyPart(0))).isEqualTo(text);
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart file = parts.getBodyPart(1);
    assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(file.getDisposition());
    assertThat(MimeUtility.decodeText(file.getFileName())).isEqualTo(evidenceName);
    byte[] stored =
        jdbc.sql("select content from attachment where id = ?")
            .param(evidence)
            .query(byte[].class)
            .single();
    assertThat(file.getInputStream().readAllBytes()).isEqualTo(stored);

    // kept in the record: to, subject, text, files, by whom, when, delivered
    var sent =
        jdbc.sql(
                """
                select r.recipient_address, r.subject, r.body, r.sent_by, r.requested_at, n.status, n.sent_at,
                       (select count(*) from notification_attachment a where a.notification_id = r.notification_id) files
                from customer_reply r join notification n on n.id = r.notification_id where r.complaint_number = ?\
                """)
            .param(number)
            .query()
            .singleRow();
    assertThat(sent)
        .containsEntry("RECIPIENT_ADDRESS", CONTACT_EMAIL)
        .containsEntry("SUBJECT", subject)
        .containsEntry("BODY", text)
        .containsEntry("SENT_BY", "sales")
        .containsEntry("STATUS", "SENT")
        .containsEntry("FILES", 1L);
    assertThat(sent.get("SENT_AT")).isNotNull();
    mvc.perform(
            get("/complaints/" + number)
                .session(com.qmsflow.web.WebTestSupport.signedIn("sales"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("id=\"sent-reply\""),
                        org.hamcrest.Matchers.containsString("Reply mailed to the customer"),
                        org.hamcrest.Matchers.containsString(evidenceName),
                        org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.containsString("id=\"send-reply\"")))));

    // and in the record's PDF (both languages)
    byte[] pdf =
        mvc.perform(
                get("/api/complaints/" + number + "/record.pdf")
                    .header(HttpHeaders.AUTHORIZATION, basic("sales")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
          .contains(
              "Reply mailed to the customer (已发送给客户的回复邮件)",
              CONTACT_EMAIL,
              evidenceName,
              "原因是包装线3缺少护角");
    }

    // the same reply again (double click): 200, nothing more is sent
    sendReply(number, "sales", body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SENT"));
    // a different second reply is refused: the customer has the reply
    sendReply(number, "sales", body.replace("已整改", "已整改完毕"), "zh-CN")
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.startsWith("投诉 " + number + " 的回复已发送给")));
    dispatcher.dispatch(clock.instant());
    assertThat(inbox(CONTACT_EMAIL)).hasSize(1);

    // no reply is due before the reply task
    ComplaintScenario early = ComplaintScenario.start(engine, complaint("MAIL-REPLY-3"));
    sendReply((String) early.variable("complaintNumber"), "sales", body, "en")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is not open")));
  }

  @Test
  void twoDispatchersRunningAtOnceSendEveryNotificationOnce() throws Exception {
    Instant now = Instant.parse("2026-05-04T01:00:00Z");
    for (int i = 0; i < 20; i++) {
      notifications.notifyOnce(
          "concurrency:" + i,
          new Notification(
              "TEST",
              "quality",
              "CC-TEST-" + i,
              "Concurrent " + i,
              "Notice number " + i + " für Qualität 质量"),
          now);
    }
    OutboxDispatcher otherNode = new OutboxDispatcher(jdbc, gateway, directory, settings, clock);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<OutboxDispatcher.Result>> runs = new ArrayList<>();
    for (OutboxDispatcher node : List.of(dispatcher, otherNode)) {
      Callable<OutboxDispatcher.Result> run =
          () -> {
            start.await();
            return node.dispatch(now);
          };
      runs.add(pool.submit(run));
    }
    start.countDown();
    int sent = 0;
    for (Future<OutboxDispatcher.Result> run : runs) {
      sent += run.get(60, TimeUnit.SECONDS).sent();
    }
    pool.shutdown();
    assertThat(dispatcher.dispatch(now).handled()).as("a second run finds nothing").isZero();

    assertThat(sent).isEqualTo(20);
    List<MimeMessage> quality = inbox("quality@example.com");
    assertThat(quality).hasSize(20);
    assertThat(quality)
        .extracting(MimeMessage::getSubject)
        .doesNotHaveDuplicates()
        .allSatisfy(s -> assertThat(s).startsWith("[QMS] Concurrent "));
    assertThat(text(quality.get(0))).contains("für Qualität 质量");
    assertThat(
            jdbc.sql(
                    "select count(*) from notification where status = 'SENT' and attempts = 1 and"
                        + " claimed_by is null")
                .query(Integer.class)
                .single())
        .isEqualTo(20);
  }

  @Test
  void aNotificationWithoutReachableRecipientIsRetriedWithBackoffAndFinallyLeftVisibleAsFailed() {
    Instant now = Instant.parse("2026-05-04T02:00:00Z");
    notifications.notifyOnce(
        "nobody",
        new Notification("TEST", "no-such-group", null, "Nobody", "Nobody reads this"),
        now);

    assertThat(dispatcher.dispatch(now).failedAttempts()).isEqualTo(1);
    assertThat(row("nobody"))
        .containsEntry("STATUS", "PENDING")
        .containsEntry("ATTEMPTS", 1)
        .containsEntry("LAST_ERROR", "No member of group no-such-group has an e-mail address");
    assertThat(dispatcher.dispatch(now.plusSeconds(59)).handled()).as("waits 1 minute").isZero();
    assertThat(dispatcher.dispatch(now.plusSeconds(60)).failedAttempts()).isEqualTo(1);
    assertThat(dispatcher.dispatch(now.plusSeconds(60 + 119)).handled())
        .as("then 2 minutes")
        .isZero();
    assertThat(dispatcher.dispatch(now.plusSeconds(180)).gaveUp())
        .as("third of 3 attempts")
        .isEqualTo(1);
    assertThat(dispatcher.dispatch(now.plusSeconds(86_400)).handled()).isZero();
    assertThat(row("nobody"))
        .containsEntry("STATUS", "FAILED")
        .containsEntry("ATTEMPTS", 3)
        .containsEntry("LAST_ERROR", "No member of group no-such-group has an e-mail address");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void withoutAMailServerEachNotificationIsLoggedOnceAndMarkedLogged(CapturedOutput output) {
    Instant now = Instant.parse("2026-05-04T03:00:00Z");
    notifications.notifyOnce(
        "log-mode",
        new Notification(
            "TEST", "quality", "CC-LOG-1", "Logged notice 质量", "Body of the logged notice"),
        now);
    OutboxDispatcher withoutServer =
        new OutboxDispatcher(
            jdbc, new MailGateway(noMailSender(), settings, clock), directory, settings, clock);

    assertThat(withoutServer.dispatch(now).logged()).isEqualTo(1);
    assertThat(withoutServer.dispatch(now.plusSeconds(3600)).handled()).as("logged once").isZero();
    assertThat(outboxStatus("log-mode")).isEqualTo("LOGGED");
    assertThat(output.getOut().split("Mail not sent \\(no spring.mail.host configured\\)", -1))
        .hasSize(2);
    assertThat(output.getOut())
        .contains("[QMS] Logged notice 质量", "Body of the logged notice", "quality@example.com");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  /** What Spring Boot provides without {@code spring.mail.host}: no JavaMailSender bean. */
  static ObjectProvider<JavaMailSender> noMailSender() {
    return new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class);
  }

  // --- helpers

  private Map<String, Object> complaint(String batch) {
    Map<String, Object> intake = intake(CUSTOMER, batch, "BREAKAGE");
    intake.put("contactName", CONTACT);
    return intake;
  }

  /** A minor complaint driven to "Reply in writing (书面回复客户)" (Monday 2 March 2026). */
  private ComplaintScenario toReply(String batch) {
    at(ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI).toInstant());
    ComplaintScenario c =
        ComplaintScenario.start(engine, complaint(batch))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .complete("userTaskCorrectNonconformity")
            .complete("userTaskCollectImprovementEvidence")
            .complete("userTaskVerifyEffectiveness");
    task(c, "userTaskReplyInWriting");
    return c;
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions sendReply(String number, String user, String body) throws Exception {
    return sendReply(number, user, body, "en");
  }

  private ResultActions sendReply(String number, String user, String body, String language)
      throws Exception {
    return mvc.perform(
        post("/api/complaints/" + number + "/reply-mail")
            .header(HttpHeaders.ACCEPT_LANGUAGE, language)
            .header(
                HttpHeaders.AUTHORIZATION,
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private Task task(ComplaintScenario c, String key) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey(key)
            .list();
    assertThat(tasks).as("open task %s", key).hasSize(1);
    return tasks.get(0);
  }

  private void fire(ComplaintScenario c, String boundaryEventId) {
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(c.instance().getId())
            .timers()
            .activityId(boundaryEventId)
            .singleResult();
    assertThat(timer).as("timer %s", boundaryEventId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private static String due(Task task) {
    if (task.getDueDate() == null) {
      return "-";
    }
    return MINUTES.format(task.getDueDate().toInstant().atZone(SHANGHAI)) + " (Asia/Shanghai)";
  }

  private String addressOf(String userId) {
    return identityService.createUserQuery().userId(userId).singleResult().getEmail();
  }

  private String outboxStatus(String dedupKey) {
    return jdbc.sql("select status from notification where dedup_key = ?")
        .param(dedupKey)
        .query(String.class)
        .single();
  }

  private Map<String, Object> row(String dedupKey) {
    return jdbc
        .sql("select status, attempts, last_error from notification where dedup_key = ?")
        .param(dedupKey)
        .query()
        .singleRow()
        .entrySet()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(), Map.Entry::getValue));
  }

  private static List<MimeMessage> inbox(String email) {
    return smtp.findReceivedMessages(user -> email.equalsIgnoreCase(user.getEmail()), m -> true)
        .toList();
  }

  private static List<String> addresses(MimeMessage mail) {
    try {
      Address[] to = mail.getAllRecipients();
      return to == null
          ? List.of()
          : Arrays.stream(to).map(a -> ((InternetAddress) a).getAddress()).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> personalNames(MimeMessage mail) throws Exception {
    return Arrays.stream(mail.getAllRecipients())
        .map(a -> ((InternetAddress) a).getPersonal())
        .toList();
  }

  private static String textOf(BodyPart part) throws Exception {
    assertThat(part.getContentType()).containsIgnoringCase("text/plain");
    return part.getContent().toString().replace("\r\n", "\n");
  }

  private static String text(MimeMessage mail) throws Exception {
    assertThat(mail.getContentType())
        .containsIgnoringCase("text/plain")
        .containsIgnoringCase("UTF-8");
    return mail.getContent().toString().replace("\r\n", "\n");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
