package com.qmsflow.dashboard;

import com.qmsflow.capa.CorrectiveActionVariables;
import com.qmsflow.change.ChangeVariables;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.records.OnTimeCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures of the management dashboards, each computed by the database with one or two grouped
 * SQL queries over Camunda's history and runtime tables ({@code act_hi_taskinst}, {@code
 * act_ru_task}, {@code act_ru_identitylink}) and the project's tables ({@code complaint}, {@code
 * change_request}, {@code corrective_action}, {@code satisfaction_survey}, {@code escalation},
 * {@code defect_code}, the on-time summary {@code on_time_month}). Only aggregated rows reach the
 * application: nothing is loaded instance by instance. Every query restricts by an indexed time
 * column first (task end, receipt, closure, survey, escalation, the summary's month) and joins the
 * complaint by its unique process instance id.
 */
@Service
public class DashboardQueries {

  /** Months of the trend figures: the chosen month and the eleven before it. */
  static final int TREND_MONTHS = 12;

  static final String COMPLAINT_PROCESS = ComplaintVariables.PROCESS_KEY;
  static final String EIGHT_D_PROCESS = CorrectiveActionVariables.PROCESS_KEY;
  static final String CHANGE_PROCESS = ChangeVariables.PROCESS_KEY;
  private static final String PROCESSES =
      "('" + COMPLAINT_PROCESS + "', '" + EIGHT_D_PROCESS + "', '" + CHANGE_PROCESS + "')";

  /** Department shown for a task offered to named users only (8D team disciplines). */
  static final String NO_GROUP = OnTimeCounts.NO_GROUP;

  /**
   * Tier shown when a task or survey belongs to no complaint (internal 8D) or the tier is unknown.
   */
  static final String NO_TIER = OnTimeCounts.NO_TIER;

  /**
   * Where a satisfaction answer comes from ({@code satisfaction_survey.source}, V26): the survey
   * after a complaint, or the yearly campaign (process {@code customer-satisfaction-survey}).
   */
  public static final String SOURCE_COMPLAINT = "COMPLAINT";

  public static final String SOURCE_CAMPAIGN = "CAMPAIGN";

  public static final List<String> SURVEY_SOURCES = List.of(SOURCE_COMPLAINT, SOURCE_CAMPAIGN);

  /** The order of the 8D disciplines in {@code corrective-action.bpmn}. */
  private static final List<String> EIGHT_D_ORDER = CorrectiveActionVariables.EIGHT_D_TASKS;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;

  public DashboardQueries(
      JdbcClient jdbc, Clock clock, @Value("${qms.calendar.zone}") String zone) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  public YearMonth currentMonth() {
    return YearMonth.from(clock.instant().atZone(zone));
  }

  // --- on-time rate ---------------------------------------------------------------------------

  /**
   * Completed tasks with a due date (complaints, 8Ds, contract changes) per month of completion,
   * deadline (task), department (the candidate group the task was first offered to, not a group
   * added by an escalation: recorded with the step in {@code process_step.department}) and tier (of
   * the complaint, or of the contract change's customer); on time = completed at or before the due
   * date. Read from the on-time summary ({@code on_time_month}, V33: records/OnTimeCounts), which
   * counts each completion in the engine's transaction, so the figure reads at most a few hundred
   * rows per month and survives Camunda's history cleanup; the category is one more dimension of
   * the summary, summed here.
   */
  public Figure onTimeRates(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    Map<String, Object> p = new HashMap<>();
    p.put("first", w.months().get(0).toString());
    p.put("last", f.month().toString());
    StringBuilder sql =
        new StringBuilder(
            "select ended_month, process_key, task_key, max(step) as step, department, tier,"
                + " sum(completed) as completed, sum(on_time) as on_time from on_time_month"
                + " where ended_month >= :first and ended_month <= :last and process_key in "
                + PROCESSES);
    filters(sql, p, f, "tier", "category");
    if (f.department() != null) {
      sql.append(" and department = :department");
      p.put("department", f.department());
    }
    sql.append(
        " group by ended_month, process_key, task_key, department, tier"
            + " order by ended_month, process_key, task_key, department, tier");
    List<Map<String, Object>> rows =
        jdbc.sql(sql.toString())
            .params(p)
            .query(
                (rs, n) -> {
                  long completed = rs.getLong("completed");
                  long onTime = rs.getLong("on_time");
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("month", rs.getString("ended_month"));
                  row.put("process", rs.getString("process_key"));
                  row.put("deadline", rs.getString("task_key"));
                  row.put("step", rs.getString("step"));
                  row.put("department", rs.getString("department"));
                  row.put("tier", rs.getString("tier"));
                  row.put("completed", completed);
                  row.put("onTime", onTime);
                  row.put("late", completed - onTime);
                  row.put("onTimePercent", percent(onTime, completed));
                  return row;
                })
            .list();
    return figure(
        "on-time-rates",
        "On-time rate of each deadline per department and tier",
        f,
        w,
        List.of(
            "month",
            "process",
            "deadline",
            "step",
            "department",
            "tier",
            "completed",
            "onTime",
            "late",
            "onTimePercent"),
        rows);
  }

  // --- Pareto of defect codes -----------------------------------------------------------------

  /**
   * Complaints received in the month per defect code, most frequent first, with the cumulative
   * share.
   */
  public Figure defectPareto(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), 1, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder sql =
        new StringBuilder(
            "select c.defect_code, max(d.description) as description, count(*) as n "
                + "from complaint c left join defect_code d on d.code = c.defect_code where "
                + w.range("c.received_at"));
    complaintFilters(sql, p, f, "c");
    sql.append(" group by c.defect_code order by n desc, c.defect_code");
    record Count(String code, String description, long n) {}
    List<Count> counts =
        jdbc.sql(sql.toString())
            .params(p)
            .query((rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)))
            .list();
    long total = counts.stream().mapToLong(Count::n).sum();
    List<Map<String, Object>> rows = new ArrayList<>();
    long cumulative = 0;
    for (Count c : counts) {
      cumulative += c.n();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("defectCode", c.code());
      row.put("description", c.description() == null ? c.code() : c.description());
      row.put("complaints", c.n());
      row.put("percent", percent(c.n(), total));
      row.put("cumulativePercent", percent(cumulative, total));
      rows.add(row);
    }
    return figure(
        "defect-pareto",
        "Pareto of defect codes (complaints received in the month)",
        f,
        w,
        List.of("defectCode", "description", "complaints", "percent", "cumulativePercent"),
        rows);
  }

  // --- open and overdue tasks -----------------------------------------------------------------

  /**
   * Open tasks now per candidate group (a task offered to two groups, e.g. after an escalation,
   * counts for both), overdue ones (due date passed) and their age since creation.
   */
  public Figure openTasks(DashboardFilters f) {
    Instant now = clock.instant();
    Map<String, Object> p = new HashMap<>();
    p.put("now", Timestamp.from(now));
    p.put("day1", Timestamp.from(now.minus(Duration.ofDays(1))));
    p.put("day3", Timestamp.from(now.minus(Duration.ofDays(3))));
    p.put("day7", Timestamp.from(now.minus(Duration.ofDays(7))));
    StringBuilder inner =
        new StringBuilder(
            "select coalesce(l.group_id_, '"
                + NO_GROUP
                + "') as grp, t.create_time_ as created, t.due_date_ as due from act_ru_task t join"
                + " act_ru_execution e on e.id_ = t.proc_inst_id_ join act_re_procdef d on d.id_ ="
                + " t.proc_def_id_ left join act_ru_identitylink l on l.task_id_ = t.id_ and"
                + " l.type_ = 'candidate' and l.group_id_ is not null left join complaint c on"
                + " c.process_instance_id = e.root_proc_inst_id_ left join change_request r on"
                + " r.process_instance_id = e.root_proc_inst_id_ where d.key_ in "
                + PROCESSES);
    filters(inner, p, f, "coalesce(c.tier, r.tier)", "c.category");
    StringBuilder sql =
        new StringBuilder(
            "select grp, count(*) as open_tasks, sum(case when due < :now then 1 else 0 end) as"
                + " overdue, sum(case when created > :day1 then 1 else 0 end) as age_under_1,"
                + " sum(case when created <= :day1 and created > :day3 then 1 else 0 end) as"
                + " age_1_3, sum(case when created <= :day3 and created > :day7 then 1 else 0 end)"
                + " as age_3_7, sum(case when created <= :day7 then 1 else 0 end) as age_over_7,"
                + " min(created) as oldest, min(case when due < :now then due end) as most_overdue"
                + " from ("
                + inner
                + ") q");
    if (f.department() != null) {
      sql.append(" where grp = :department");
      p.put("department", f.department());
    }
    sql.append(" group by grp order by grp");
    List<Map<String, Object>> rows =
        jdbc.sql(sql.toString())
            .params(p)
            .query(
                (rs, n) -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("group", rs.getString("grp"));
                  row.put("open", rs.getLong("open_tasks"));
                  row.put("overdue", rs.getLong("overdue"));
                  row.put("ageUnder1Day", rs.getLong("age_under_1"));
                  row.put("age1To3Days", rs.getLong("age_1_3"));
                  row.put("age3To7Days", rs.getLong("age_3_7"));
                  row.put("ageOver7Days", rs.getLong("age_over_7"));
                  row.put("oldestAgeDays", days(rs.getTimestamp("oldest"), now));
                  row.put("mostOverdueDays", days(rs.getTimestamp("most_overdue"), now));
                  return row;
                })
            .list();
    String month = currentMonth().toString();
    return new Figure(
        "open-tasks",
        "Open and overdue tasks per group with their age (now)",
        month,
        month,
        month,
        f.applied(),
        List.of(
            "group",
            "open",
            "overdue",
            "ageUnder1Day",
            "age1To3Days",
            "age3To7Days",
            "ageOver7Days",
            "oldestAgeDays",
            "mostOverdueDays"),
        rows);
  }

  // --- intake and closure ---------------------------------------------------------------------

  /** Complaints received and closed per month, and open at each month's end, over twelve months. */
  public Figure intakeAndClosure(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    long[] received = countPerMonth(w, f, "c.received_at");
    long[] closed = countPerMonth(w, f, "c.closed_at");
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder before =
        new StringBuilder(
            "select count(*) from complaint c where c.received_at < :m0 "
                + "and (c.closed_at is null or c.closed_at >= :m0)");
    complaintFilters(before, p, f, "c");
    long open = jdbc.sql(before.toString()).params(p).query(Long.class).single();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      open += received[i] - closed[i];
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("month", w.label(i));
      row.put("received", received[i]);
      row.put("closed", closed[i]);
      row.put("openAtMonthEnd", open);
      rows.add(row);
    }
    return figure(
        "intake-closure",
        "Complaints received and closed per month",
        f,
        w,
        List.of("month", "received", "closed", "openAtMonthEnd"),
        rows);
  }

  // --- customer decisions on the reply (issue 19.3) -------------------------------------------

  /**
   * The customers' decisions on the written reply per month in which they were recorded
   * (customer_decision): accepted, rejected, accepted by default (no answer in time) and the share
   * rejected, over twelve months. A complaint asked again after a rejection counts each answer.
   */
  public Figure customerDecisions(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder inner =
        new StringBuilder(
            "select "
                + w.bucket("d.recorded_at")
                + " as bucket, d.decision as decision from customer_decision d join complaint c on"
                + " c.complaint_number = d.complaint_number where "
                + w.range("d.recorded_at"));
    complaintFilters(inner, p, f, "c");
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String decision : List.of("ACCEPTED", "REJECTED", "ACCEPTED_BY_DEFAULT")) {
      counts.put(decision, new long[w.size()]);
    }
    jdbc.sql(
            "select bucket, decision, count(*) as n from ("
                + inner
                + ") q group by bucket, decision")
        .params(p)
        .query(
            rs -> {
              long[] perMonth = counts.get(rs.getString("decision"));
              if (perMonth != null) {
                perMonth[rs.getInt("bucket")] = rs.getLong("n");
              }
            });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      long accepted = counts.get("ACCEPTED")[i];
      long rejected = counts.get("REJECTED")[i];
      long byDefault = counts.get("ACCEPTED_BY_DEFAULT")[i];
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("month", w.label(i));
      row.put("accepted", accepted);
      row.put("rejected", rejected);
      row.put("acceptedByDefault", byDefault);
      row.put("rejectedPercent", percent(rejected, accepted + rejected + byDefault));
      rows.add(row);
    }
    return figure(
        "customer-decisions",
        "Customers' decisions on the reply per month",
        f,
        w,
        List.of("month", "accepted", "rejected", "acceptedByDefault", "rejectedPercent"),
        rows);
  }

  private long[] countPerMonth(MonthWindow w, DashboardFilters f, String column) {
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder inner =
        new StringBuilder(
            "select " + w.bucket(column) + " as bucket from complaint c where " + w.range(column));
    complaintFilters(inner, p, f, "c");
    long[] counts = new long[w.size()];
    jdbc.sql("select bucket, count(*) as n from (" + inner + ") q group by bucket")
        .params(p)
        .query(
            rs -> {
              counts[rs.getInt("bucket")] = rs.getLong("n");
            });
    return counts;
  }

  // --- satisfaction ---------------------------------------------------------------------------

  /**
   * Survey answers per month, source (after a complaint or the yearly campaign), tier and aspect:
   * how many gave each score 1-5 and the shares of satisfied (4-5) and dissatisfied (1-2) answers,
   * over twelve months. The category filter keeps complaint answers only (a campaign answer has no
   * complaint category).
   */
  public Figure satisfaction(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder inner =
        new StringBuilder(
            "select "
                + w.bucket("s.surveyed_at")
                + " as bucket, s.source, "
                + "coalesce(s.tier, '"
                + NO_TIER
                + "') as tier, s.aspect, s.score from satisfaction_survey s left join complaint c"
                + " on c.complaint_number = s.complaint_number where "
                + w.range("s.surveyed_at"));
    if (f.source() != null) {
      inner.append(" and s.source = :source");
      p.put("source", f.source());
    }
    if (f.tier() != null) {
      inner.append(" and s.tier = :tier");
      p.put("tier", f.tier());
    }
    if (f.category() != null) {
      inner.append(" and c.category = :category");
      p.put("category", f.category());
    }
    String sql =
        "select bucket, source, tier, aspect, count(*) as n, sum(case when score = 1 then 1 else 0"
            + " end) as"
            + " s1, sum(case when score = 2 then 1 else 0 end) as s2, sum(case when score = 3 then"
            + " 1 else 0 end) as s3, sum(case when score = 4 then 1 else 0 end) as s4, sum(case"
            + " when score = 5 then 1 else 0 end) as s5 from ("
            + inner
            + ") q group by bucket, source, tier, aspect order by bucket, source, tier, aspect";
    List<Map<String, Object>> rows =
        jdbc.sql(sql)
            .params(p)
            .query(
                (rs, n) -> {
                  long answers = rs.getLong("n");
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("month", w.label(rs.getInt("bucket")));
                  row.put("source", rs.getString("source"));
                  row.put("tier", rs.getString("tier"));
                  row.put("aspect", rs.getString("aspect"));
                  row.put("answers", answers);
                  for (int score = 1; score <= 5; score++) {
                    row.put("score" + score, rs.getLong("s" + score));
                  }
                  row.put(
                      "satisfiedPercent", percent(rs.getLong("s4") + rs.getLong("s5"), answers));
                  row.put(
                      "dissatisfiedPercent", percent(rs.getLong("s1") + rs.getLong("s2"), answers));
                  return row;
                })
            .list();
    return figure(
        "satisfaction",
        "Customer satisfaction per survey source, tier and aspect: distribution of scores and"
            + " trend",
        f,
        w,
        List.of(
            "month",
            "source",
            "tier",
            "aspect",
            "answers",
            "score1",
            "score2",
            "score3",
            "score4",
            "score5",
            "satisfiedPercent",
            "dissatisfiedPercent"),
        rows);
  }

  // --- 8D cycle time --------------------------------------------------------------------------

  /**
   * How long each 8D discipline took (task creation to completion, in hours) for the tasks
   * completed in the twelve months: count, minimum, quartiles, 90th percentile, maximum and mean.
   */
  public Figure eightDCycleTimes(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    // decimal, not double: H2 2.3 fails to interpolate percentiles of some double values ("Scale
    // ... -4")
    StringBuilder sql =
        new StringBuilder(
            "select t.task_def_key_ as task_key, max(t.name_) as step, count(*) as n,"
                + " min(t.duration_) as min_ms, max(t.duration_) as max_ms, avg(cast(t.duration_ as"
                + " double precision)) as mean_ms, percentile_cont(0.25) within group (order by"
                + " cast(t.duration_ as decimal(19, 0))) as q1_ms, percentile_cont(0.5) within"
                + " group (order by cast(t.duration_ as decimal(19, 0))) as median_ms,"
                + " percentile_cont(0.75) within group (order by cast(t.duration_ as decimal(19,"
                + " 0))) as q3_ms, percentile_cont(0.9) within group (order by cast(t.duration_ as"
                + " decimal(19, 0))) as p90_ms from act_hi_taskinst t left join complaint c on"
                + " c.process_instance_id = t.root_proc_inst_id_ where "
                + w.range("t.end_time_")
                + " and t.proc_def_key_ = '"
                + EIGHT_D_PROCESS
                + "' "
                + "and t.delete_reason_ = 'completed'");
    complaintFilters(sql, p, f, "c");
    sql.append(" group by t.task_def_key_");
    List<Map<String, Object>> rows =
        new ArrayList<>(
            jdbc.sql(sql.toString())
                .params(p)
                .query(
                    (rs, n) -> {
                      Map<String, Object> row = new LinkedHashMap<>();
                      row.put("discipline", rs.getString("task_key"));
                      row.put("step", rs.getString("step"));
                      row.put("completed", rs.getLong("n"));
                      row.put("minHours", hours(rs.getDouble("min_ms")));
                      row.put("q1Hours", hours(rs.getDouble("q1_ms")));
                      row.put("medianHours", hours(rs.getDouble("median_ms")));
                      row.put("q3Hours", hours(rs.getDouble("q3_ms")));
                      row.put("p90Hours", hours(rs.getDouble("p90_ms")));
                      row.put("maxHours", hours(rs.getDouble("max_ms")));
                      row.put("meanHours", hours(rs.getDouble("mean_ms")));
                      return row;
                    })
                .list());
    rows.sort(
        (a, b) ->
            Integer.compare(
                order((String) a.get("discipline")), order((String) b.get("discipline"))));
    return figure(
        "eight-d-cycle-times",
        "8D cycle time per discipline (hours)",
        f,
        w,
        List.of(
            "discipline",
            "step",
            "completed",
            "minHours",
            "q1Hours",
            "medianHours",
            "q3Hours",
            "p90Hours",
            "maxHours",
            "meanHours"),
        rows);
  }

  private static int order(String taskKey) {
    int index = EIGHT_D_ORDER.indexOf(taskKey);
    return index < 0 ? EIGHT_D_ORDER.size() : index;
  }

  // --- escalations ----------------------------------------------------------------------------

  /**
   * Escalations per month, level and the group escalated to; an 8D's escalation belongs to the
   * complaint that raised the 8D (for the tier and category filters), a contract change's has the
   * change's tier.
   */
  public Figure escalations(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), TREND_MONTHS, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder inner =
        new StringBuilder(
            "select "
                + w.bucket("e.escalated_at")
                + " as bucket, e.escalation_level as lvl, e.escalated_to_group as grp from"
                + " escalation e left join corrective_action a on a.eight_d_number = e.business_key"
                + " left join complaint c on c.complaint_number = coalesce(a.complaint_number,"
                + " e.business_key) left join change_request r on r.change_number = e.business_key"
                + " where "
                + w.range("e.escalated_at"));
    filters(inner, p, f, "coalesce(c.tier, r.tier)", "c.category");
    if (f.department() != null) {
      inner.append(" and e.escalated_to_group = :department");
      p.put("department", f.department());
    }
    String sql =
        "select bucket, lvl, grp, count(*) as n from ("
            + inner
            + ") q "
            + "group by bucket, lvl, grp order by bucket, lvl, grp";
    List<Map<String, Object>> rows =
        jdbc.sql(sql)
            .params(p)
            .query(
                (rs, n) -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("month", w.label(rs.getInt("bucket")));
                  row.put("level", rs.getInt("lvl"));
                  row.put("group", rs.getString("grp"));
                  row.put("escalations", rs.getLong("n"));
                  return row;
                })
            .list();
    return figure(
        "escalations",
        "Escalations per month, level and group escalated to",
        f,
        w,
        List.of("month", "level", "group", "escalations"),
        rows);
  }

  // --- causes and countermeasures --------------------------------------------------------------

  /**
   * The complaints received in the month (those of the defect Pareto), by defect code in the
   * Pareto's order, with the cause and the countermeasure as last recorded in the project's records
   * ({@code record_value}: root cause, else the cause analysis; permanent actions, else the
   * corrections), for the month's report of causes and countermeasures to the management
   * representative (001 part 7 §5.3(6)). Blank while not yet analysed.
   */
  public Figure causesAndCountermeasures(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), 1, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder sql =
        new StringBuilder(
            "select c.complaint_number, c.defect_code, d.description, c.tier, c.category,"
                + " c.status, c.received_at, "
                + latestValue(ComplaintVariables.ROOT_CAUSE.name())
                + " as root_cause, "
                + latestValue(ComplaintVariables.CAUSE_ANALYSIS.name())
                + " as cause_analysis, "
                + latestValue(ComplaintVariables.PERMANENT_ACTIONS.name())
                + " as permanent_actions, "
                + latestValue(ComplaintVariables.CORRECTION_ACTIONS.name())
                + " as corrections from complaint c left join defect_code d on d.code ="
                + " c.defect_code where "
                + w.range("c.received_at"));
    complaintFilters(sql, p, f, "c");
    sql.append(" order by c.received_at, c.complaint_number");
    List<Map<String, Object>> rows =
        new ArrayList<>(
            jdbc.sql(sql.toString())
                .params(p)
                .query(
                    (rs, n) -> {
                      Map<String, Object> row = new LinkedHashMap<>();
                      row.put("complaint", rs.getString("complaint_number"));
                      row.put("defectCode", rs.getString("defect_code"));
                      String description = rs.getString("description");
                      row.put(
                          "description",
                          description == null ? rs.getString("defect_code") : description);
                      row.put("tier", rs.getString("tier"));
                      row.put("category", rs.getString("category"));
                      row.put("status", rs.getString("status"));
                      row.put(
                          "cause",
                          firstText(rs.getString("root_cause"), rs.getString("cause_analysis")));
                      row.put(
                          "countermeasure",
                          firstText(
                              rs.getString("permanent_actions"), rs.getString("corrections")));
                      return row;
                    })
                .list());
    // the Pareto's order: most frequent defect first, then the code
    Map<String, Long> perCode = new HashMap<>();
    rows.forEach(r -> perCode.merge((String) r.get("defectCode"), 1L, Long::sum));
    rows.sort(
        java.util.Comparator.<Map<String, Object>>comparingLong(
                r -> -perCode.get((String) r.get("defectCode")))
            .thenComparing(r -> (String) r.get("defectCode")));
    return figure(
        "causes-countermeasures",
        "Causes and countermeasures of the complaints received in the month",
        f,
        w,
        List.of(
            "complaint",
            "defectCode",
            "description",
            "tier",
            "category",
            "status",
            "cause",
            "countermeasure"),
        rows);
  }

  /** The latest recorded value of a name of the complaint's instance. */
  private static String latestValue(String name) {
    return "(select v.text_value from record_value v where v.process_instance_id ="
        + " c.process_instance_id and v.name = '"
        + name
        + "' and v.id = (select max(v2.id) from record_value v2 where v2.process_instance_id ="
        + " c.process_instance_id and v2.name = '"
        + name
        + "'))";
  }

  private static String firstText(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second == null || second.isBlank() ? null : second;
  }

  // --- 8D status ------------------------------------------------------------------------------

  /**
   * The 8D reports of the month: every 8D raised before the month's end and not closed before its
   * start (raised in it, closed in it, or open at its end), with its complaint, dates, state at the
   * month's end and the disciplines open now ({@code process_step}), oldest first.
   */
  public Figure eightDStatus(DashboardFilters f) {
    MonthWindow w = new MonthWindow(f.month(), 1, zone);
    Map<String, Object> p = new HashMap<>(w.parameters());
    StringBuilder sql =
        new StringBuilder(
            "select a.eight_d_number, a.complaint_number, a.problem_title, a.raised_at,"
                + " a.closed_at, c.tier, (select min(s.task_name) from process_step s where"
                + " s.process_instance_id = a.process_instance_id and s.ended_at is null) as"
                + " open_step, (select count(*) from process_step s where s.process_instance_id"
                + " = a.process_instance_id and s.ended_at is null) as open_steps from"
                + " corrective_action a left join complaint c on c.complaint_number ="
                + " a.complaint_number where a.raised_at < :m1 and (a.closed_at is null or"
                + " a.closed_at >= :m0)");
    filters(sql, p, f, "c.tier", "c.category");
    sql.append(" order by a.raised_at, a.eight_d_number");
    Instant start = w.start().toInstant();
    Instant end = w.end().toInstant();
    List<Map<String, Object>> rows =
        jdbc.sql(sql.toString())
            .params(p)
            .query(
                (rs, n) -> {
                  Instant raised = rs.getTimestamp("raised_at").toInstant();
                  Timestamp closedAt = rs.getTimestamp("closed_at");
                  Instant closed = closedAt == null ? null : closedAt.toInstant();
                  String state =
                      closed != null && closed.isBefore(end)
                          ? "closed"
                          : !raised.isBefore(start) ? "raised" : "open";
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("eightD", rs.getString("eight_d_number"));
                  row.put("complaint", rs.getString("complaint_number"));
                  row.put("tier", rs.getString("tier") == null ? NO_TIER : rs.getString("tier"));
                  row.put("title", rs.getString("problem_title"));
                  row.put("raised", raised.atZone(zone).toLocalDate().toString());
                  row.put(
                      "closed",
                      closed == null ? null : closed.atZone(zone).toLocalDate().toString());
                  row.put("stateAtMonthEnd", state);
                  row.put("openStepsNow", rs.getLong("open_steps"));
                  row.put("openStepNow", rs.getString("open_step"));
                  return row;
                })
            .list();
    return figure(
        "eight-d-status",
        "8D reports raised, closed or open in the month",
        f,
        w,
        List.of(
            "eightD",
            "complaint",
            "tier",
            "title",
            "raised",
            "closed",
            "stateAtMonthEnd",
            "openStepsNow",
            "openStepNow"),
        rows);
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void complaintFilters(
      StringBuilder sql, Map<String, Object> p, DashboardFilters f, String alias) {
    filters(sql, p, f, alias + ".tier", alias + ".category");
  }

  /**
   * Tier and category filters; a row without a complaint has no category and is left out when one
   * is chosen.
   */
  private static void filters(
      StringBuilder sql, Map<String, Object> p, DashboardFilters f, String tier, String category) {
    if (f.tier() != null) {
      sql.append(" and ").append(tier).append(" = :tier");
      p.put("tier", f.tier());
    }
    if (f.category() != null) {
      sql.append(" and ").append(category).append(" = :category");
      p.put("category", f.category());
    }
  }

  private static Figure figure(
      String id,
      String title,
      DashboardFilters f,
      MonthWindow w,
      List<String> columns,
      List<Map<String, Object>> rows) {
    return new Figure(
        id,
        title,
        f.month().toString(),
        w.months().get(0).toString(),
        f.month().toString(),
        f.applied(),
        columns,
        rows);
  }

  /** part of whole in percent, one decimal, half up; null when whole is 0 (the figures' rule). */
  public static BigDecimal percent(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part * 100L)
            .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }

  private static BigDecimal hours(double millis) {
    return BigDecimal.valueOf(millis / 3_600_000d).setScale(1, RoundingMode.HALF_UP);
  }

  private static BigDecimal days(Timestamp since, Instant now) {
    if (since == null) {
      return null;
    }
    return BigDecimal.valueOf(Duration.between(since.toInstant(), now).toMinutes() / 1440d)
        .setScale(1, RoundingMode.HALF_UP);
  }
}
