package com.qmsflow.complainant;

import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status mails when a date committed to the customer is missed (ISO 10002 7.3): the first contact
 * (the confirm step, or the environmental investigation) and the written reply. The process records
 * every step with its due date and end ({@code process_step}) and the reason of a late reply
 * ({@code lateReason}) and the customer's consent to a later improvement date ({@code
 * customerConsentToLaterDate}, {@code customerConsentReference}) as values ({@code record_value});
 * this check reads those records, so no model change is needed.
 *
 * <ul>
 *   <li>A step still open after its due date: one mail "we have not kept this date", with the
 *       current stage and the status link.
 *   <li>A step completed after its due date: one mail with the date it was done and the reason as
 *       recorded (a late reply's {@code lateReason}).
 * </ul>
 *
 * Each mail goes once (outbox dedup key per step and event), only for complaints whose
 * acknowledgement was sent, in the contact's language, and only for steps due in the last 30 days.
 * Runs every {@code qms.complainant.missed-date-check-interval} (default 15 minutes; several nodes
 * may run it, the dedup key sends once).
 */
@Component
public class MissedDates {

  private static final Logger LOG = LoggerFactory.getLogger(MissedDates.class);
  static final Duration LOOK_BACK = Duration.ofDays(30);
  static final Map<String, String> MILESTONES =
      Map.of(
          StatusPages.CONFIRM_TASK, "contact",
          StatusPages.ENVIRONMENTAL_TASK, "contact",
          ComplaintVariables.REPLY_TASK, "reply");

  private record Missed(
      String complaintNumber,
      String processInstanceId,
      String contactName,
      String contactEmail,
      String language,
      String taskId,
      String taskKey,
      Instant due,
      Instant ended) {}

  private final JdbcClient jdbc;
  private final NotificationService notifications;
  private final MailSettings mail;
  private final MessageSource messages;
  private final StatusPages pages;
  private final AcknowledgementRepository acknowledgements;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public MissedDates(
      JdbcClient jdbc,
      NotificationService notifications,
      MailSettings mail,
      MessageSource messages,
      StatusPages pages,
      AcknowledgementRepository acknowledgements,
      TransactionTemplate transaction,
      Clock clock) {
    this.jdbc = jdbc;
    this.notifications = notifications;
    this.mail = mail;
    this.messages = messages;
    this.pages = pages;
    this.acknowledgements = acknowledgements;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Queues the status mails of missed dates; returns how many were queued now. */
  public int run() {
    Instant now = clock.instant();
    Integer queued = transaction.execute(status -> queue(now));
    return queued == null ? 0 : queued;
  }

  private int queue(Instant now) {
    List<Missed> missed =
        jdbc.sql(
                """
                select a.complaint_number, a.process_instance_id, a.contact_name, a.contact_email,
                       a.language, s.task_id, s.task_definition_key, s.due_at, s.ended_at
                from complaint_acknowledgement a
                join process_step s on s.process_instance_id = a.process_instance_id
                where a.state = 'SENT' and s.task_definition_key in (?, ?, ?)
                  and s.due_at is not null and s.due_at < ? and s.due_at > ?
                  and (s.ended_at is null or s.ended_at > s.due_at)
                order by s.due_at\
                """)
            .params(
                StatusPages.CONFIRM_TASK,
                StatusPages.ENVIRONMENTAL_TASK,
                ComplaintVariables.REPLY_TASK,
                Timestamp.from(now),
                Timestamp.from(now.minus(LOOK_BACK)))
            .query(
                (rs, i) ->
                    new Missed(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        AcknowledgementRepository.instant(rs, "due_at"),
                        AcknowledgementRepository.instant(rs, "ended_at")))
            .list();
    int queued = 0;
    for (Missed m : missed) {
      if (m.contactEmail() == null) {
        continue;
      }
      String event = m.ended() == null ? "missed" : "late";
      if (notifications.queueOnce(
          "complaint-status:" + m.taskId() + ":" + event,
          Acknowledgements.STATUS_KIND,
          Recipient.address(m.contactEmail(), m.contactName()),
          m.complaintNumber(),
          text("complainant.mail.status.subject", m, m.complaintNumber()),
          body(m),
          now)) {
        queued++;
      }
    }
    if (queued > 0) {
      LOG.info("Status mails about missed committed dates queued: {}", queued);
    }
    return queued;
  }

  private String body(Missed m) {
    Locale locale = Locale.forLanguageTag(m.language());
    String milestone =
        messages.getMessage("complainant.commitment." + MILESTONES.get(m.taskKey()), null, locale);
    StringBuilder b = new StringBuilder();
    if (m.ended() == null) {
      b.append(
          text(
              "complainant.mail.status.missed",
              m,
              m.contactName(),
              lower(milestone, locale),
              mail.format(m.due()),
              m.complaintNumber()));
      b.append(text("complainant.mail.status.working", m));
    } else {
      b.append(
          text(
              "complainant.mail.status.late",
              m,
              m.contactName(),
              lower(milestone, locale),
              mail.format(m.due()),
              m.complaintNumber(),
              mail.format(m.ended())));
      String reason =
          recorded(m.processInstanceId(), m.taskId(), ComplaintVariables.LATE_REASON.name());
      if (reason != null) {
        b.append(text("complainant.mail.status.reason", m, reason));
      }
    }
    String consent =
        recorded(m.processInstanceId(), null, ComplaintVariables.CUSTOMER_CONSENT_REFERENCE.name());
    String improvement =
        recorded(m.processInstanceId(), null, ComplaintVariables.COMMITTED_IMPROVEMENT_DATE.name());
    if ("true"
            .equals(
                recorded(
                    m.processInstanceId(),
                    null,
                    ComplaintVariables.CUSTOMER_CONSENT_TO_LATER_DATE.name()))
        && consent != null
        && improvement != null) {
      b.append(
          text(
              "complainant.mail.status.consent",
              m,
              consent,
              improvement.length() >= 10 ? improvement.substring(0, 10) : improvement));
    }
    acknowledgements
        .find(m.complaintNumber())
        .flatMap(pages::status)
        .ifPresent(
            s ->
                b.append(
                    text(
                        "complainant.mail.status.stage",
                        m,
                        messages.getMessage("complainant.stage." + s.stage(), null, locale))));
    b.append(text("complainant.mail.status.end", m));
    return b.toString();
  }

  private static String lower(String text, Locale locale) {
    return "en".equals(locale.getLanguage()) && !text.isEmpty()
        ? Character.toLowerCase(text.charAt(0)) + text.substring(1)
        : text;
  }

  private String text(String key, Missed m, Object... args) {
    return messages.getMessage(key, args, Locale.forLanguageTag(m.language()));
  }

  /** The latest value recorded for the complaint (of one step when {@code taskId} is given). */
  private String recorded(String processInstanceId, String taskId, String name) {
    return jdbc
        .sql(
            "select text_value from record_value where process_instance_id = ? and name = ?"
                + (taskId == null ? " and (task_id is null or task_id <> ?)" : " and task_id = ?")
                + " order by id desc")
        .params(processInstanceId, name, taskId == null ? "" : taskId)
        .query(String.class)
        .list()
        .stream()
        .filter(v -> v != null && !v.isBlank())
        .findFirst()
        .orElse(null);
  }
}
