package com.qmsflow.mailintake;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.browser.BrowserScript;
import com.qmsflow.evidence.TestEvidence;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (the system Chromium, driven by {@code src/test/browser/mail-draft.mjs}, in
 * Chinese) works through the drafts of the complaint mailbox (GreenMail IMAP): the clerk registers
 * the customer's mail as a complaint with the prefilled form, seeing a refusal at the field first,
 * and discards an advertising mail with a reason. Screenshots go to {@code target/browser/}.
 * Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:mail-draft-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.mail.intake.host=127.0.0.1",
      "qms.mail.intake.protocol=imap",
      "qms.mail.intake.username=complaints",
      "qms.mail.intake.password=secret",
      "qms.mail.intake.interval=PT1H"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailDraftBrowserIT {

  static final int IMAP_PORT = TestMails.freePort();
  static final String MAILBOX = "complaints@plant.example.com";
  static final String CUSTOMER = "C8901";
  static final String CONTACT = "赵敏";
  static final String CONTACT_EMAIL = "zhao.min@buyer.example.cn";
  static final String CUSTOMER_SUBJECT = "组件玻璃破裂投诉";
  static final String SPAM_SUBJECT = "年终促销";

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

  @LocalServerPort int port;
  @Autowired MailboxPoller poller;
  @Autowired InboundMailRepository mails;
  @Autowired JdbcClient jdbc;

  @Test
  void aClerkRegistersTheCustomersMailAndDiscardsAnAdvertisingWithAReason() throws Exception {
    BrowserScript.requireChromiumAndNode("MailDraftBrowserIT");
    jdbc.sql("insert into customer (code, name, address) values (?, '苏州晶彩光伏有限公司', '苏州')")
        .param(CUSTOMER)
        .update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email) values (?, ?, '质量经理',"
                + " ?)")
        .params(CUSTOMER, CONTACT, CONTACT_EMAIL)
        .update();
    mailbox.deliver(
        TestMails.mail(
            "<browser-1@buyer.example.cn>",
            CONTACT_EMAIL,
            CONTACT,
            MAILBOX,
            CUSTOMER_SUBJECT,
            "您好，批次 B2026-0315 有十块组件玻璃破裂。",
            TestMails.file("破裂照片.png", "image/png", TestEvidence.PNG),
            TestMails.file("setup.exe", "application/octet-stream", TestMails.exe())));
    mailbox.deliver(
        TestMails.mail(
            "<browser-2@ads.example>", "sales@ads.example", "Ads", MAILBOX, SPAM_SUBJECT, "全场五折"));
    assertThat(poller.poll().drafts()).isEqualTo(2);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "mail-draft.mjs",
            Map.of(
                "BASE_URL", "http://localhost:" + port,
                "CUSTOMER_SUBJECT", CUSTOMER_SUBJECT,
                "SPAM_SUBJECT", SPAM_SUBJECT,
                "CONTACT_NAME", CONTACT),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    Matcher number = Pattern.compile("COMPLAINT_NUMBER=(CC-\\S+)").matcher(browser.output());
    assertThat(number.find()).as("the page showed the complaint number").isTrue();
    assertThat(
            jdbc.sql(
                    "select customer_code || '/' || channel || '/' || batch_number from complaint"
                        + " where complaint_number = ?")
                .param(number.group(1))
                .query(String.class)
                .single())
        .isEqualTo(CUSTOMER + "/email/B2026-0315");
    assertThat(
            jdbc.sql(
                    "select original_name from attachment where owner_number = ? and step ="
                        + " 'intake'")
                .param(number.group(1))
                .query(String.class)
                .list())
        .containsExactly("破裂照片.png");
    List<InboundMailRepository.Mail> decided = mails.recentlyDecided(10);
    assertThat(decided)
        .extracting(InboundMailRepository.Mail::subject, InboundMailRepository.Mail::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(CUSTOMER_SUBJECT, "REGISTERED"),
            org.assertj.core.groups.Tuple.tuple(SPAM_SUBJECT, "DISCARDED"));
    assertThat(browser.output()).contains("DISCARDED=true");
    assertThat(BrowserScript.outputDir().resolve("mail-3-registered.png")).exists();
  }
}
