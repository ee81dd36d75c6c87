package com.qmsflow.complaint;

import com.qmsflow.database.PerTransaction;
import com.qmsflow.records.RecordedStepsListener;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The complaint's earliest open due date (V37 {@code complaint.open_due_at}): the earliest due date
 * of the open recorded steps of the complaint's tree (its 8D included), null when none of them has
 * one. The register's {@code status=overdue} and its rows' overdue flag compare it with now, an
 * index range on {@code complaint} instead of mapping every open overdue step of the plant to its
 * complaint for each request (1.35 s at 100,000 open steps, docs/performance.md "Register overdue
 * at 100,000 open").
 *
 * <p>Kept by the records: whenever a step of the tree is recorded as opened with a due date, with a
 * changed due date (Tasklist, REST) or as ended, the column is computed again from {@code
 * process_step} in the same transaction, once per tree just before it commits (written only when it
 * changes); the same when a complaint is registered or linked to its instance, and once for the
 * existing complaints by the migration V37. Computed from the record alone, so doing it twice
 * writes the same.
 */
@Component
public class ComplaintOpenDue implements RecordedStepsListener {

  /** The earliest due date of the open steps of the row's tree. */
  static final String EARLIEST =
      "(select min(os.due_at) from process_record orr join process_step os on"
          + " os.process_instance_id = orr.process_instance_id where orr.root_process_instance_id"
          + " = complaint.process_instance_id and os.ended_at is null)";

  private static final String FILL =
      "update complaint set open_due_at = "
          + EARLIEST
          + " where open_due_at is distinct from "
          + EARLIEST
          + " and ";

  /**
   * Every complaint whose column is set or whose tree has an open step with a due date (a new
   * column is null everywhere else).
   */
  private static final String FILL_ALL =
      FILL
          + "(open_due_at is not null or process_instance_id in (select fr.root_process_instance_id"
          + " from process_record fr join process_step fs on fs.process_instance_id ="
          + " fr.process_instance_id where fs.ended_at is null and fs.due_at is not null))";

  private final JdbcClient jdbc;

  /**
   * The instances whose tree changed in the current transaction: computed once each just before it
   * commits (a completed step and the next one opened by the same command are one update, not two).
   */
  private final PerTransaction<Set<String>> changed =
      new PerTransaction<>(LinkedHashSet::new, instances -> instances.forEach(this::compute));

  public ComplaintOpenDue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A step of the instance opened with a due date or ended: its tree's complaint, if any, before
   * the transaction commits (at once outside a transaction).
   */
  @Override
  public void stepsChanged(String processInstanceId) {
    Set<String> instances = changed.get();
    if (instances == null) {
      compute(processInstanceId);
    } else {
      instances.add(processInstanceId);
    }
  }

  /** Computes the column of the complaint of the (root) process instance, as a change does. */
  public void fill(String processInstanceId) {
    if (processInstanceId != null) {
      stepsChanged(processInstanceId);
    }
  }

  /** The complaint of the instance's tree: of its root, or of the instance when not recorded. */
  private void compute(String processInstanceId) {
    jdbc.sql(
            FILL
                + "process_instance_id = coalesce((select r.root_process_instance_id from"
                + " process_record r where r.process_instance_id = ?), ?)")
        .params(processInstanceId, processInstanceId)
        .update();
  }

  /** Computes the column of every complaint it is wrong for; the rows written. */
  public int fillAll() {
    return jdbc.sql(FILL_ALL).update();
  }

  /** The same on a plain connection (the migration V37). */
  static int fillAll(Statement sql) throws SQLException {
    return sql.executeUpdate(FILL_ALL);
  }
}
