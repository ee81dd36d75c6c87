package com.qmsflow.mailintake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.complaint.ComplaintScenario;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * Complaints by mail against a real IMAP server in the test JVM (GreenMail): a Chinese mail (RFC
 * 2047 subject, GBK text) becomes a draft matched to the customer with its files checked; a
 * duplicate delivery and two pollers at once store each mail once; a customer's reply with the
 * complaint number is filed with the complaint; nothing is lost when the mail server or the
 * database is down; customer service registers a draft (same rules and start as every complaint,
 * files moved to the evidence) or discards it with a reason, once; the correspondence lists mails
 * in and out. The poll is called directly (its schedule is an hour away).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:mail-intake-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.mail.intake.host=127.0.0.1",
      "qms.mail.intake.protocol=imap",
      "qms.mail.intake.username=complaints",
      "qms.mail.intake.password=secret",
      "qms.mail.intake.interval=PT1H",
      "qms.attachments.max-size=100KB"
    })
@AutoConfigureMockMvc
class MailIntakeTest {

  static final int IMAP_PORT = TestMails.freePort();
  static final String MAILBOX = "complaints@plant.example.com";
  static final String CUSTOMER = "C9801";
  static final String CONTACT = "李娜";
  static final String CONTACT_EMAIL = "Li.Na@Customer.example.cn";
  static final byte[] JPEG = TestMails.jpeg(2_000);

