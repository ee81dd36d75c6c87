package com.qmsflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text UTF-8 mails through Spring Boot's {@link JavaMailSender}, which exists only when
 * {@code spring.mail.host} is set; without it {@link #configured()} is false and the dispatcher
 * logs instead.
 */
@Component
public class MailGateway {

  /** One addressee. */
  public record Address(String email, String name) {}

  /** A file attached to a mail. */
  public record File(String name, String contentType, byte[] content) {}

  private final ObjectProvider<JavaMailSender> sender;
  private final MailSettings settings;
  private final Clock clock;

  public MailGateway(ObjectProvider<JavaMailSender> sender, MailSettings settings, Clock clock) {
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
  }

  public boolean configured() {
    return sender.getIfAvailable() != null;
  }

  /** One message to all addressees (To), with exactly this subject. */
  public void send(List<Address> to, String subject, String body) throws MailException {
    send(to, subject, body, List.of());
  }

  /** One message to all addressees (To), with exactly this subject and these files attached. */
  public void send(List<Address> to, String subject, String body, List<File> files)
      throws MailException {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      throw new IllegalStateException("No mail server configured (spring.mail.host)");
    }
    MimeMessage message = mail.createMimeMessage();
    try {
      MimeMessageHelper helper =
          new MimeMessageHelper(
              message,
              files.isEmpty()
                  ? MimeMessageHelper.MULTIPART_MODE_NO
                  : MimeMessageHelper.MULTIPART_MODE_MIXED,
              StandardCharsets.UTF_8.name());
      helper.setFrom(settings.from());
      InternetAddress[] addresses = new InternetAddress[to.size()];
      for (int i = 0; i < to.size(); i++) {
        addresses[i] =
            new InternetAddress(to.get(i).email(), to.get(i).name(), StandardCharsets.UTF_8.name());
        addresses[i].validate();
      }
      helper.setTo(addresses);
      helper.setSubject(subject);
      helper.setText(body, false);
      for (File file : files) {
        helper.addAttachment(
            file.name(), new ByteArrayResource(file.content()), file.contentType());
      }
      helper.setSentDate(Date.from(clock.instant()));
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailPreparationException("Cannot address or build the mail: " + e.getMessage(), e);
    }
    mail.send(message);
  }
}
