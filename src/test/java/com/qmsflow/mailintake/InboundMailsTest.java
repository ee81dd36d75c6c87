package com.qmsflow.mailintake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Reading a mail without a server or database: ids, HTML-only mails, unknown charsets. */
class InboundMailsTest {

  private static MimeMessage read(String raw) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMailWithoutMessageIdIsKnownByADigestOfItsContent() throws Exception {
    String raw =
        "From: a@example.com\r\nSubject: no id\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "text\r\n";
    String id = InboundMails.messageId(read(raw));
    assertThat(id).matches("<[0-9a-f]{64}@no-message-id\\.qms>");
    assertThat(InboundMails.messageId(read(raw))).as("the same mail again").isEqualTo(id);
    assertThat(InboundMails.messageId(read(raw.replace("text", "other"))))
        .as("another mail")
        .isNotEqualTo(id);
  }

  @Test
  void anHtmlOnlyMailIsKeptAsTextWithoutItsScript() throws Exception {
    InboundMails.Parsed mail =
        InboundMails.parse(
            read(
                "Message-ID: <h@example.com>\r\n"
                    + "From: =?UTF-8?B?5p2O5aic?= <a@example.com>\r\n"
                    + "Subject: =?GBK?B?zbbL3w==?=\r\n"
                    + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                    + "<p>玻璃&nbsp;破裂</p><script>alert(1)</script><br>请处理\r\n"),
            1000);
    assertThat(mail.subject()).isEqualTo("投诉");
    assertThat(mail.fromName()).isEqualTo("李娜");
    assertThat(mail.body()).isEqualTo("玻璃 破裂\n\n请处理");
    assertThat(mail.files()).isEmpty();
  }

  @Test
  void aTextInAnUnknownCharsetIsReadAsUtf8() throws Exception {
    InboundMails.Parsed mail =
        InboundMails.parse(
            read(
                "Message-ID: <u@example.com>\r\nFrom: a@example.com\r\nSubject: x\r\n"
                    + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n质量问题\r\n"),
            1000);
    assertThat(mail.body()).isEqualTo("质量问题");
  }

  @Test
  void aComplaintNumberIsFoundInAReplysSubject() {
    var m = MailIntake.COMPLAINT_NUMBER.matcher("回复：您的投诉 CC-2026-000123 已受理");
    assertThat(m.find()).isTrue();
    assertThat(m.group()).isEqualTo("CC-2026-000123");
    assertThat(MailIntake.COMPLAINT_NUMBER.matcher("CC-2026-12").find()).isFalse();
  }
}