  static GreenMail imap;
  static GreenMailUser mailbox;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("qms.mail.intake.port", () -> IMAP_PORT);
  }

  @BeforeAll
  static void startImap() {
    imap = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    imap.start();
    mailbox = imap.setUser(MAILBOX, "complaints", "secret");
  }

  @AfterAll
  static void stopImap() {
    imap.stop();
  }

  @Autowired MailboxPoller poller;
  @Autowired MailboxSettings settings;
  @Autowired InboundMailRepository mails;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired RuntimeService runtimeService;
  @Autowired Clock clock;
  @Autowired MockMvc mvc;

  @BeforeEach
  void emptyMailboxAndTables() throws Exception {
    imap.purgeEmailFromAllMailboxes();
    jdbc.sql("delete from inbound_mail_attachment").update();
    jdbc.sql("delete from inbound_mail").update();
    jdbc.sql(
            "insert into customer (code, name, address) select ?, '华新光伏测试有限公司', '无锡' where not"
                + " exists (select 1 from customer where code = ?)")
        .params(CUSTOMER, CUSTOMER)
        .update();
    jdbc.sql("delete from customer_contact where customer_code = ?").param(CUSTOMER).update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email) values (?, ?, '采购',"
                + " ?)")
        .params(CUSTOMER, CONTACT, CONTACT_EMAIL)
        .update();
  }

  @Test
  void aChineseMailWithAGbkTextBecomesADraftOfTheSendersCustomerWithItsFilesChecked()
      throws Exception {
    MimeMessage mail =
        mail(
            "<cn-1@customer.example.cn>",
            "li.na@customer.example.cn",
            "产品质量投诉：组件玻璃破裂",
            "您好：\n批次 B2026-0315 的组件有 10 块玻璃破裂，请尽快处理。\n李娜",
            TestMails.file("现场照片.jpg", "image/jpeg", JPEG),
            TestMails.file("setup.exe", "application/octet-stream", TestMails.exe()),
            TestMails.file("scan.pdf", "application/pdf", TestMails.pdf(150_000)),
            TestMails.file("report.jpg", "image/jpeg", TestMails.pdf(500)));
    String raw = raw(mail);
    assertThat(raw)
        .as("the test mail is encoded as customers' mail programs do")
        .contains("=?UTF-8?B?", "charset=GBK")
        .doesNotContain("产品质量投诉");
    mailbox.deliver(mail);

    MailboxPoller.Result result = poller.poll();

    assertThat(result).isEqualTo(new MailboxPoller.Result(1, 0, 0, 0));
    List<InboundMailRepository.Mail> drafts = mails.withStatus("DRAFT", 10);
    assertThat(drafts).hasSize(1);
    InboundMailRepository.Mail draft = drafts.get(0);
    assertThat(draft.messageId()).isEqualTo("<cn-1@customer.example.cn>");
    assertThat(draft.subject()).isEqualTo("产品质量投诉：组件玻璃破裂");
    assertThat(draft.body()).contains("批次 B2026-0315 的组件有 10 块玻璃破裂", "李娜");
    assertThat(draft.fromName()).isEqualTo("李娜");
    assertThat(draft.customerCode()).as("matched by address, case-insensitive").isEqualTo(CUSTOMER);
    assertThat(draft.contactName()).isEqualTo(CONTACT);
    List<InboundMailRepository.StoredFile> files = mails.files(draft.id());
    assertThat(files)
        .extracting(InboundMailRepository.StoredFile::fileName)
        .containsExactly("现场照片.jpg", "setup.exe", "scan.pdf", "report.jpg");
    assertThat(files.get(0).refusedReason()).isNull();
    assertThat(files.get(0).contentType()).isEqualTo("image/jpeg");
    assertThat(mails.content(files.get(0).id()))
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(JPEG));
    assertThat(files.get(1).refusedReason())
        .startsWith("TYPE: the content is a Windows executable");
    assertThat(files.get(2).refusedReason()).startsWith("TOO_LARGE");
    assertThat(files.get(2).size()).isGreaterThan(100 * 1024);
    assertThat(files.get(3).refusedReason()).startsWith("NAME: the content is a PDF document");
    for (InboundMailRepository.StoredFile refused : files.subList(1, 4)) {
      assertThat(mails.content(refused.id())).as("no content of a refused file").isEmpty();
    }
    assertThat(seen()).as("marked as read once stored").containsExactly(true);

    // the page shows it, for customer service and quality management
    mvc.perform(as("clerk", get("/api/mail-intake")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].subject").value("产品质量投诉：组件玻璃破裂"))
        .andExpect(jsonPath("$[0].files[1].refusal").value("TYPE"));
    mvc.perform(as("qualitymanager", get("/api/mail-intake"))).andExpect(status().isOk());
    mvc.perform(as("sales", get("/api/mail-intake"))).andExpect(status().isForbidden());
  }

  @Test
  void aMailDeliveredTwiceAndPolledAgainIsStoredOnce() throws Exception {
    MimeMessage mail =
        mail("<dup-1@customer.example.cn>", CONTACT_EMAIL, "Complaint", "Broken glass");
    mailbox.deliver(mail);
    mailbox.deliver(
        mail("<dup-1@customer.example.cn>", CONTACT_EMAIL, "Complaint", "Broken glass"));

    MailboxPoller.Result first = poller.poll();
    MailboxPoller.Result second = poller.poll();

    assertThat(first.drafts()).isEqualTo(1);
    assertThat(second.drafts()).isZero();
    assertThat(count("select count(*) from inbound_mail")).isEqualTo(1);
  }

  @Test
  void twoPollersAtOnceStoreEveryMailExactlyOnce() throws Exception {
    for (int i = 0; i < 12; i++) {
      mailbox.deliver(
          mail("<race-" + i + "@customer.example.cn>", CONTACT_EMAIL, "投诉 " + i, "正文 " + i));
    }
    MailboxPoller other =
        new MailboxPoller(settings, new MailIntake(mails, jdbc, transactions), clock);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<MailboxPoller.Result>> results = new ArrayList<>();
      for (MailboxPoller p : List.of(poller, other)) {
        Callable<MailboxPoller.Result> run =
            () -> {
              start.await();
              return p.poll();
            };
        results.add(pool.submit(run));
      }
      start.countDown();
      int drafts = 0;
      int failed = 0;
      for (Future<MailboxPoller.Result> r : results) {
        drafts += r.get(60, TimeUnit.SECONDS).drafts();
        failed += r.get().failed();
      }
      assertThat(failed).isZero();
      assertThat(drafts).as("each mail counted by the poller that stored it").isEqualTo(12);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("select count(*) from inbound_mail")).isEqualTo(12);
    assertThat(count("select count(distinct message_id) from inbound_mail")).isEqualTo(12);
  }

  @Test
  void nothingIsLostWhileTheMailServerOrTheDatabaseIsDown() throws Exception {
    mailbox.deliver(mail("<down-1@customer.example.cn>", CONTACT_EMAIL, "Complaint", "Text"));
    MailboxSettings unreachable =
        new MailboxSettings(
            "127.0.0.1",
            TestMails.freePort(),
            "imap",
            "complaints",
            "secret",
            "INBOX",
            Duration.ofMinutes(1),
            false,
            Duration.ofSeconds(2),
            DataSize.ofKilobytes(100));
    MailIntake intake = new MailIntake(mails, jdbc, transactions);
    assertThatThrownBy(() -> new MailboxPoller(unreachable, intake, clock).poll())
        .isInstanceOf(MessagingException.class);

    MailIntake databaseDown =
        new MailIntake(mails, jdbc, transactions) {
          @Override
          public Outcome store(InboundMails.Parsed mail, Instant now, String node) {
            throw new DataAccessResourceFailureException("database down");
          }
        };
    MailboxPoller.Result failed = new MailboxPoller(settings, databaseDown, clock).poll();
    assertThat(failed.failed()).isEqualTo(1);
    assertThat(count("select count(*) from inbound_mail")).isZero();
    assertThat(seen()).as("left unread in the mailbox for the next poll").containsExactly(false);

    assertThat(poller.poll().drafts()).as("the next poll takes it").isEqualTo(1);
    assertThat(seen()).containsExactly(true);
  }

  @Test
  void aDraftIsRegisteredOnceWithTheRulesOfEveryComplaintAndItsFilesBecomeEvidence()
      throws Exception {
    mailbox.deliver(
        mail(
            "<reg-1@customer.example.cn>",
            CONTACT_EMAIL,
            "组件破裂",
            "十块组件玻璃破裂",
            TestMails.file("照片.jpg", "image/jpeg", JPEG),
            TestMails.file("virus.exe", "application/octet-stream", TestMails.exe())));
    poller.poll();
    long id = mails.withStatus("DRAFT", 1).get(0).id();
    Map<String, Object> complaint = ComplaintScenario.intake(CUSTOMER, "B-MAIL-1", "BREAKAGE");
    complaint.remove("channel");
    complaint.put("contactName", CONTACT);

    // a rule broken: 400 at its field, in the caller's language, and the draft stays
    Map<String, Object> broken = new java.util.HashMap<>(complaint);
    broken.remove("batchNumber");
    mvc.perform(
            as("clerk", post("/api/mail-intake/{id}/register", id))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(broken)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("batchNumber"));
    assertThat(mails.find(id).orElseThrow().status()).isEqualTo("DRAFT");
    assertThat(count("select count(*) from complaint where batch_number = 'B-MAIL-1'")).isZero();

    // only customer service decides
    mvc.perform(
            as("qualitymanager", post("/api/mail-intake/{id}/register", id))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(complaint)))
        .andExpect(status().isForbidden());

    String answer =
        mvc.perform(
                as("clerk", post("/api/mail-intake/{id}/register", id))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json(complaint)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    String number = new ObjectMapper().readTree(answer).get("complaintNumber").asText();
    assertThat(number).matches("CC-\\d{4}-\\d{6}");
    assertThat(
            jdbc.sql("select channel from complaint where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("email");
    assertThat(
            runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).count())
        .isEqualTo(1);
    InboundMailRepository.Mail registered = mails.find(id).orElseThrow();
    assertThat(registered.status()).isEqualTo("REGISTERED");
    assertThat(registered.complaintNumber()).isEqualTo(number);
    assertThat(registered.decidedBy()).isEqualTo("clerk");
    assertThat(
            jdbc.sql(
                    "select original_name from attachment where owner_number = ? and step ="
                        + " 'intake'")
                .param(number)
                .query(String.class)
                .list())
        .as("the accepted file moved, the refused one not")
        .containsExactly("照片.jpg");
    InboundMailRepository.StoredFile moved = mails.files(id).get(0);
    assertThat(moved.evidenceId()).isNotNull();
    assertThat(mails.content(moved.id())).as("not kept twice").isEmpty();

    // a second decision is refused and changes nothing
    mvc.perform(
            as("clerk", post("/api/mail-intake/{id}/register", id))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(complaint)))
        .andExpect(status().isConflict());
    mvc.perform(
            as("clerk", post("/api/mail-intake/{id}/discard", id))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"spam\"}"))
        .andExpect(status().isConflict());
    assertThat(count("select count(*) from complaint where batch_number = 'B-MAIL-1'"))
        .isEqualTo(1);

    // the customer answers the acknowledgement: filed with the complaint, shown as correspondence
    mailbox.deliver(
        mail(
            "<reply-1@customer.example.cn>",
            CONTACT_EMAIL,
            "回复：您的投诉 " + number + " 已受理",
            "附上更多照片。",
            TestMails.file("more.jpg", "image/jpeg", JPEG)));
    // the same number from a stranger is not the customer's reply: a draft for review
    mailbox.deliver(
        mail("<stranger-1@other.example>", "someone@other.example", "Re: " + number, "Hello"));
    MailboxPoller.Result result = poller.poll();
    assertThat(result.filed()).isEqualTo(1);
    assertThat(result.drafts()).isEqualTo(1);
    mvc.perform(as("sales", get("/api/complaints/{n}/correspondence", number)))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$[?(@.direction == 'in' && @.kind == 'COMPLAINT')].subject").value("组件破裂"))
        .andExpect(jsonPath("$[?(@.direction == 'in' && @.kind == 'REPLY')].body").value("附上更多照片。"))
        .andExpect(
            jsonPath("$[?(@.direction == 'in' && @.kind == 'REPLY')].files[0].name")
                .value("more.jpg"))
        .andExpect(jsonPath("$[?(@.direction == 'out')].to").isNotEmpty())
        .andExpect(jsonPath("$.length()").value(3));
    mvc.perform(as("engineer", get("/api/complaints/{n}/correspondence", number)))
        .andExpect(status().isForbidden());
  }

  @Test
  void aDraftIsDiscardedOnlyWithAReason() throws Exception {
    mailbox.deliver(mail("<spam-1@other.example>", "ads@other.example", "Buy now", "Cheap"));
    poller.poll();
    InboundMailRepository.Mail draft = mails.withStatus("DRAFT", 1).get(0);
    assertThat(draft.customerCode()).as("an unknown sender").isNull();

    mvc.perform(
            as("clerk", post("/api/mail-intake/{id}/discard", draft.id()))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"))
        .andExpect(jsonPath("$.errors[0].message").value("请填写作废此邮件的原因"));
    mvc.perform(
            as("sales", post("/api/mail-intake/{id}/discard", draft.id()))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"spam\"}"))
        .andExpect(status().isForbidden());
    assertThat(mails.find(draft.id()).orElseThrow().status()).isEqualTo("DRAFT");

    mvc.perform(
            as("clerk", post("/api/mail-intake/{id}/discard", draft.id()))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Advertising, not a complaint\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DISCARDED"))
        .andExpect(jsonPath("$.discardReason").value("Advertising, not a complaint"))
        .andExpect(jsonPath("$.decidedBy").value("clerk"));
    assertThat(mails.withStatus("DRAFT", 10)).isEmpty();
  }

  @Test
  void pagesListTheDraftsForCustomerServiceAndRefuseOthers() throws Exception {
    mailbox.deliver(mail("<page-1@customer.example.cn>", CONTACT_EMAIL, "页面测试", "正文"));
    poller.poll();
    long id = mails.withStatus("DRAFT", 1).get(0).id();
    org.springframework.mock.web.MockHttpSession clerk =
        com.qmsflow.web.WebTestSupport.signedIn("clerk");
    String list =
        mvc.perform(get("/mail-intake/").session(clerk).header(HttpHeaders.ACCEPT_LANGUAGE, "zh"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(list).contains("邮件客诉", "页面测试", "/mail-intake/" + id);
    String page =
        mvc.perform(get("/mail-intake/" + id).session(clerk))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("/api/mail-intake/" + id + "/register", "id=\"complaint\"", "id=\"discard\"");
    mvc.perform(get("/mail-intake/").session(com.qmsflow.web.WebTestSupport.signedIn("sales")))
        .andExpect(status().isForbidden());
  }

  // ---------------------------------------------------------------------------------------------

  private List<Boolean> seen() throws MessagingException {
    Session session = Session.getInstance(new Properties());
    Store store = session.getStore("imap");
    store.connect("127.0.0.1", IMAP_PORT, "complaints", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return Arrays.stream(inbox.getMessages())
            .map(
                m -> {
                  try {
                    return m.isSet(Flags.Flag.SEEN);
                  } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  private int count(String sql) {
    return jdbc.sql(sql).query(Integer.class).single();
  }

  private static MimeMessage mail(
      String messageId, String from, String subject, String text, TestMails.Attached... files)
      throws MessagingException {
    return TestMails.mail(messageId, from, CONTACT, MAILBOX, subject, text, files);
  }

  private static String raw(MimeMessage m) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String json(Object value) throws IOException {
    return new ObjectMapper().writeValueAsString(value);
  }

  private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.header(
        HttpHeaders.AUTHORIZATION,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }
}
