package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.APPROVED_COMPENSATION_AMOUNT;
import static com.qmsflow.complaint.ComplaintVariables.CAUSE_ANALYSIS;
import static com.qmsflow.complaint.ComplaintVariables.COMPENSATION_AMOUNT;
import static com.qmsflow.complaint.ComplaintVariables.COMPENSATION_DECISION;
import static com.qmsflow.complaint.ComplaintVariables.CORRECTION_ACTIONS;
import static com.qmsflow.complaint.ComplaintVariables.EIGHT_D_NUMBER;
import static com.qmsflow.complaint.ComplaintVariables.ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT;
import static com.qmsflow.complaint.ComplaintVariables.PERMANENT_ACTIONS;
import static com.qmsflow.complaint.ComplaintVariables.REPLY_SENT_DATE;
import static com.qmsflow.complaint.ComplaintVariables.RESPONSIBILITY;
import static com.qmsflow.complaint.ComplaintVariables.RESPONSIBLE_DEPARTMENT;
import static com.qmsflow.complaint.ComplaintVariables.ROOT_CAUSE;
import static com.qmsflow.complaint.ComplaintVariables.SEVERITY_VAR;
import static com.qmsflow.deadline.DeadlineVariables.CAUSE_ORIGIN;

import com.qmsflow.records.RecordedValuesListener;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The findings the complaint register filters on and shows, as columns of the complaint's row
 * (V29): each column holds the latest value recorded in {@code record_value} for its variable in
 * the complaint's process instance (the same value the record page shows). A filter on a finding is
 * then an index range on {@code complaint} instead of a search through {@code record_value}
 * (docs/performance.md "Third pass (V29, V30)").
 *
 * <p>Kept by the records: whenever the recorder (or the backfill from history) records one of these
 * names for an instance, the row of that instance's complaint is filled again from the record, in
 * the same transaction; the same when a complaint is linked to its instance, and once for every
 * existing complaint by the migration V29. Filling is computed from the record alone, so doing it
 * twice writes the same, and a task a process owner adds in Modeler that sets one of these
 * variables is reflected without anything in the model or the code. Only the names are listed here:
 * the register reads nothing else of the record for its rows.
 */
@Component
public class ComplaintFindings implements RecordedValuesListener {

  /** The longest coded finding a column keeps (these columns are indexed). */
  static final int CODED = 255;

  /**
   * A column and the SQL of its value from the record ({@code %s} stands for the latest recorded
   * text of a name).
   */
  record Column(String name, String type, List<String> variables, String value) {}

  static final List<Column> COLUMNS =
      List.of(
          coded("responsibility", RESPONSIBILITY.name()),
          // the environmental complaint's department when the analysis set none (one or the other
          // is set, by the category's path)
          new Column(
              "responsible_department",
              "varchar(" + CODED + ")",
              List.of(RESPONSIBLE_DEPARTMENT.name(), ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT.name()),
              "left(coalesce(nullif("
                  + latest(RESPONSIBLE_DEPARTMENT.name())
                  + ", ''), "
                  + latest(ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT.name())
                  + "), "
                  + CODED
                  + ")"),
          coded("cause_origin", CAUSE_ORIGIN.name()),
          text("cause_analysis", CAUSE_ANALYSIS.name()),
          text("root_cause", ROOT_CAUSE.name()),
          text("correction_actions", CORRECTION_ACTIONS.name()),
          text("permanent_actions", PERMANENT_ACTIONS.name()),
          coded("eight_d_number", EIGHT_D_NUMBER.name()),
          coded("compensation_decision", COMPENSATION_DECISION.name()),
          coded("compensation_amount", COMPENSATION_AMOUNT.name()),
          coded("approved_compensation_amount", APPROVED_COMPENSATION_AMOUNT.name()),
          // the recorded text: a plant-local day from a form, or an instant
          // (register/ComplaintRegister)
          coded("reply_sent_date", REPLY_SENT_DATE.name()),
          // an existing column (V3), set at closure until V29; the classification sets it from now
          // on, so the severity filter finds open complaints too. Kept when nothing is recorded.
          new Column(
              "severity",
              null,
              List.of(SEVERITY_VAR.name()),
              "coalesce(left(" + latest(SEVERITY_VAR.name()) + ", 10), severity)"));

  /** Every variable name a column is filled from. */
  static final Set<String> VARIABLES =
      COLUMNS.stream().flatMap(c -> c.variables().stream()).collect(Collectors.toSet());

  /** Fills the finding columns of the complaint rows the condition selects. */
  static final String FILL =
      "update complaint set "
          + COLUMNS.stream()
              .map(c -> c.name() + " = " + c.value())
              .collect(Collectors.joining(", "))
          + " where ";

  private final JdbcClient jdbc;

  public ComplaintFindings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void valuesRecorded(String processInstanceId, Set<String> names) {
    if (names.stream().anyMatch(VARIABLES::contains)) {
      fill(processInstanceId);
    }
  }

  /** Fills the finding columns of the complaint of the process instance from its record. */
  public void fill(String processInstanceId) {
    if (processInstanceId != null) {
      jdbc.sql(FILL + "process_instance_id = ?").param(processInstanceId).update();
    }
  }

  /** Fills the finding columns of every complaint with a process instance; the rows filled. */
  public int fillAll() {
    return jdbc.sql(FILL + "process_instance_id is not null").update();
  }

  /** The same on a plain connection (the migration V29). */
  static int fillAll(java.sql.Statement sql) throws java.sql.SQLException {
    return sql.executeUpdate(FILL + "process_instance_id is not null");
  }

  /** The finding columns with their types, for the migration that adds them. */
  static Stream<Column> newColumns() {
    return COLUMNS.stream().filter(c -> c.type() != null);
  }

  private static Column coded(String column, String variable) {
    return new Column(
        column,
        "varchar(" + CODED + ")",
        List.of(variable),
        "left(" + latest(variable) + ", " + CODED + ")");
  }

  private static Column text(String column, String variable) {
    // as long as record_value's text (V14)
    return new Column(column, "varchar(1000000)", List.of(variable), latest(variable));
  }

  /** The latest text recorded for the name in the row's instance (the last row wins, V14). */
  private static String latest(String variable) {
    return "(select fv.text_value from record_value fv where fv.id = (select max(fm.id) from"
        + " record_value fm where fm.process_instance_id = complaint.process_instance_id and"
        + " fm.name = '"
        + variable
        + "'))";
  }
}
