package com.qmsflow.mailintake;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Mails as a Chinese customer's mail program writes them, for the tests of the complaint mailbox.
 */
public final class TestMails {

  /** A file attached to a test mail. */
  public record Attached(String name, String type, byte[] content) {}

  private TestMails() {}

  public static Attached file(String name, String type, byte[] content) {
    return new Attached(name, type, content);
  }

  /**
   * A mail with this Message-ID: the sender's name and the subject RFC 2047 encoded (UTF-8), the
   * text in GBK, the file names RFC 2047 encoded.
   */
  public static MimeMessage mail(
      String messageId,
      String from,
      String fromName,
      String to,
      String subject,
      String text,
      Attached... files)
      throws MessagingException {
    MimeMessage m =
        new MimeMessage(Session.getInstance(new Properties())) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    try {
      m.setFrom(new InternetAddress(from, fromName, "UTF-8"));
      m.setRecipients(MimeMessage.RecipientType.TO, to);
      m.setSubject(subject, "UTF-8");
      m.setSentDate(Date.from(Instant.parse("2026-03-02T01:00:00Z")));
      MimeMultipart multipart = new MimeMultipart();
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "GBK");
      multipart.addBodyPart(body);
      for (Attached f : files) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(f.content(), f.type())));
        part.setFileName(MimeUtility.encodeText(f.name(), "UTF-8", "B"));
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        multipart.addBodyPart(part);
      }
      m.setContent(multipart);
      m.saveChanges();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** A JPEG as far as type detection goes (its magic bytes). */
  public static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    for (int i = 3; i < size; i++) {
      b[i] = (byte) (i * 31);
    }
    return b;
  }

  /** A Windows program (its magic bytes). */
  public static byte[] exe() {
    byte[] b = new byte[600];
    b[0] = 'M';
    b[1] = 'Z';
    return b;
  }

  /** A PDF as far as type detection goes. */
  public static byte[] pdf(int size) {
    byte[] b = new byte[size];
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = head.length; i < size; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
