package com.qmsflow.complainant;

import com.qmsflow.calendar.BusinessCalendar;
import com.qmsflow.complainant.AcknowledgementRepository.Contact;
import com.qmsflow.deadline.DeadlineRule;
import com.qmsflow.deadline.DeadlineService;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The acknowledgement of a registered complaint to the customer contact picked at intake (ISO 10002
 * 7.4): the complaint number, when it was received, what happens next, by when the customer will be
 * contacted, and the link to the complaint's status page. Mailed through the notification outbox in
 * the contact's language, automatically or, for a customer whose archive says {@code MANUAL}, after
 * one click of customer service on the complaint record.
 *
 * <p>Idempotent: the register step running again (a retried job, a second registration of the same
 * instance) finds the complaint's row and does nothing; the mail's dedup key is the complaint
 * number, and the row is marked sent with a compare-and-set update, so two clicks at once send one
 * mail. Everything is written in the transaction of the step or request that causes it.
 */
@Service
public class Acknowledgements {

  /** Outbox kind of the acknowledgement. */
  public static final String KIND = "COMPLAINT_ACKNOWLEDGEMENT";

  /** Outbox kind of a status mail (a committed date missed). */
  public static final String STATUS_KIND = "COMPLAINT_STATUS";

  static final String DEADLINE_DECISION = "complaint-deadlines";
  static final String SYSTEM = "system";

  private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

  /** What a send did: queued now, or already sent before. */
  public enum Outcome {
    QUEUED,
    ALREADY_SENT,
    NO_ADDRESS,
    UNKNOWN
  }

  private final AcknowledgementRepository repository;
  private final NotificationService notifications;
  private final MailSettings mail;
  private final MessageSource messages;
  private final DeadlineService deadlines;
  private final BusinessCalendar calendar;

  public Acknowledgements(
      AcknowledgementRepository repository,
      NotificationService notifications,
      MailSettings mail,
      MessageSource messages,
      DeadlineService deadlines,
      BusinessCalendar calendar) {
    this.repository = repository;
    this.notifications = notifications;
    this.mail = mail;
    this.messages = messages;
    this.deadlines = deadlines;
    this.calendar = calendar;
  }

  /**
   * A complaint was registered: records its acknowledgement and, where the customer's archive says
   * {@code AUTO} and the contact has an address, queues the mail. Nothing happens the second time.
   */
  public void registered(
      String complaintNumber,
      String processInstanceId,
      String customerCode,
      String contactName,
      String category,
      Instant receivedAt,
      VariableScope variables,
      Instant now) {
    if (repository.find(complaintNumber).isPresent()) {
      return;
    }
    String mode = repository.acknowledgementMode(customerCode).orElse(Acknowledgement.AUTO);
    Optional<Contact> contact = repository.contactFor(customerCode, contactName);
    boolean hasAddress = contact.map(Contact::hasEmail).orElse(false);
    Acknowledgement row =
        new Acknowledgement(
            complaintNumber,
            processInstanceId,
            customerCode,
            contact.map(Contact::name).orElse(contactName),
            contact.filter(Contact::hasEmail).map(Contact::email).orElse(null),
            contact.map(Contact::language).map(Acknowledgements::language).orElse("zh"),
            mode,
            hasAddress ? Acknowledgement.WAITING : Acknowledgement.NO_ADDRESS,
            receivedAt,
            contactBy(variables, category, receivedAt),
            now,
            null,
            null,
            null,
            null,
            null);
    if (repository.insertOnce(row) && hasAddress && Acknowledgement.AUTO.equals(mode)) {
      send(complaintNumber, SYSTEM, now);
    }
  }

  /**
   * Sends the acknowledgement of a complaint (the click of customer service, or automatically):
   * addressed to the contact as the archive has it now, with a new status link.
   */
  public Outcome send(String complaintNumber, String by, Instant now) {
    Optional<Acknowledgement> found = repository.find(complaintNumber);
    if (found.isEmpty()) {
      return Outcome.UNKNOWN;
    }
    Acknowledgement a = found.get();
    if (a.sent()) {
      return Outcome.ALREADY_SENT;
    }
    Optional<Contact> contact =
        repository.contactFor(a.customerCode(), a.contactName()).filter(Contact::hasEmail);
    if (contact.isEmpty()) {
      repository.updateState(complaintNumber, Acknowledgement.NO_ADDRESS);
      return Outcome.NO_ADDRESS;
    }
    Contact to = contact.get();
    String language = language(to.language());
    String token = StatusTokens.newToken();
    if (!repository.markSent(
        complaintNumber, to.name(), to.email(), language, StatusTokens.hash(token), now, by)) {
      return Outcome.ALREADY_SENT;
    }
    Locale locale = Locale.forLanguageTag(language);
    String subject =
        messages.getMessage("complainant.mail.ack.subject", new Object[] {complaintNumber}, locale);
    String contactBy =
        a.contactBy() == null
            ? messages.getMessage("complainant.mail.ack.soon", null, locale)
            : mail.format(a.contactBy());
    String body =
        messages.getMessage(
            "complainant.mail.ack.body",
            new Object[] {
              to.name(), complaintNumber, mail.format(a.receivedAt()), contactBy, statusLink(token)
            },
            locale);
    notifications.queueOnce(
        "complaint-ack:" + complaintNumber,
        KIND,
        Recipient.address(to.email(), to.name()),
        complaintNumber,
        subject,
        body,
        now);
    LOG.info(
        "Acknowledgement of {} queued to {} ({}) by {}", complaintNumber, to.email(), language, by);
    return Outcome.QUEUED;
  }

  /** The status page of a token. */
  public String statusLink(String token) {
    return mail.baseUrl() + "/status/" + token;
  }

  /**
   * By when the customer will be contacted: the due date of the first step with the customer
   * ({@code confirm}; an environmental complaint: {@code environmental-investigation}) from the
   * deadlines decision, counted from receipt on the working-day calendar. Null when the decision
   * has no such row (the mail then says "shortly").
   */
  Instant contactBy(VariableScope variables, String category, Instant receivedAt) {
    String step = "environmental".equals(category) ? "environmental-investigation" : "confirm";
    try {
      DeadlineRule rule = deadlines.rule(DEADLINE_DECISION, variables, step);
      return calendar.plus(receivedAt, rule.dueAmount(), rule.dueUnit());
    } catch (RuntimeException e) {
      LOG.warn("No contact date for the acknowledgement ({}): {}", step, e.getMessage());
      return null;
    }
  }

  static String language(String language) {
    return "en".equalsIgnoreCase(language == null ? "" : language.trim()) ? "en" : "zh";
  }
}
