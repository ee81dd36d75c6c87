package com.qmsflow.feedback;

import com.qmsflow.complaint.ComplaintVariables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A customer's feedback history (002 §4.5.1, §4.6: "feedback on quality, service, changes") from
 * the project's own tables, so it outlives the engine's history: every complaint from the register
 * with its on-time state from the process records (its own steps and those of the 8D it called),
 * every contract change, every satisfaction answer.
 */
@Repository
public class CustomerFeedback {

  /**
   * One complaint.
   *
   * @param severity the closing severity, or while open the latest one recorded
   * @param onTime {@code true} when every step with a due date was done by it and none is overdue,
   *     {@code false} when one was late or is overdue, {@code null} while no step had a due date
   * @param lateSteps steps finished after their due date or open past it
   * @param openSteps the names of the steps open now (the complaint's and its 8D's)
   */
  public record ComplaintEntry(
      String complaintNumber,
      Instant receivedAt,
      String productName,
      String productModel,
      String batchNumber,
      String defectCode,
      String defectDescription,
      String severity,
      String status,
      Instant closedAt,
      Boolean onTime,
      int lateSteps,
      List<String> openSteps) {}

  /** One contract or order change raised for the customer. */
  public record ChangeEntry(
      String changeNumber,
      Instant raisedAt,
      String changeType,
      String description,
      String state,
      LocalDate effectiveDate,
      Instant closedAt,
      String processInstanceId) {}

  /** The answers of one satisfaction survey (1-5 per aspect), after a complaint. */
  public record SurveyEntry(
      String complaintNumber, Instant surveyedAt, Map<String, Integer> scores) {}

  private record Step(String root, String name, Instant dueAt, Instant endedAt, Boolean onTime) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerFeedback(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Newest first. */
  public List<ComplaintEntry> complaints(String customerCode) {
    Map<String, List<Step>> steps = new HashMap<>();
    jdbc.sql(
            """
            select r.root_process_instance_id, s.task_name, s.due_at, s.ended_at, s.on_time
            from process_step s join process_record r on r.process_instance_id = s.process_instance_id
            where r.root_process_instance_id in
              (select process_instance_id from complaint where customer_code = ?)
            order by s.created_at, s.id\
            """)
        .param(customerCode)
        .query(
            (rs, i) ->
                new Step(
                    rs.getString(1),
                    rs.getString(2),
                    instant(rs, 3),
                    instant(rs, 4),
                    (Boolean) rs.getObject(5, Boolean.class)))
        .list()
        .forEach(s -> steps.computeIfAbsent(s.root(), k -> new ArrayList<>()).add(s));
    Instant now = clock.instant();
    return jdbc.sql(
            """
            select c.complaint_number, c.received_at, c.product_name, c.product_model,
              c.batch_number, c.defect_code, d.description, c.severity,
              (select v.text_value from record_value v
                where v.process_instance_id = c.process_instance_id and v.name = ?
                order by v.id desc fetch first 1 rows only) as recorded_severity,
              c.status, c.closed_at, c.process_instance_id
            from complaint c left join defect_code d on d.code = c.defect_code
            where c.customer_code = ?
            order by c.received_at desc, c.complaint_number desc\
            """)
        .params(ComplaintVariables.SEVERITY, customerCode)
        .query(
            (rs, i) -> {
              List<Step> own = steps.getOrDefault(rs.getString(12), List.of());
              int late = 0;
              boolean anyDue = false;
              List<String> open = new ArrayList<>();
              for (Step s : own) {
                if (s.endedAt() == null) {
                  open.add(s.name());
                }
                if (s.dueAt() == null) {
                  continue;
                }
                anyDue = true;
                boolean overdue = s.endedAt() == null && s.dueAt().isBefore(now);
                if (Boolean.FALSE.equals(s.onTime()) || overdue) {
                  late++;
                }
              }
              String severity = rs.getString(8) != null ? rs.getString(8) : rs.getString(9);
              return new ComplaintEntry(
                  rs.getString(1),
                  instant(rs, 2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  severity,
                  rs.getString(10),
                  instant(rs, 11),
                  anyDue ? late == 0 : null,
                  late,
                  List.copyOf(open));
            })
        .list();
  }

  /** Newest first; the caller decides which of them may be shown. */
  public List<ChangeEntry> changes(String customerCode) {
    return jdbc.sql(
            """
            select change_number, raised_at, change_type, description, state, effective_date,
              closed_at, process_instance_id
            from change_request where customer_code = ?
            order by raised_at desc, change_number desc\
            """)
        .param(customerCode)
        .query(
            (rs, i) ->
                new ChangeEntry(
                    rs.getString(1),
                    instant(rs, 2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getObject(6, LocalDate.class),
                    instant(rs, 7),
                    rs.getString(8)))
        .list();
  }

  /** One entry per surveyed complaint, newest first; the aspects in alphabetical order. */
  public List<SurveyEntry> surveys(String customerCode) {
    Map<String, SurveyEntry> byComplaint = new LinkedHashMap<>();
    jdbc.sql(
            """
            select complaint_number, surveyed_at, aspect, score from satisfaction_survey
            where customer_code = ? order by surveyed_at desc, complaint_number desc, aspect\
            """)
        .param(customerCode)
        .query(
            (rs, i) -> {
              SurveyEntry entry =
                  byComplaint.computeIfAbsent(
                      rs.getString(1),
                      number -> new SurveyEntry(number, instantOf(rs), new TreeMap<>()));
              entry.scores().put(rs.getString(3), rs.getInt(4));
              return entry;
            })
        .list();
    return List.copyOf(byComplaint.values());
  }

  private static Instant instantOf(ResultSet rs) {
    try {
      return instant(rs, 2);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
