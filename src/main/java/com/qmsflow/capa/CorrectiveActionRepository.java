package com.qmsflow.capa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of 8D reports and their number counter. */
@Repository
public class CorrectiveActionRepository {

  public record CorrectiveAction(String eightDNumber, String processInstanceId, String complaintNumber,
      String problemTitle, String status) {}

  private final JdbcClient jdbc;

  public CorrectiveActionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Next number of the year; the row lock of the update serialises concurrent 8D reports. */
  public int nextSequence(int year) {
    int updated = jdbc.sql("update eight_d_number_counter set last_value = last_value + 1 where counter_year = ?")
        .param(year).update();
    if (updated == 0) {
      throw new IllegalStateException("No 8D number counter for year " + year + ": add a row to eight_d_number_counter");
    }
    return jdbc.sql("select last_value from eight_d_number_counter where counter_year = ?")
        .param(year).query(Integer.class).single();
  }

  public Optional<CorrectiveAction> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("""
            select eight_d_number, process_instance_id, complaint_number, problem_title, status
            from corrective_action where process_instance_id = ?""")
        .param(processInstanceId).query(CorrectiveAction.class).optional();
  }

  public Optional<CorrectiveAction> findByNumber(String number) {
    return jdbc.sql("""
            select eight_d_number, process_instance_id, complaint_number, problem_title, status
            from corrective_action where eight_d_number = ?""")
        .param(number).query(CorrectiveAction.class).optional();
  }

  public void insert(String number, String processInstanceId, String complaintNumber, String problemTitle, Instant raisedAt) {
    jdbc.sql("""
            insert into corrective_action (eight_d_number, process_instance_id, complaint_number, problem_title, raised_at)
            values (?, ?, ?, ?, ?)""")
        .params(number, processInstanceId, complaintNumber, problemTitle, Timestamp.from(raisedAt)).update();
  }

  /** Closing twice keeps the first closing time. */
  public void close(String number, Instant closedAt) {
    jdbc.sql("update corrective_action set status = 'CLOSED', closed_at = coalesce(closed_at, ?) where eight_d_number = ?")
        .params(Timestamp.from(closedAt), number).update();
  }
}
