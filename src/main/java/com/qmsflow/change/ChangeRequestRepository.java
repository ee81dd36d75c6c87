package com.qmsflow.change;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of contract and order changes, their reviews and implementation records. */
@Repository
public class ChangeRequestRepository {

  /** Terminal states: nothing happens to the change any more. */
  public static final List<String> FINAL_STATES =
      ChangeState.FINAL.stream().map(ChangeState::name).toList();

  public record ChangeRequest(
      String changeNumber,
      String processInstanceId,
      String externalReference,
      String correctiveActionNumber,
      String contractReference,
      String changeType,
      String customerCode,
      String tier,
      String description,
      String reason,
      LocalDate requestedEffectiveDate,
      String aspects,
      BigDecimal costImpact,
      String requester,
      String state,
      int reviewRound,
      String approverGroup,
      String decisionReason,
      String identificationRule,
      String effectiveLot,
      LocalDate effectiveDate) {

    public boolean isFinal() {
      return FINAL_STATES.contains(state);
    }
  }

  /** What a change is entered with. */
  public record NewChange(
      String changeNumber,
      String processInstanceId,
      String externalReference,
      String correctiveActionNumber,
      String contractReference,
      String changeType,
      String customerCode,
      String description,
      String reason,
      LocalDate requestedEffectiveDate,
      String aspects,
      BigDecimal costImpact,
      String requester,
      Instant raisedAt) {}

  public record Review(
      int round,
      String reviewerGroup,
      String verdict,
      String comments,
      String reviewedBy,
      Instant reviewedAt) {}

  public record Implementation(
      int round, String department, String record, String implementedBy, Instant implementedAt) {}

  private static final String COLUMNS =
      """
      change_number, process_instance_id, external_reference, corrective_action_number, contract_reference,
      change_type, customer_code, tier, description, reason, requested_effective_date, aspects, cost_impact,
      requester, state, review_round, approver_group, decision_reason, identification_rule, effective_lot,
      effective_date\
      """;

  private final JdbcClient jdbc;

  public ChangeRequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ChangeRequest> findByNumber(String number) {
    return jdbc.sql("select " + COLUMNS + " from change_request where change_number = ?")
        .param(number)
        .query(ChangeRequest.class)
        .optional();
  }

