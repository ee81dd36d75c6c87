package com.qmsflow.survey;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The survey records: {@code survey_campaign}, {@code customer_survey} and the campaign's answers
 * in {@code satisfaction_survey} (source {@value #SOURCE_CAMPAIGN}). Every write is keyed so that a
 * step run twice (a retried job) writes nothing more.
 */
@Repository
public class SurveyRepository {

  public static final String SOURCE_CAMPAIGN = "CAMPAIGN";

  public static final String OPEN = "OPEN";
  public static final String SENT = "SENT";
  public static final String ANSWERED = "ANSWERED";
  public static final String DECLINED = "DECLINED";
  public static final String CLOSED = "CLOSED";

  /** A customer the campaign surveys, with what the archive says about them. */
  public record Surveyed(String code, String name, String tier, String salesRep) {}

  /** One customer's survey. */
  public record Survey(
      String surveyNumber,
      String campaignNumber,
      String customerCode,
      String customerName,
      String tier,
      String salesRep,
      String processInstanceId,
      String state,
      String aspects,
      String questionnaireVersion,
      String language,
      Instant tokenExpiresAt,
      Instant answeredAt,
      String eightDNumber) {}

  private static final String SURVEY_COLUMNS =
      """
      select s.survey_number, s.campaign_number, s.customer_code, c.name, s.tier, s.sales_rep,
             s.process_instance_id, s.state, k.aspects, k.questionnaire_version, s.language,
             s.token_expires_at, s.answered_at, s.eight_d_number
      from customer_survey s join survey_campaign k on k.campaign_number = s.campaign_number
      join customer c on c.code = s.customer_code\
      """;

  private final JdbcClient jdbc;

  public SurveyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- campaigns ------------------------------------------------------------------------------

  public Optional<String> campaignOfProcess(String processInstanceId) {
    return jdbc.sql("select campaign_number from survey_campaign where process_instance_id = ?")
        .param(processInstanceId)
        .query(String.class)
        .optional();
  }

  public void insertCampaign(
      String number,
      String processInstanceId,
      int year,
      String questionnaireVersion,
      String aspects,
      LocalDate startsOn,
      String selection,
      int customerCount,
      String plannedBy,
      Instant at) {
    jdbc.sql(
            """
            insert into survey_campaign (campaign_number, process_instance_id, campaign_year,
              questionnaire_version, aspects, starts_on, customer_selection, customer_count,
              planned_by, planned_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            number,
            processInstanceId,
            year,
            questionnaireVersion,
            aspects,
            startsOn,
            selection,
            customerCount,
            plannedBy,
            Timestamp.from(at))
        .update();
  }

  /** Every active customer of the archive, by code. */
  public List<Surveyed> activeCustomers() {
    return jdbc.sql(
            "select code, name, tier, sales_rep from customer where active = true order by code")
        .query(Surveyed.class)
        .list();
  }

  /** The active customers among these codes, by code. */
  public List<Surveyed> activeCustomers(List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select code, name, tier, sales_rep from customer where active = true and code in"
                + " (:codes) order by code")
        .param("codes", codes)
        .query(Surveyed.class)
        .list();
  }

  public void insertSurvey(
      String number, String campaign, Surveyed customer, int position, Instant at) {
    jdbc.sql(
            """
            insert into customer_survey (survey_number, campaign_number, customer_code, position,
              tier, sales_rep, state) values (?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            number, campaign, customer.code(), position, customer.tier(), customer.salesRep(), OPEN)
        .update();
  }

  // --- one survey ------------------------------------------------------------------------------

  public Optional<Survey> find(String surveyNumber) {
    return jdbc.sql(SURVEY_COLUMNS + " where s.survey_number = ?")
        .param(surveyNumber)
        .query(this::survey)
        .optional();
  }

  public Optional<Survey> findAt(String campaignNumber, int position) {
    return jdbc.sql(SURVEY_COLUMNS + " where s.campaign_number = ? and s.position = ?")
        .params(campaignNumber, position)
        .query(this::survey)
        .optional();
  }

  public Optional<Survey> findByTokenHash(String tokenHash) {
    return jdbc.sql(SURVEY_COLUMNS + " where s.token_hash = ?")
        .param(tokenHash)
        .query(this::survey)
        .optional();
  }

  private Survey survey(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Survey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        instant(rs.getTimestamp(12)),
        instant(rs.getTimestamp(13)),
        rs.getString(14));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  public void setProcessInstance(String surveyNumber, String processInstanceId) {
    jdbc.sql(
            "update customer_survey set process_instance_id = ? where survey_number = ? and"
                + " process_instance_id is null")
        .params(processInstanceId, surveyNumber)
        .update();
  }

  /** The questionnaire went out by mail; true the first time (a retried job keeps the first). */
  public boolean markMailed(
      String surveyNumber,
      String contactName,
      String email,
      String language,
      String tokenHash,
      Instant expires,
      String by,
      Instant at) {
    return jdbc.sql(
                """
                update customer_survey set state = ?, channel = 'MAIL', contact_name = ?,
                  contact_email = ?, language = ?, token_hash = ?, token_expires_at = ?, sent_by = ?,
                  sent_at = ? where survey_number = ? and sent_at is null\
                """)
            .params(
                SENT,
                contactName,
                email,
                language,
                tokenHash,
                Timestamp.from(expires),
                by,
                Timestamp.from(at),
                surveyNumber)
            .update()
        == 1;
  }

  public void markPaper(String surveyNumber, String by, Instant at) {
    jdbc.sql(
            "update customer_survey set channel = 'PAPER', sent_by = ?, sent_at = ? where"
                + " survey_number = ? and sent_at is null")
        .params(by, Timestamp.from(at), surveyNumber)
        .update();
  }

  public void markReminded(String surveyNumber, Instant at) {
    jdbc.sql(
            "update customer_survey set reminded_at = ? where survey_number = ? and reminded_at is"
                + " null")
        .params(Timestamp.from(at), surveyNumber)
        .update();
  }

  /** The answer link stops working (the follow-up task took over, or the survey closed). */
  public void expireToken(String surveyNumber, Instant at) {
    jdbc.sql(
            "update customer_survey set token_expires_at = ? where survey_number = ? and"
                + " token_hash is not null and token_expires_at > ?")
        .params(Timestamp.from(at), surveyNumber, Timestamp.from(at))
        .update();
  }

  /**
   * Stores the answers once: true if this call recorded them, false if the survey was already
   * answered (a double submission, or a retried job), in which case nothing is written.
   */
  public boolean recordAnswers(
      Survey survey, Map<String, SurveyAspects.Answer> answers, String via, Instant at) {
    int claimed =
        jdbc.sql(
                "update customer_survey set state = ?, answered_at = ?, answered_via = ? where"
                    + " survey_number = ? and answered_at is null")
            .params(ANSWERED, Timestamp.from(at), via, survey.surveyNumber())
            .update();
    if (claimed == 0) {
      return false;
    }
    answers.forEach(
        (aspect, answer) ->
            jdbc.sql(
                    """
                    insert into satisfaction_survey (source, survey_number, customer_code, tier,
                      aspect, score, answer_comment, surveyed_at) values (?, ?, ?, ?, ?, ?, ?, ?)\
                    """)
                .params(
                    SOURCE_CAMPAIGN,
                    survey.surveyNumber(),
                    survey.customerCode(),
                    survey.tier(),
                    aspect,
                    answer.score(),
                    answer.comment(),
                    Timestamp.from(at))
                .update());
    return true;
  }

  public void markDeclined(String surveyNumber, Instant at) {
    jdbc.sql(
            "update customer_survey set state = ?, answered_via = 'DECLINED' where survey_number ="
                + " ? and answered_at is null")
        .params(DECLINED, surveyNumber)
        .update();
  }

  /** The answers of a survey, by aspect in the order recorded. */
  public Map<String, SurveyAspects.Answer> answers(String surveyNumber) {
    Map<String, SurveyAspects.Answer> answers = new LinkedHashMap<>();
    jdbc.sql(
            "select aspect, score, answer_comment from satisfaction_survey where survey_number = ?"
                + " order by id")
        .param(surveyNumber)
        .query(
            rs -> {
              answers.put(rs.getString(1), new SurveyAspects.Answer(rs.getInt(2), rs.getString(3)));
            });
    return answers;
  }

  public void recordLowAspects(String surveyNumber, String lowAspects) {
    jdbc.sql("update customer_survey set low_aspects = ? where survey_number = ?")
        .params(lowAspects, surveyNumber)
        .update();
  }

  public void recordVisit(
      String surveyNumber, LocalDate date, String participants, String notes, String by) {
    jdbc.sql(
            "update customer_survey set visit_date = ?, visit_participants = ?, visit_notes = ?,"
                + " visited_by = ? where survey_number = ?")
        .params(date, participants, notes, by, surveyNumber)
        .update();
  }

  public void recordDecision(
      String surveyNumber, String kind, String department, String request, String by, Instant at) {
    jdbc.sql(
            """
            update customer_survey set improvement_kind = ?, responsible_department = ?,
              improvement_request = ?, decided_by = ?, decided_at = ? where survey_number = ?\
            """)
        .params(kind, department, request, by, Timestamp.from(at), surveyNumber)
        .update();
  }

  public void recordImprovement(String surveyNumber, String actions, String by, Instant at) {
    jdbc.sql(
            "update customer_survey set improvement_actions = ?, improved_by = ?, improved_at = ?"
                + " where survey_number = ?")
        .params(actions, by, Timestamp.from(at), surveyNumber)
        .update();
  }

  public void linkCorrectiveAction(String surveyNumber, String eightDNumber) {
    jdbc.sql(
            "update customer_survey set eight_d_number = ? where survey_number = ? and"
                + " eight_d_number is null")
        .params(eightDNumber, surveyNumber)
        .update();
  }

  /** The 8D report that the corrective-action instance registered, once it has. */
  public Optional<String> eightDNumberOfProcess(String processInstanceId) {
    return jdbc.sql("select eight_d_number from corrective_action where process_instance_id = ?")
        .param(processInstanceId)
        .query(String.class)
        .optional();
  }

  /** The survey that raised an 8D report (the link back from the 8D). */
  public Optional<String> surveyOfEightD(String eightDNumber) {
    return jdbc.sql("select survey_number from customer_survey where eight_d_number = ?")
        .param(eightDNumber)
        .query(String.class)
        .optional();
  }

  public void close(String surveyNumber, Instant at) {
    jdbc.sql(
            "update customer_survey set state = case when state = ? then ? else state end,"
                + " closed_at = ? where survey_number = ? and closed_at is null")
        .params(ANSWERED, CLOSED, Timestamp.from(at), surveyNumber)
        .update();
  }
}
