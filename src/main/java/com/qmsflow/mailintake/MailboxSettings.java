package com.qmsflow.mailintake;

import java.time.Duration;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * The {@code qms.mail.intake.*} settings of the complaint mailbox (IMAP), next to the SMTP settings
 * of {@code spring.mail.*}. Off by default: without {@code qms.mail.intake.host} nothing is polled.
 * Files larger than {@code qms.attachments.max-size} (the evidence limit) are refused.
 */
@Component
public class MailboxSettings {

  private final String host;
  private final int port;
  private final String protocol;
  private final String username;
  private final String password;
  private final String folder;
  private final Duration interval;
  private final boolean deleteImported;
  private final Duration timeout;
  private final DataSize maxAttachmentSize;

  public MailboxSettings(
      @Value("${qms.mail.intake.host:}") String host,
      @Value("${qms.mail.intake.port:993}") int port,
      @Value("${qms.mail.intake.protocol:imaps}") String protocol,
      @Value("${qms.mail.intake.username:}") String username,
      @Value("${qms.mail.intake.password:}") String password,
      @Value("${qms.mail.intake.folder:INBOX}") String folder,
      @Value("${qms.mail.intake.interval:PT1M}") Duration interval,
      @Value("${qms.mail.intake.delete-imported:false}") boolean deleteImported,
      @Value("${qms.mail.intake.timeout:PT20S}") Duration timeout,
      @Value("${qms.attachments.max-size:20MB}") DataSize maxAttachmentSize) {
    if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
      throw new IllegalArgumentException(
          "qms.mail.intake.protocol must be imap or imaps, not " + protocol);
    }
    this.host = host == null ? "" : host.trim();
    this.port = port;
    this.protocol = protocol;
    this.username = username;
    this.password = password;
    this.folder = folder;
    this.interval = interval;
    this.deleteImported = deleteImported;
    this.timeout = timeout;
    this.maxAttachmentSize = maxAttachmentSize;
  }

  /** Whether a mailbox is configured ({@code qms.mail.intake.host}). */
  public boolean enabled() {
    return StringUtils.hasText(host) && !interval.isZero() && !interval.isNegative();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String protocol() {
    return protocol;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String folder() {
    return folder;
  }

  public Duration interval() {
    return interval;
  }

  /** Whether an imported mail is deleted from the mailbox (else it is only marked as read). */
  public boolean deleteImported() {
    return deleteImported;
  }

  public long maxAttachmentBytes() {
    return maxAttachmentSize.toBytes();
  }

  /** The Jakarta Mail session properties: timeouts, and RFC 2047 file names decoded. */
  Properties sessionProperties() {
    Properties p = new Properties();
    String millis = String.valueOf(timeout.toMillis());
    for (String key : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
      p.setProperty("mail." + protocol + "." + key, millis);
    }
    // reading a mail must not mark it as read: only a stored mail is marked
    p.setProperty("mail." + protocol + ".peek", "true");
    p.setProperty("mail.mime.decodefilename", "true");
    p.setProperty("mail.mime.decodetext.strict", "false");
    return p;
  }
}
