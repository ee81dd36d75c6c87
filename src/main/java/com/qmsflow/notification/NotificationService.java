package com.qmsflow.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notifications (reports to management, escalations, task digests, reply drafts, replies to
 * customers), kept in an outbox table so a notification is written in the same transaction as the
 * step that causes it and never twice: the dedup key makes a retried job notify once. {@link
 * OutboxDispatcher} delivers the outbox by mail where mail is configured; without it each
 * notification is logged once.
 */
@Service
public class NotificationService {

  /**
   * Kind of a reply written by sales and sent to the customer contact; mailed exactly as written.
   */
  public static final String CUSTOMER_REPLY = "CUSTOMER_REPLY";

  /** Kind of the draft of the written reply, sent to sales for review (never to the customer). */
  public static final String REPLY_DRAFT = "REPLY_DRAFT";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  /** A notification to the members of a group. */
  public record Notification(
      String kind, String recipientGroup, String businessKey, String subject, String body) {}

  /**
   * Who receives a notification: exactly one of group, user or address (with an optional display
   * name).
   */
  public record Recipient(String group, String user, String address, String name) {

    public static Recipient group(String groupId) {
      return new Recipient(groupId, null, null, null);
    }

    public static Recipient user(String userId) {
      return new Recipient(null, userId, null, null);
    }

    public static Recipient address(String address, String name) {
      return new Recipient(null, null, address, name);
    }

    @Override
    public String toString() {
      return group != null
          ? "group " + group
          : user != null ? "user " + user : name + " <" + address + ">";
    }
  }

  private final JdbcClient jdbc;

  public NotificationService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Queues the notification to a group unless one with the same dedup key exists; true if queued
   * now.
   */
  public boolean notifyOnce(String dedupKey, Notification n, Instant at) {
    return queueOnce(
        dedupKey,
        n.kind(),
        Recipient.group(n.recipientGroup()),
        n.businessKey(),
        n.subject(),
        n.body(),
        at);
  }

  /**
   * Queues a notification to any recipient unless one with the same dedup key exists; true if
   * queued now.
   */
  public boolean queueOnce(
      String dedupKey,
      String kind,
      Recipient to,
      String businessKey,
      String subject,
      String body,
      Instant at) {
    Timestamp time = Timestamp.from(at);
    boolean queued =
        jdbc.sql(
                    """
                    insert into notification (dedup_key, kind, recipient_group, recipient_user, recipient_address,
                                              recipient_name, business_key, subject, body, created_at, next_attempt_at)
                    select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from notification where dedup_key = ?)\
                    """)
                .params(
                    dedupKey,
                    kind,
                    to.group(),
                    to.user(),
                    to.address(),
                    to.name(),
                    businessKey,
                    subject,
                    body,
                    time,
                    time,
                    dedupKey)
                .update()
            == 1;
    if (queued) {
      LOG.info("Notification to {} about {}: {}", to, businessKey, subject);
    }
    return queued;
  }

  /**
   * Queues a notification with files the row carries itself (e.g. a report's PDF) unless one with
   * the same dedup key exists; true if queued now. Run in the caller's transaction, so the row and
   * its files are written together or not at all.
   */
  public boolean queueOnceWithFiles(
      String dedupKey,
      String kind,
      Recipient to,
      String businessKey,
      String subject,
      String body,
      Instant at,
      List<MailGateway.File> files) {
    if (!queueOnce(dedupKey, kind, to, businessKey, subject, body, at)) {
      return false;
    }
    long id =
        jdbc.sql("select id from notification where dedup_key = ?")
            .param(dedupKey)
            .query(Long.class)
            .single();
    int position = 0;
    for (MailGateway.File file : files) {
      jdbc.sql(
              """
              insert into notification_attachment (notification_id, position, file_name, content_type,
                                                   size_bytes, sha256, content)
              values (?, ?, ?, ?, ?, ?, ?)\
              """)
          .params(
              id,
              position++,
              file.name(),
              file.contentType(),
              (long) file.content().length,
              sha256(file.content()),
              file.content())
          .update();
    }
    return true;
  }

  private static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The group notifications of a business key (reports, escalations, reply drafts), oldest first.
   */
  public List<Notification> findByBusinessKey(String businessKey) {
    return jdbc.sql(
            """
            select kind, recipient_group, business_key, subject, body from notification
            where business_key = ? and recipient_group is not null order by id\
            """)
        .param(businessKey)
        .query(Notification.class)
        .list();
  }
}
