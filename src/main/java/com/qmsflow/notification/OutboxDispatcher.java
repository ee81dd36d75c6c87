package com.qmsflow.notification;

import com.qmsflow.notification.MailGateway.Address;
import com.qmsflow.notification.RecipientDirectory.MailUser;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers the {@code notification} outbox: every due {@code PENDING} row is claimed, mailed to its
 * recipients and marked {@code SENT}; without a mail server ({@code spring.mail.host}) it is
 * written to the log once and marked {@code LOGGED}.
 *
 * <p><b>Several nodes:</b> a row is claimed with {@code update … set claimed_by, claimed_at where
 * id = ? and status = 'PENDING' and (claimed_at is null or claimed_at < expired)}; the database
 * lets exactly one node's update match, so a row is mailed by one node at a time (H2 and PostgreSQL
 * alike). Each update commits on its own, the mail is sent outside any transaction.
 *
 * <p><b>At least once:</b> when a node dies after the SMTP server accepted a mail and before the
 * row is marked, the claim expires after {@code qms.mail.claim-timeout} (default 10 minutes) and
 * the mail is sent again. Mails are never lost; in this rare case one is duplicated.
 *
 * <p><b>Retries:</b> a failed attempt (server down, no recipient with an address, refused address)
 * increments {@code attempts}, keeps {@code last_error} and waits {@code qms.mail.retry-backoff}
 * doubled per attempt; after {@code qms.mail.max-attempts} the row is {@code FAILED} and stays in
 * the table with its error for an administrator (e.g. fix the address and set status back to {@code
 * PENDING}).
 */
