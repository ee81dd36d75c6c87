package com.qmsflow.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notifications to groups (reports to management, escalations), kept in an outbox table so a
 * notification is written in the same transaction as the step that causes it and never twice:
 * the dedup key makes a retried job notify once. A mail sender delivers the outbox where mail is
 * configured; without it the notification is logged.
 */
@Service
public class NotificationService {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  public record Notification(String kind, String recipientGroup, String businessKey, String subject, String body) {}

  private final JdbcClient jdbc;

  public NotificationService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues the notification unless one with the same dedup key exists; true if queued now. */
  public boolean notifyOnce(String dedupKey, Notification n, Instant at) {
    boolean queued = jdbc.sql("""
            insert into notification (dedup_key, kind, recipient_group, business_key, subject, body, created_at)
            select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from notification where dedup_key = ?)""")
        .params(dedupKey, n.kind(), n.recipientGroup(), n.businessKey(), n.subject(), n.body(), Timestamp.from(at), dedupKey)
        .update() == 1;
    if (queued) {
      LOG.info("Notification to group {} about {}: {}", n.recipientGroup(), n.businessKey(), n.subject());
    }
    return queued;
  }

  public List<Notification> findByBusinessKey(String businessKey) {
    return jdbc.sql("""
            select kind, recipient_group, business_key, subject, body from notification
            where business_key = ? order by id""")
        .param(businessKey)
        .query(Notification.class)
        .list();
  }
}