  public Optional<ChangeRequest> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("select " + COLUMNS + " from change_request where process_instance_id = ?")
        .param(processInstanceId)
        .query(ChangeRequest.class)
        .optional();
  }

  public Optional<ChangeRequest> findByExternalReference(String externalReference) {
    return jdbc.sql("select " + COLUMNS + " from change_request where external_reference = ?")
        .param(externalReference)
        .query(ChangeRequest.class)
        .optional();
  }

  public List<ChangeRequest> findByCorrectiveAction(String eightDNumber) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from change_request where corrective_action_number = ? order by raised_at")
        .param(eightDNumber)
        .query(ChangeRequest.class)
        .list();
  }

  public void insert(NewChange c) {
    jdbc.sql(
            """
            insert into change_request (change_number, process_instance_id, external_reference, corrective_action_number,
              contract_reference, change_type, customer_code, description, reason, requested_effective_date, aspects,
              cost_impact, requester, raised_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            c.changeNumber(),
            c.processInstanceId(),
            c.externalReference(),
            c.correctiveActionNumber(),
            c.contractReference(),
            c.changeType(),
            c.customerCode(),
            c.description(),
            c.reason(),
            date(c.requestedEffectiveDate()),
            c.aspects(),
            c.costImpact(),
            c.requester(),
            Timestamp.from(c.raisedAt()))
        .update();
  }

  /** The author's revision of what changes (after an NG review or the customer's disagreement). */
  public void revise(
      String number,
      String description,
      String reason,
      LocalDate requestedEffectiveDate,
      String aspects,
      BigDecimal costImpact) {
    jdbc.sql(
            """
            update change_request set description = ?, reason = ?, requested_effective_date = ?, aspects = ?, cost_impact = ?
            where change_number = ?\
            """)
        .params(description, reason, date(requestedEffectiveDate), aspects, costImpact, number)
        .update();
  }

  public void recordTier(String number, String tier) {
    jdbc.sql("update change_request set tier = ? where change_number = ?")
        .params(tier, number)
        .update();
  }

  /**
   * Moves the change to a state; a final state is never left (a retried step cannot reopen a
   * change).
   */
  public void state(String number, ChangeState state) {
    jdbc.sql(
            "update change_request set state = ? where change_number = ? and state not in "
                + ChangeState.FINAL_SQL_LIST)
        .params(state.name(), number)
        .update();
  }

  public void startReviewRound(String number, int round) {
    jdbc.sql("update change_request set review_round = ?, state = ? where change_number = ?")
        .params(round, ChangeState.IN_REVIEW.name(), number)
        .update();
  }

  public void recordApprover(String number, String approverGroup) {
    jdbc.sql("update change_request set approver_group = ? where change_number = ?")
        .params(approverGroup, number)
        .update();
  }

  public void recordNotice(
      String number, String identificationRule, String effectiveLot, LocalDate effectiveDate) {
    jdbc.sql(
            "update change_request set identification_rule = ?, effective_lot = ?, effective_date ="
                + " ? where change_number = ?")
        .params(identificationRule, effectiveLot, date(effectiveDate), number)
        .update();
  }

  /**
   * Ends the change in a final state with the reason (rejection, withdrawal); the first ending
   * counts.
   */
  public void finish(String number, ChangeState state, String reason, Instant at) {
    jdbc.sql(
            "update change_request set state = ?, decision_reason = ?, closed_at = ?"
                + " where change_number = ? and state not in "
                + ChangeState.FINAL_SQL_LIST)
        .params(state.name(), reason, Timestamp.from(at), number)
        .update();
  }

  /** One verdict per department and round; a repeated call (retried job) keeps the first. */
  public void recordReview(String number, Review r) {
    jdbc.sql(
            """
            insert into change_review (change_number, review_round, reviewer_group, verdict, comments, reviewed_by, reviewed_at)
            select ?, ?, ?, ?, ?, ?, ? where not exists
              (select 1 from change_review where change_number = ? and review_round = ? and reviewer_group = ?)\
            """)
        .params(
            number,
            r.round(),
            r.reviewerGroup(),
            r.verdict(),
            r.comments(),
            r.reviewedBy(),
            Timestamp.from(r.reviewedAt()),
            number,
            r.round(),
            r.reviewerGroup())
        .update();
  }

  public List<Review> reviews(String number) {
    return jdbc.sql(
            """
            select review_round, reviewer_group, verdict, comments, reviewed_by, reviewed_at
            from change_review where change_number = ? order by review_round, reviewer_group\
            """)
        .param(number)
        .query(
            (rs, i) ->
                new Review(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  public List<Review> reviews(String number, int round) {
    return reviews(number).stream().filter(r -> r.round() == round).toList();
  }

  public void recordImplementation(String number, Implementation i) {
    jdbc.sql(
            """
            insert into change_implementation (change_number, implementation_round, department, record, implemented_by, implemented_at)
            select ?, ?, ?, ?, ?, ? where not exists
              (select 1 from change_implementation where change_number = ? and implementation_round = ? and department = ?)\
            """)
        .params(
            number,
            i.round(),
            i.department(),
            i.record(),
            i.implementedBy(),
            Timestamp.from(i.implementedAt()),
            number,
            i.round(),
            i.department())
        .update();
  }

  public List<Implementation> implementations(String number) {
    return jdbc.sql(
            """
            select implementation_round, department, record, implemented_by, implemented_at
            from change_implementation where change_number = ? order by implementation_round, department\
            """)
        .param(number)
        .query(
            (rs, i) ->
                new Implementation(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()))
        .list();
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }
}
