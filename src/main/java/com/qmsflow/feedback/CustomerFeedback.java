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
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A customer's feedback history (002 §4.5.1, §4.6: "feedback on quality, service, changes") from
 * the project's own tables, so it outlives the engine's history: every complaint from the register
 * with its on-time state from the process records (its own steps and those of the 8D it called),
 * every contract change, every satisfaction answer. Read a page at a time, newest first (issue 21
 * point 4: a tier-A customer has thousands of complaints).
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
      String complaintNumber,
      String surveyNumber,
      Instant surveyedAt,
      Map<String, Integer> scores) {}

  /** A change's number and process instance, to decide whether the caller may read it. */
  public record ChangeKey(String changeNumber, String processInstanceId) {}

  /**
   * One page of a section ({@code page} from 0): the rows and how many the section has, the shape
   * of the customer list's and the registers' pages.
   */
  public record Page<T>(List<T> items, int page, int size, long total) {}

  private record Step(String root, String name, Instant dueAt, Instant endedAt, Boolean onTime) {}

  /** A complaint as read, before its steps say whether it is on time. */
  private record Row(
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
      String processInstanceId) {

    ComplaintEntry entry(List<Step> steps, Instant now) {
      int late = 0;
      boolean anyDue = false;
      List<String> open = new ArrayList<>();
      for (Step s : steps) {
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
      return new ComplaintEntry(
          complaintNumber,
          receivedAt,
          productName,
          productModel,
          batchNumber,
          defectCode,
          defectDescription,
          severity,
          status,
          closedAt,
          anyDue ? late == 0 : null,
          late,
          List.copyOf(open));
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerFeedback(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One page of the customer's complaints, newest first, and how many the customer has. The page's
   * keys come from the index on (customer, received) alone; only the page's rows, their recorded
   * severity and their steps are read.
   */
  public Page<ComplaintEntry> complaints(String customerCode, int page, int size) {
    long offset = (long) page * size;
    List<Row> rows =
        jdbc.sql(
                """
                select c.complaint_number, c.received_at, c.product_name, c.product_model,
                  c.batch_number, c.defect_code, d.description, c.severity,
                  (select v.text_value from record_value v
                    where v.process_instance_id = c.process_instance_id and v.name = :severity
                    order by v.id desc fetch first 1 rows only) as recorded_severity,
                  c.status, c.closed_at, c.process_instance_id
                from (select complaint_number from complaint where customer_code = :customer
                  order by received_at desc, complaint_number desc
                  limit :limit offset :offset) p
                join complaint c on c.complaint_number = p.complaint_number
                left join defect_code d on d.code = c.defect_code
                order by c.received_at desc, c.complaint_number desc\
                """)
            .param("severity", ComplaintVariables.SEVERITY)
            .param("customer", customerCode)
            .param("limit", size)
            .param("offset", offset)
            .query(
                (rs, i) ->
                    new Row(
                        rs.getString(1),
                        instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8) != null ? rs.getString(8) : rs.getString(9),
                        rs.getString(10),
                        instant(rs, 11),
                        rs.getString(12)))
            .list();
    Map<String, List<Step>> steps = steps(rows.stream().map(Row::processInstanceId).toList());
    Instant now = clock.instant();
    List<ComplaintEntry> items =
        rows.stream()
            .map(r -> r.entry(steps.getOrDefault(r.processInstanceId(), List.of()), now))
            .toList();
    return new Page<>(
        items,
        page,
        size,
        total(
            page,
            size,
            items.size(),
            () ->
                jdbc.sql("select count(*) from complaint where customer_code = ?")
                    .param(customerCode)
                    .query(Long.class)
                    .single()));
  }

  /** The steps of these complaints and of the processes they called (their 8Ds), by complaint. */
  private Map<String, List<Step>> steps(List<String> processInstanceIds) {
    List<String> ids = processInstanceIds.stream().filter(Objects::nonNull).toList();
    Map<String, List<Step>> steps = new HashMap<>();
    if (ids.isEmpty()) {
      return steps;
    }
    jdbc.sql(
            """
            select r.root_process_instance_id, s.task_name, s.due_at, s.ended_at, s.on_time
            from process_step s join process_record r on r.process_instance_id = s.process_instance_id
            where r.root_process_instance_id in (:ids)
            order by s.created_at, s.id\
            """)
        .param("ids", ids)
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
    return steps;
  }

  /**
   * Every change of the customer, newest first, as its number and process instance: the caller
   * decides which of them may be shown ({@link #changes(List)} reads those of a page). Contract
   * changes are few per customer (tens a year), and whether one may be read is the engine's
   * authorization, so the keys are read whole.
   */
  public List<ChangeKey> changeKeys(String customerCode) {
    return jdbc.sql(
            """
            select change_number, process_instance_id from change_request where customer_code = ?
            order by raised_at desc, change_number desc\
            """)
        .param(customerCode)
        .query((rs, i) -> new ChangeKey(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** These changes, in the given order. */
  public List<ChangeEntry> changes(List<String> changeNumbers) {
    if (changeNumbers.isEmpty()) {
      return List.of();
    }
    Map<String, ChangeEntry> byNumber = new HashMap<>();
    jdbc.sql(
            """
            select change_number, raised_at, change_type, description, state, effective_date,
              closed_at, process_instance_id
            from change_request where change_number in (:numbers)\
            """)
        .param("numbers", changeNumbers)
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
        .list()
        .forEach(c -> byNumber.put(c.changeNumber(), c));
    return changeNumbers.stream().map(byNumber::get).filter(Objects::nonNull).toList();
  }

  /**
   * One page of the customer's survey answers, one entry per survey (after a complaint, or of a
   * yearly campaign), newest first, the aspects in alphabetical order; and how many surveys there
   * are.
   */
  public Page<SurveyEntry> surveys(String customerCode, int page, int size) {
    long offset = (long) page * size;
    List<String> keys =
        jdbc.sql(
                """
                select coalesce(complaint_number, survey_number) as entry_key,
                  max(surveyed_at) as last_surveyed_at
                from satisfaction_survey where customer_code = :customer
                group by coalesce(complaint_number, survey_number)
                order by last_surveyed_at desc, entry_key desc
                limit :limit offset :offset\
                """)
            .param("customer", customerCode)
            .param("limit", size)
            .param("offset", offset)
            .query((rs, i) -> rs.getString(1))
            .list();
    Map<String, SurveyEntry> byKey = new LinkedHashMap<>();
    keys.forEach(k -> byKey.put(k, null));
    if (!keys.isEmpty()) {
      jdbc.sql(
              """
              select complaint_number, survey_number, surveyed_at, aspect, score
              from satisfaction_survey
              where customer_code = :customer
                and coalesce(complaint_number, survey_number) in (:keys)
              order by surveyed_at desc, aspect\
              """)
          .param("customer", customerCode)
          .param("keys", keys)
          .query(
              (rs, i) -> {
                String complaint = rs.getString(1);
                String survey = rs.getString(2);
                String key = complaint != null ? complaint : survey;
                SurveyEntry entry = byKey.get(key);
                if (entry == null) { // the newest answer of the survey comes first
                  entry = new SurveyEntry(complaint, survey, instant(rs, 3), new TreeMap<>());
                  byKey.put(key, entry); // keeps the key's place, the page's order
                }
                entry.scores().put(rs.getString(4), rs.getInt(5));
                return entry;
              })
          .list();
    }
    List<SurveyEntry> items = byKey.values().stream().filter(Objects::nonNull).toList();
    return new Page<>(
        items,
        page,
        size,
        total(
            page,
            size,
            items.size(),
            () ->
                jdbc.sql(
                        """
                        select count(distinct coalesce(complaint_number, survey_number))
                        from satisfaction_survey where customer_code = ?\
                        """)
                    .param(customerCode)
                    .query(Long.class)
                    .single()));
  }

  /**
   * A page that is not full ends the list, so it tells the total (as the customer list does); the
   * count is needed only for full pages and for pages past the end.
   */
  private static long total(int page, int size, int shown, Supplier<Long> count) {
    return shown < size && (page == 0 || shown > 0) ? (long) page * size + shown : count.get();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
