package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.mailintake.InboundMailRepository;
import com.qmsflow.mailintake.MailIntake;
import com.qmsflow.mailintake.MailboxPoller;
import com.qmsflow.mailintake.MailboxSettings;
import com.qmsflow.mailintake.TestMails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Complaints by mail on a real PostgreSQL (V25 migrated by Flyway): two pollers reading the same
 * mailbox at once (as two nodes do) store every mail once, a Chinese mail with a file is registered
 * as a complaint over the API and the customer's reply is filed in its correspondence.
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "qms.demo.users=true",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.mail.intake.host=127.0.0.1",
      "qms.mail.intake.protocol=imap",
      "qms.mail.intake.username=complaints",
      "qms.mail.intake.password=secret",
      "qms.mail.intake.interval=PT1H"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailIntakeOnPostgresIT {

  static final int IMAP_PORT = TestMails.freePort();
  static final String MAILBOX = "complaints@plant.example.com";
  static final String CUSTOMER = "C9901";
  static final String CONTACT_EMAIL = "wang.li@buyer.example.cn";

  static GreenMail imap;
  static GreenMailUser mailbox;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
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

  @Autowired TestRestTemplate rest;
  @Autowired JdbcClient jdbc;
  @Autowired MailboxPoller poller;
  @Autowired MailboxSettings settings;
  @Autowired InboundMailRepository mails;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;

  @Test
  void twoNodesStoreEachMailOnceAndADraftBecomesAComplaintWithItsCorrespondence() throws Exception {
    jdbc.sql("insert into customer (code, name, address) values (?, '常州恒晟光电有限公司', '常州')")
        .param(CUSTOMER)
        .update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email) values (?, '王丽',"
                + " '采购', ?)")
        .params(CUSTOMER, CONTACT_EMAIL)
        .update();
    for (int i = 0; i < 10; i++) {
      mailbox.deliver(
          TestMails.mail(
              "<pg-" + i + "@buyer.example.cn>",
              CONTACT_EMAIL,
              "王丽",
              MAILBOX,
              "组件破裂 " + i,
              "批次 B-PG-" + i + " 玻璃破裂",
              TestMails.file("照片" + i + ".jpg", "image/jpeg", TestMails.jpeg(1_000))));
    }
    MailboxPoller otherNode =
        new MailboxPoller(settings, new MailIntake(mails, jdbc, transactions), clock);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int drafts = 0;
    try {
      List<Future<MailboxPoller.Result>> results = new ArrayList<>();
      for (MailboxPoller node : List.of(poller, otherNode)) {
        Callable<MailboxPoller.Result> run =
            () -> {
              start.await();
              return node.poll();
            };
        results.add(pool.submit(run));
      }
      start.countDown();
      for (Future<MailboxPoller.Result> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS).failed()).isZero();
        drafts += result.get().drafts();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(drafts).isEqualTo(10);
    assertThat(jdbc.sql("select count(*) from inbound_mail").query(Integer.class).single())
        .isEqualTo(10);
    assertThat(
            jdbc.sql("select count(*) from inbound_mail_attachment where refused_reason is null")
                .query(Integer.class)
                .single())
        .isEqualTo(10);

    long id =
        jdbc.sql("select id from inbound_mail where message_id = '<pg-0@buyer.example.cn>'")
            .query(Long.class)
            .single();
    Map<String, Object> complaint = ComplaintScenario.intake(CUSTOMER, "B-PG-0", "BREAKAGE");
    ResponseEntity<JsonNode> created =
        rest.withBasicAuth("clerk", "clerk")
            .postForEntity("/api/mail-intake/" + id + "/register", complaint, JsonNode.class);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = created.getBody().path("complaintNumber").asText();
    assertThat(
            jdbc.sql("select count(*) from attachment where owner_number = ? and step = 'intake'")
                .param(number)
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    mailbox.deliver(
        TestMails.mail(
            "<pg-reply@buyer.example.cn>", CONTACT_EMAIL, "王丽", MAILBOX, "Re: " + number, "补充说明"));
    assertThat(poller.poll().filed()).isEqualTo(1);
    ResponseEntity<JsonNode> mailsOfComplaint =
        rest.withBasicAuth("sales", "sales")
            .getForEntity("/api/complaints/" + number + "/correspondence", JsonNode.class);
    assertThat(mailsOfComplaint.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> kinds = new ArrayList<>();
    mailsOfComplaint
        .getBody()
        .forEach(m -> kinds.add(m.path("direction").asText() + ":" + m.path("kind").asText()));
    assertThat(kinds).contains("in:COMPLAINT", "in:REPLY");
  }
}
