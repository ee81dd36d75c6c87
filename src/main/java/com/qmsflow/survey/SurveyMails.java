package com.qmsflow.survey;

import com.qmsflow.complainant.StatusTokens;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The questionnaire mail and its reminder, through the outbox in the contact's language, each with
 * a link to the answer page. Only the token's hash is stored; a reminder therefore carries a new
 * link that replaces the first (the mail says so).
 */
@Service
public class SurveyMails {

  public static final String KIND = "SURVEY_QUESTIONNAIRE";
  public static final String REMINDER_KIND = "SURVEY_REMINDER";

  private final SurveyRepository surveys;
  private final NotificationService notifications;
  private final MailSettings mail;
  private final SurveySettings settings;
  private final MessageSource messages;
  private final JdbcClient jdbc;

  public SurveyMails(
      SurveyRepository surveys,
      NotificationService notifications,
      MailSettings mail,
      SurveySettings settings,
      MessageSource messages,
      JdbcClient jdbc) {
    this.surveys = surveys;
    this.notifications = notifications;
    this.mail = mail;
    this.settings = settings;
    this.messages = messages;
    this.jdbc = jdbc;
  }

  /** Mails the questionnaire once; a retried job finds it sent and queues nothing more. */
  public void sendQuestionnaire(
      SurveyRepository.Survey survey, String email, String by, Instant now) {
    String address = email.trim();
    Contact contact = contact(survey.customerCode(), address);
    String token = StatusTokens.newToken();
    Instant expires = now.plus(settings.linkValidity());
    if (!surveys.markMailed(
        survey.surveyNumber(),
        contact.name(),
        address,
        contact.language(),
        StatusTokens.hash(token),
        expires,
        by,
        now)) {
      return;
    }
    Locale locale = Locale.forLanguageTag(contact.language());
    notifications.queueOnce(
        "survey-questionnaire:" + survey.surveyNumber(),
        KIND,
        Recipient.address(address, contact.name()),
        survey.surveyNumber(),
        messages.getMessage("survey.mail.subject", new Object[] {survey.customerName()}, locale),
        messages.getMessage(
            "survey.mail.body",
            new Object[] {
              contact.name() == null ? survey.customerName() : contact.name(),
              link(token),
              mail.format(expires)
            },
            locale),
        now);
  }

  /** The reminder: a new link (the first stops working), mailed once per survey. */
  public void remind(SurveyRepository.Survey survey, Instant now) {
    Contact contact = mailedContact(survey.surveyNumber());
    if (contact == null || survey.answeredAt() != null) {
      return;
    }
    String token = StatusTokens.newToken();
    int renewed =
        jdbc.sql(
                "update customer_survey set token_hash = ?, reminded_at = ? where survey_number ="
                    + " ? and reminded_at is null and answered_at is null")
            .params(StatusTokens.hash(token), java.sql.Timestamp.from(now), survey.surveyNumber())
            .update();
    if (renewed == 0) {
      return;
    }
    Locale locale = Locale.forLanguageTag(contact.language());
    notifications.queueOnce(
        "survey-reminder:" + survey.surveyNumber(),
        REMINDER_KIND,
        Recipient.address(contact.email(), contact.name()),
        survey.surveyNumber(),
        messages.getMessage(
            "survey.mail.reminder.subject", new Object[] {survey.customerName()}, locale),
        messages.getMessage(
            "survey.mail.reminder.body",
            new Object[] {
              contact.name() == null ? survey.customerName() : contact.name(),
              link(token),
              mail.format(survey.tokenExpiresAt())
            },
            locale),
        now);
  }

  public String link(String token) {
    return mail.baseUrl() + "/survey/" + token;
  }

  private record Contact(String name, String email, String language) {}

  private Contact contact(String customerCode, String email) {
    return jdbc
        .sql(
            "select name, email, language from customer_contact where customer_code = ? and"
                + " lower(trim(email)) = lower(?) order by id")
        .params(customerCode, email)
        .query((rs, i) -> new Contact(rs.getString(1), email, language(rs.getString(3))))
        .list()
        .stream()
        .findFirst()
        .orElse(new Contact(null, email, "zh"));
  }

  private Contact mailedContact(String surveyNumber) {
    return jdbc.sql(
            "select contact_name, contact_email, language from customer_survey where"
                + " survey_number = ? and contact_email is not null")
        .param(surveyNumber)
        .query((rs, i) -> new Contact(rs.getString(1), rs.getString(2), language(rs.getString(3))))
        .optional()
        .orElse(null);
  }

  private static String language(String language) {
    return "en".equals(language) ? "en" : "zh";
  }
}
