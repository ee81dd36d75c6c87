package com.qmsflow.reports;

import com.qmsflow.notification.MailGateway;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates a report and sends it once per period: the PDF is stored in {@code management_report}
 * and queued in the mail outbox to each recipient group in one transaction, so either both happen
 * or neither. The outbox mails it after the commit with its retries ({@code notification/}); a
 * report is never lost and never sent twice: a second node that generates the same period at the
 * same time fails on the table's primary key and rolls back, the outbox's dedup keys make a
 * repeated queueing a no-op.
 */
@Service
public class ReportDelivery {

  /** The outbox kind of a report mail. */
  public static final String NOTIFICATION_KIND = "MANAGEMENT_REPORT";

  private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);

  private final ReportContents contents;
  private final ReportPrinter printer;
  private final ManagementReports reports;
  private final NotificationService notifications;
  private final ReportSettings settings;
  private final ReportDates dates;
  private final MailSettings mailSettings;
  private final MessageSource messages;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public ReportDelivery(
      ReportContents contents,
      ReportPrinter printer,
      ManagementReports reports,
      NotificationService notifications,
      ReportSettings settings,
      ReportDates dates,
      MailSettings mailSettings,
      MessageSource messages,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.contents = contents;
    this.printer = printer;
    this.reports = reports;
    this.notifications = notifications;
    this.settings = settings;
    this.dates = dates;
    this.mailSettings = mailSettings;
    this.messages = messages;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** The report of a period as PDF, generated now from the current data. */
  public byte[] generate(ReportPeriod period) {
    return period.kind() == ReportKind.MONTHLY
        ? printer.pdf(contents.quality(period))
        : printer.pdf(contents.satisfaction(period));
  }

  /** The plant-local day now. */
  public LocalDate today() {
    return clock.instant().atZone(mailSettings.zone()).toLocalDate();
  }

  /**
   * Sends the reports due today (see {@link ReportDates}) that have not been sent; the periods sent
   * now.
   */
  public List<ReportPeriod> sendDue() {
    List<ReportPeriod> sent = new ArrayList<>();
    for (ReportPeriod period : dates.due(today())) {
      if (sendOnce(period, "system")) {
        sent.add(period);
      }
    }
    return sent;
  }

  /**
   * Generates, stores and queues the report of the period unless it was sent; true if sent now,
   * false if it was sent already (by this or another node).
   */
  public boolean sendOnce(ReportPeriod period, String by) {
    if (reports.exists(period)) {
      return false;
    }
    byte[] pdf = generate(period);
    Instant now = clock.instant();
    try {
      transaction.executeWithoutResult(
          status -> {
            reports.insert(period, pdf, by, String.join(",", settings.recipientGroups()), now);
            for (String group : settings.recipientGroups()) {
              notifications.queueOnceWithFiles(
                  "report:" + period.kind().value() + ":" + period.label() + ":" + group,
                  NOTIFICATION_KIND,
                  Recipient.group(group),
                  period.businessKey(),
                  subject(period),
                  body(period),
                  now,
                  List.of(new MailGateway.File(period.fileName(), "application/pdf", pdf)));
            }
          });
    } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
      // another node stored the same period first: its transaction sends it
      LOG.info("Report {} was sent by another node", period.businessKey());
      return false;
    }
    LOG.info(
        "Report {} generated ({} bytes) and queued to {}",
        period.businessKey(),
        pdf.length,
        settings.recipientGroups());
    return true;
  }

  private String title(ReportPeriod period, Locale locale) {
    String key =
        period.kind() == ReportKind.MONTHLY
            ? "reports.quality.title"
            : "reports.satisfaction.title";
    return messages.getMessage(key, new Object[] {period.label()}, locale);
  }

  String subject(ReportPeriod period) {
    return messages.getMessage(
        "reports.mail.subject",
        new Object[] {title(period, Locale.CHINESE), title(period, Locale.ENGLISH)},
        Locale.ENGLISH);
  }

  String body(ReportPeriod period) {
    String link = mailSettings.baseUrl() + "/reports/";
    return messages.getMessage(
            "reports.mail.body",
            new Object[] {title(period, Locale.CHINESE), period.fileName(), link},
            Locale.CHINESE)
        + "\n\n"
        + messages.getMessage(
            "reports.mail.body",
            new Object[] {title(period, Locale.ENGLISH), period.fileName(), link},
            Locale.ENGLISH);
  }
}