@Component
public class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 100;

  /** What one run did. */
  public record Result(int sent, int logged, int failedAttempts, int gaveUp) {

    public int handled() {
      return sent + logged + failedAttempts + gaveUp;
    }
  }

  private record Row(
      long id,
      String kind,
      String recipientGroup,
      String recipientUser,
      String recipientAddress,
      String recipientName,
      String businessKey,
      String subject,
      String body,
      int attempts) {}

  private final JdbcClient jdbc;
  private final MailGateway mail;
  private final RecipientDirectory directory;
  private final MailSettings settings;
  private final Clock clock;
  private final String node =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong claims = new AtomicLong();

  public OutboxDispatcher(
      JdbcClient jdbc,
      MailGateway mail,
      RecipientDirectory directory,
      MailSettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
  }

  /** Scheduled entry point (see {@link MailScheduling}). */
  public Result dispatch() {
    return dispatch(clock.instant());
  }

  /** Delivers every row due at {@code now}, in batches of 100. */
  public Result dispatch(Instant now) {
    int sent = 0;
    int logged = 0;
    int failed = 0;
    int gaveUp = 0;
    Timestamp expired = Timestamp.from(now.minus(settings.claimTimeout()));
    long lastId = -1;
    while (true) {
      List<Long> due =
          jdbc.sql(
                  """
                  select id from notification
                  where status = 'PENDING' and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?) and id > ?
                  order by id fetch first %d rows only\
                  """
                      .formatted(BATCH))
              .params(Timestamp.from(now), expired, lastId)
              .query(Long.class)
              .list();
      for (long id : due) {
        lastId = id;
        String claim = node + "#" + claims.incrementAndGet();
        if (!claim(id, claim, now, expired)) {
          continue;
        }
        switch (deliver(load(id), claim, now)) {
          case "SENT" -> sent++;
          case "LOGGED" -> logged++;
          case "FAILED" -> gaveUp++;
          default -> failed++;
        }
      }
      if (due.size() < BATCH) {
        break;
      }
    }
    Result result = new Result(sent, logged, failed, gaveUp);
    if (result.handled() > 0) {
      LOG.info(
          "Mail outbox: {} sent, {} logged, {} attempts failed, {} given up",
          sent,
          logged,
          failed,
          gaveUp);
    }
    return result;
  }

  /** True if this node got the row; a lock conflict with another node's claim means it did not. */
  private boolean claim(long id, String claim, Instant now, Timestamp expired) {
    try {
      return jdbc.sql(
                  """
                  update notification set claimed_by = ?, claimed_at = ?
                  where id = ? and status = 'PENDING' and (claimed_at is null or claimed_at < ?)\
                  """)
              .params(claim, Timestamp.from(now), id, expired)
              .update()
          == 1;
    } catch (org.springframework.dao.ConcurrencyFailureException e) {
      LOG.debug("Notification {} is being claimed by another node", id, e);
      return false;
    }
  }

  private Row load(long id) {
    return jdbc.sql(
            """
            select id, kind, recipient_group, recipient_user, recipient_address, recipient_name, business_key,
                   subject, body, attempts
            from notification where id = ?\
            """)
        .param(id)
        .query(Row.class)
        .single();
  }

  /** Sends or logs one claimed row and records the outcome; returns the new status. */
  private String deliver(Row row, String claim, Instant now) {
    List<Address> to;
    try {
      to = recipients(row);
    } catch (RuntimeException e) {
      return failed(row, claim, now, "Cannot resolve the recipients: " + e.getMessage());
    }
    String body = body(row);
    String subject = subject(row);
    if (!mail.configured()) {
      LOG.info(
          "Mail not sent (no spring.mail.host configured) to {} {}: {}\n{}",
          row.recipientGroup() != null ? "group " + row.recipientGroup() : "",
          to,
          subject,
          body);
      mark(row, claim, "LOGGED", null);
      return "LOGGED";
    }
    if (to.isEmpty()) {
      return failed(
          row,
          claim,
          now,
          row.recipientGroup() != null
              ? "No member of group " + row.recipientGroup() + " has an e-mail address"
              : "No e-mail address for "
                  + (row.recipientUser() != null
                      ? "user " + row.recipientUser()
                      : "the recipient"));
    }
    List<MailGateway.File> files;
    try {
      files = files(row);
    } catch (RuntimeException e) {
      return failed(row, claim, now, "Cannot read the attached files: " + e.getMessage());
    }
    try {
      mail.send(to, subject, body, files);
    } catch (RuntimeException e) {
      return failed(row, claim, now, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    mark(row, claim, "SENT", Timestamp.from(now));
    return "SENT";
  }

  private List<Address> recipients(Row row) {
    List<Address> to = new ArrayList<>();
    if (row.recipientAddress() != null) {
      to.add(new Address(row.recipientAddress(), row.recipientName()));
    }
    if (row.recipientUser() != null) {
      directory.user(row.recipientUser()).ifPresent(u -> to.add(address(u)));
    }
    if (row.recipientGroup() != null) {
      directory.membersOf(row.recipientGroup()).forEach(u -> to.add(address(u)));
    }
    return to;
  }

  /**
   * The files of a notification ({@code notification_attachment}): the evidence files of a reply to
   * a customer, read from {@code attachment} (a file removed since it was chosen fails the attempt,
   * so the customer never gets a reply missing a file), or a file the row carries itself (a report
   * to management, V27).
   */
  private List<MailGateway.File> files(Row row) {
    record Listed(Long attachmentId, String fileName, String contentType, byte[] content) {}
    List<Listed> listed =
        jdbc.sql(
                """
                select attachment_id, file_name, content_type, content from notification_attachment
                where notification_id = ? order by position\
                """)
            .param(row.id())
            .query(Listed.class)
            .list();
    List<MailGateway.File> files = new ArrayList<>();
    for (Listed file : listed) {
      if (file.content() != null) {
        files.add(new MailGateway.File(file.fileName(), file.contentType(), file.content()));
        continue;
      }
      byte[] content =
          jdbc.sql("select content from attachment where id = ?")
              .param(file.attachmentId())
              .query(byte[].class)
              .optional()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "file "
                              + file.fileName()
                              + " ("
                              + file.attachmentId()
                              + ") was removed"));
      files.add(new MailGateway.File(file.fileName(), file.contentType(), content));
    }
    return files;
  }

  private static Address address(MailUser user) {
    return new Address(user.email(), user.name());
  }

  /**
   * Internal notifications have the subject prefix ({@code qms.mail.subject-prefix}); a mail to a
   * customer (the reply, the acknowledgement, a status mail: addressed to an address, not to staff)
   * is sent as written.
   */
  private static boolean toCustomer(Row row) {
    return NotificationService.CUSTOMER_REPLY.equals(row.kind()) || row.recipientAddress() != null;
  }

  private String subject(Row row) {
    return toCustomer(row) ? row.subject() : settings.subject(row.subject());
  }

  /**
   * Internal notifications end with the Tasklist address; a mail to a customer is sent as written.
   */
  private String body(Row row) {
    if (toCustomer(row)) {
      return row.body();
    }
    return row.body()
        + "\n\n-- \nComplaint handling (QMS) · Tasklist: "
        + settings.tasklist()
        + "\n";
  }

  private void mark(Row row, String claim, String status, Timestamp sentAt) {
    jdbc.sql(
            """
            update notification set status = ?, sent_at = ?, attempts = attempts + 1, last_error = null,
                                    claimed_by = null, claimed_at = null
            where id = ? and claimed_by = ?\
            """)
        .params(status, sentAt, row.id(), claim)
        .update();
  }

  private String failed(Row row, String claim, Instant now, String error) {
    int attempts = row.attempts() + 1;
    boolean giveUp = attempts >= settings.maxAttempts();
    String message = error.length() > 1000 ? error.substring(0, 1000) : error;
    jdbc.sql(
            """
            update notification set status = ?, attempts = ?, last_error = ?, next_attempt_at = ?,
                                    claimed_by = null, claimed_at = null
            where id = ? and claimed_by = ?\
            """)
        .params(
            giveUp ? "FAILED" : "PENDING",
            attempts,
            message,
            Timestamp.from(now.plus(settings.backoffAfter(attempts))),
            row.id(),
            claim)
        .update();
    if (giveUp) {
      LOG.error(
          "Mail {} '{}' given up after {} attempts: {}",
          row.id(),
          row.subject(),
          attempts,
          message);
      return "FAILED";
    }
    LOG.warn(
        "Mail {} '{}' failed (attempt {} of {}), retried later: {}",
        row.id(),
        row.subject(),
        attempts,
        settings.maxAttempts(),
        message);
    return "RETRY";
  }
}
