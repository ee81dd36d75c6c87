package com.qmsflow.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The customer's decision on the written reply (issue 19.3; ISO 10002 §7.8, 003 §5.3), kept in
 * {@code customer_decision} in the engine's transaction: one row per round, i.e. per time the
 * process waited for an answer ("Record customer's decision", round 1 after the reply, one more
 * after each revised settlement that sales management put to the customer). A round is answered
 * once: by sales, by the customer on the status page or, without an answer in time, by default;
 * whoever comes second records nothing. A rejected round is settled by sales management.
 */
@Service
public class CustomerDecisions {

  /** Who recorded a decision. */
  public static final String SALES = "SALES";

  public static final String STATUS_PAGE = "STATUS_PAGE";
  public static final String DEFAULT = "DEFAULT";

  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";
  public static final String ACCEPTED_BY_DEFAULT = "ACCEPTED_BY_DEFAULT";

  /** Settlement outcomes ({@code rejectionSettlement} of the form settle-rejected-reply). */
  public static final String ASK_AGAIN = "ASK_AGAIN";

  public static final String FINAL_RULING = "FINAL_RULING";

  /** Recourse offered (003 §5.3.1: {@link #FINAL_RULING} by the company; §5.3.2: this one). */
  public static final String QUALITY_REDETERMINATION = "QUALITY_REDETERMINATION";

  /** One recorded decision and, for a rejection, its settlement. */
  public record CustomerDecision(
      long id,
      String complaintNumber,
      String processInstanceId,
      int round,
      String decision,
      String reason,
      String source,
      String channel,
      String recordedBy,
      Instant recordedAt,
      String recourse,
      String outcome,
      String settlement,
      String settledBy,
      Instant settledAt) {

    public boolean rejected() {
      return REJECTED.equals(decision);
    }
  }

  private final JdbcClient jdbc;
  private final int maxRounds;

  public CustomerDecisions(
      JdbcClient jdbc, @Value("${qms.complainant.decision.max-rounds:3}") int maxRounds) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("qms.complainant.decision.max-rounds must be at least 1");
    }
    this.jdbc = jdbc;
    this.maxRounds = maxRounds;
  }

  /** How many times the customer may be asked at most (then sales management rules finally). */
  public int maxRounds() {
    return maxRounds;
  }

  /** Every decision of the complaint, oldest first. */
  public List<CustomerDecision> of(String complaintNumber) {
    return jdbc.sql("select * from customer_decision where complaint_number = ? order by round")
        .param(complaintNumber)
        .query(CustomerDecisions::row)
        .list();
  }

  public Optional<CustomerDecision> latest(String complaintNumber) {
    List<CustomerDecision> all = of(complaintNumber);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The round the process waits for (or last waited for): 1 at first, one more after each
   * settlement that asked the customer again.
   */
  public int currentRound(String complaintNumber) {
    return latest(complaintNumber)
        .map(d -> ASK_AGAIN.equals(d.outcome()) ? d.round() + 1 : d.round())
        .orElse(1);
  }

  /** Whether the current round already has its answer. */
  public boolean answered(String complaintNumber) {
    return latest(complaintNumber)
        .map(d -> d.round() == currentRound(complaintNumber))
        .orElse(false);
  }

  /** Whether sales management may still ask the customer again instead of ruling finally. */
  public boolean mayAskAgain(String complaintNumber) {
    return currentRound(complaintNumber) < maxRounds;
  }

  /**
   * Records the answer of the current round unless it has one; false when it had (a repeated job, a
   * second submission, two nodes at once).
   */
  public boolean recordOnce(
      String complaintNumber,
      String processInstanceId,
      String decision,
      String reason,
      String source,
      String channel,
      String recordedBy,
      Instant at) {
    int round = currentRound(complaintNumber);
    try {
      return jdbc.sql(
                  """
                  insert into customer_decision (complaint_number, process_instance_id, round, decision,
                                                 reason, source, channel, recorded_by, recorded_at)
                  select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists
                    (select 1 from customer_decision where complaint_number = ? and round = ?)\
                  """)
              .params(
                  complaintNumber,
                  processInstanceId,
                  round,
                  decision,
                  blankToNull(reason),
                  source,
                  blankToNull(channel),
                  recordedBy,
                  Timestamp.from(at),
                  complaintNumber,
                  round)
              .update()
          == 1;
    } catch (DuplicateKeyException concurrent) {
      return false;
    }
  }

  /** Sales management's settlement of the latest rejected, unsettled decision (once). */
  public boolean settleOnce(
      String complaintNumber,
      String recourse,
      String outcome,
      String settlement,
      String settledBy,
      Instant at) {
    return jdbc.sql(
                """
                update customer_decision set recourse = ?, outcome = ?, settlement = ?, settled_by = ?,
                                             settled_at = ?
                where complaint_number = ? and decision = ? and settled_at is null
                  and round = (select max(round) from customer_decision where complaint_number = ?)\
                """)
            .params(
                recourse,
                outcome,
                blankToNull(settlement),
                settledBy,
                Timestamp.from(at),
                complaintNumber,
                REJECTED,
                complaintNumber)
            .update()
        == 1;
  }

  /** Decisions recorded in [from, to), per decision value (dashboards). */
  public long count(String decision, Instant from, Instant to) {
    return jdbc.sql(
            "select count(*) from customer_decision where decision = ? and recorded_at >= ? and"
                + " recorded_at < ?")
        .params(decision, Timestamp.from(from), Timestamp.from(to))
        .query(Long.class)
        .single();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static CustomerDecision row(ResultSet rs, int i) throws SQLException {
    return new CustomerDecision(
        rs.getLong("id"),
        rs.getString("complaint_number"),
        rs.getString("process_instance_id"),
        rs.getInt("round"),
        rs.getString("decision"),
        rs.getString("reason"),
        rs.getString("source"),
        rs.getString("channel"),
        rs.getString("recorded_by"),
        instant(rs.getTimestamp("recorded_at")),
        rs.getString("recourse"),
        rs.getString("outcome"),
        rs.getString("settlement"),
        rs.getString("settled_by"),
        instant(rs.getTimestamp("settled_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
