package com.qmsflow.capa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of 8D reports. */
@Repository
public class CorrectiveActionRepository {

  public record CorrectiveAction(
      String eightDNumber,
      String processInstanceId,
      String complaintNumber,
      String problemTitle,
      String status) {}

  private final JdbcClient jdbc;

  public CorrectiveActionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CorrectiveAction> findByProcessInstance(String processInstanceId) {
    return jdbc.sql(
            """
            select eight_d_number, process_instance_id, complaint_number, problem_title, status
            from corrective_action where process_instance_id = ?\
            """)
        .param(processInstanceId)
        .query(CorrectiveAction.class)
        .optional();
  }

  public Optional<CorrectiveAction> findByNumber(String number) {
    return jdbc.sql(
            """
            select eight_d_number, process_instance_id, complaint_number, problem_title, status
            from corrective_action where eight_d_number = ?\
            """)
        .param(number)
        .query(CorrectiveAction.class)
        .optional();
  }

  public void insert(
      String number,
      String processInstanceId,
      String complaintNumber,
      String problemTitle,
      Instant raisedAt) {
    jdbc.sql(
            """
            insert into corrective_action (eight_d_number, process_instance_id, complaint_number, problem_title, raised_at)
            values (?, ?, ?, ?, ?)\
            """)
        .params(number, processInstanceId, complaintNumber, problemTitle, Timestamp.from(raisedAt))
        .update();
  }

  /** Closing twice keeps the first closing time. */
  public void close(String number, Instant closedAt) {
    jdbc.sql(
            "update corrective_action set status = 'CLOSED', closed_at = coalesce(closed_at, ?)"
                + " where eight_d_number = ?")
        .params(Timestamp.from(closedAt), number)
        .update();
  }
}
