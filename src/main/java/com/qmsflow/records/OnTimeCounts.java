package com.qmsflow.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The on-time summary ({@code on_time_month}, V33): per month of completion in the plant's time
 * zone ({@code qms.calendar.zone}), process, task, department, tier and category, how many tasks
 * with a due date were completed and how many of them by the due date. The on-time dashboard reads
 * it instead of scanning twelve months of Camunda's task history, which history cleanup deletes.
 *
 * <p>{@link ProcessRecorder} counts a completion in the engine's transaction, once: only when the
 * recorded step ends now ({@code process_step.ended_at} was null), so a rolled back command counts
 * nothing and a completion recorded twice counts once. The dimensions are those the dashboard
 * always showed: the step's department ({@code process_step.department}, the group the task was
 * first offered to), the tier of the root instance's complaint or contract change and the
 * complaint's category (both set before the first user task).
 *
 * <p>Concurrent completions of the same row add up: one statement per completion, just before the
 * commit, that inserts the row or adds to it atomically ({@code insert … on conflict do update} on
 * PostgreSQL, {@code merge} on H2).
 */
@Repository
public class OnTimeCounts {

  /** Department of a task offered to named users only (8D team disciplines). */
  public static final String NO_GROUP = "(8D team)";

  /** Tier of a task that belongs to no complaint or change (internal 8D), or of unknown tier. */
  public static final String NO_TIER = "-";

  /** Category of a task that belongs to no complaint: no category filter matches it. */
  public static final String NO_CATEGORY = "-";

  static final String TABLE = "on_time_month";

  static final String KEY = "ended_month, process_key, task_key, department, tier, category";

  /** The dimensions of one completed step, from its recorded row and the root's register row. */
  private static final String STEP_ROW =
      "select cast(? as varchar(7)) as ended_month, cast(? as varchar(255)) as process_key,"
          + " s.task_definition_key as task_key, coalesce(s.department, '"
          + NO_GROUP
          + "') as department, coalesce(c.tier, r.tier, '"
          + NO_TIER
          + "') as tier, coalesce(c.category, '"
          + NO_CATEGORY
          + "') as category, cast(? as varchar(255)) as step, 1 as completed, cast(? as int) as"
          + " on_time from process_step s left join complaint c on c.process_instance_id = ?"
          + " left join change_request r on r.process_instance_id = ? where s.task_id = ?";

  private static final String POSTGRES_COUNT =
      "insert into "
          + TABLE
          + " ("
          + KEY
          + ", step, completed, on_time) "
          + STEP_ROW
          + " on conflict ("
          + KEY
          + ") do update set completed = "
          + TABLE
          + ".completed + excluded.completed, on_time = "
          + TABLE
          + ".on_time + excluded.on_time, step = greatest("
          + TABLE
          + ".step, excluded.step)";

  private static final String MERGE_COUNT =
      "merge into "
          + TABLE
          + " m using ("
          + STEP_ROW
          + ") v on (m.ended_month = v.ended_month and m.process_key = v.process_key and m.task_key"
          + " = v.task_key and m.department = v.department and m.tier = v.tier and m.category ="
          + " v.category) when matched then update set completed = m.completed + v.completed,"
          + " on_time = m.on_time + v.on_time, step = greatest(m.step, v.step) when not matched"
          + " then insert ("
          + KEY
          + ", step, completed, on_time) values (v.ended_month, v.process_key, v.task_key,"
          + " v.department, v.tier, v.category, v.step, v.completed, v.on_time)";

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final ZoneId zone;
  private volatile String count;

  public OnTimeCounts(
      JdbcClient jdbc, DataSource dataSource, @Value("${qms.calendar.zone}") String zone) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.zone = ZoneId.of(zone);
  }

  /**
   * Counts the completion of a recorded step (call once per step, when it ends). Inside a
   * transaction the statement runs just before the commit, after the engine's own statements, so
   * the summary row (shared by every completion of the same month, task, department, tier and
   * category) is locked for the commit only, not for the rest of the command; a rolled back
   * transaction counts nothing.
   *
   * @param rootProcessInstanceId the root instance: its complaint or contract change gives the tier
   *     and category
   */
  public void count(
      String taskId,
      String processKey,
      String rootProcessInstanceId,
      String stepName,
      Instant ended,
      boolean onTime) {
    Object[] params = {
      month(ended, zone),
      processKey,
      stepName,
      onTime ? 1 : 0,
      rootProcessInstanceId,
      rootProcessInstanceId,
      taskId
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              jdbc.sql(countStatement()).params(params).update();
            }
          });
    } else {
      jdbc.sql(countStatement()).params(params).update();
    }
  }

  private String countStatement() {
    if (count == null) {
      try {
        String product =
            JdbcUtils.commonDatabaseName(
                JdbcUtils.extractDatabaseMetaData(
                    dataSource, metaData -> metaData.getDatabaseProductName()));
        count = "PostgreSQL".equalsIgnoreCase(product) ? POSTGRES_COUNT : MERGE_COUNT;
      } catch (MetaDataAccessException e) {
        throw new IllegalStateException("Cannot tell the database of the on-time summary", e);
      }
    }
    return count;
  }

  static String month(Instant at, ZoneId zone) {
    return YearMonth.from(at.atZone(zone)).toString();
  }

  /**
   * Counts every completion again from what is recorded, replacing the summary: the completed steps
   * with a due date ({@code process_step} of a recorded process), and the completed tasks known
   * only to Camunda's history (no step: ended before the records existed and not backfilled), with
   * the department the dashboard always gave them (the earliest candidate group link). For the
   * migration V33 (existing installations) and the benchmark's generated history; not while tasks
   * are being completed, and not after {@code qms.records.retention} removed steps (their counts
   * would be lost). Running it twice writes the same.
   *
   * @return the number of completions counted
   */
  public static long rebuild(Connection connection, ZoneId zone) throws SQLException {
    boolean history = hasTable(connection, "act_hi_taskinst");
    String stepsWhere =
        " where s.outcome = 'COMPLETED' and s.due_at is not null and s.ended_at is not null";
    String steps =
        " from process_step s join process_record pr on pr.process_instance_id ="
            + " s.process_instance_id";
    String tasksWhere =
        " where t.due_date_ is not null and t.delete_reason_ = 'completed' and t.end_time_ is not"
            + " null and not exists (select 1 from process_step s where s.task_id = t.id_)";
    String tasks = " from act_hi_taskinst t";
    List<Timestamp> range = new ArrayList<>();
    try (Statement sql = connection.createStatement()) {
      sql.executeUpdate("delete from " + TABLE);
      range(sql, "select min(s.ended_at), max(s.ended_at)" + steps + stepsWhere, range);
      if (history) {
        range(sql, "select min(t.end_time_), max(t.end_time_)" + tasks + tasksWhere, range);
      }
    }
    if (range.isEmpty()) {
      return 0;
    }
    List<YearMonth> months = new ArrayList<>();
    YearMonth first =
        YearMonth.from(range.stream().min(Timestamp::compareTo).get().toInstant().atZone(zone));
    YearMonth last =
        YearMonth.from(range.stream().max(Timestamp::compareTo).get().toInstant().atZone(zone));
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    List<Timestamp> bounds = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "insert into "
                + TABLE
                + " ("
                + KEY
                + ", step, completed, on_time) select "
                + KEY
                + ", max(step), count(*), sum(on_time) from (select "
                + monthOf("s.ended_at", months, zone, bounds)
                + " as ended_month, pr.process_key, s.task_definition_key as task_key, coalesce("
                + "s.department, '"
                + NO_GROUP
                + "') as department, "
                + REGISTER_DIMENSIONS
                + ", s.task_name as step, case when s.ended_at <= s.due_at then 1 else 0 end as"
                + " on_time"
                + steps
                + " left join complaint c on c.process_instance_id = pr.root_process_instance_id"
                + " left join change_request r on r.process_instance_id ="
                + " pr.root_process_instance_id"
                + stepsWhere);
    if (history) {
      sql.append(" union all select ")
          .append(monthOf("t.end_time_", months, zone, bounds))
          .append(
              " as ended_month, t.proc_def_key_ as process_key, t.task_def_key_ as task_key,"
                  + " coalesce(")
          .append(FIRST_GROUP)
          .append(", '")
          .append(NO_GROUP)
          .append("') as department, ")
          .append(REGISTER_DIMENSIONS)
          .append(
              ", t.name_ as step, case when t.end_time_ <= t.due_date_ then 1 else 0 end as"
                  + " on_time")
          .append(tasks)
          .append(" left join complaint c on c.process_instance_id = t.root_proc_inst_id_")
          .append(" left join change_request r on r.process_instance_id = t.root_proc_inst_id_")
          .append(tasksWhere);
    }
    sql.append(") q group by ").append(KEY);
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < bounds.size(); i++) {
        insert.setTimestamp(i + 1, bounds.get(i));
      }
      insert.executeUpdate();
    }
    try (Statement count = connection.createStatement();
        ResultSet rs = count.executeQuery("select coalesce(sum(completed), 0) from " + TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static final String REGISTER_DIMENSIONS =
      "coalesce(c.tier, r.tier, '"
          + NO_TIER
          + "') as tier, coalesce(c.category, '"
          + NO_CATEGORY
          + "') as category";

  /**
   * The department of a task known only to history: its earliest candidate group link (the first in
   * name order among links of that instant), as the dashboard counted it before the records.
   */
  private static final String FIRST_GROUP =
      "(select min(g.group_id_) from act_hi_identitylink g where g.task_id_ = t.id_ and g.type_ ="
          + " 'candidate' and g.operation_type_ = 'add' and g.group_id_ is not null and"
          + " g.timestamp_ = (select min(h.timestamp_) from act_hi_identitylink h where h.task_id_"
          + " = t.id_ and h.type_ = 'candidate' and h.operation_type_ = 'add' and h.group_id_ is"
          + " not null))";

  /**
   * {@code case when column < ? then '2025-01' … else 'last' end}: the month of an instant in the
   * zone without a database-specific date function; the boundaries are appended to {@code bounds}
   * in the order of their placeholders.
   */
  private static String monthOf(
      String column, List<YearMonth> months, ZoneId zone, List<Timestamp> bounds) {
    if (months.size() == 1) {
      return "'" + months.get(0) + "'";
    }
    StringBuilder sql = new StringBuilder("case");
    for (int i = 0; i < months.size() - 1; i++) {
      sql.append(" when ").append(column).append(" < ? then '").append(months.get(i)).append("'");
      bounds.add(
          Timestamp.from(months.get(i).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
    }
    return sql.append(" else '").append(months.get(months.size() - 1)).append("' end").toString();
  }

  private static void range(Statement sql, String query, List<Timestamp> range)
      throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      if (rs.next()) {
        for (int column = 1; column <= 2; column++) {
          Timestamp t = rs.getTimestamp(column);
          if (t != null) {
            range.add(t);
          }
        }
      }
    }
  }

  private static boolean hasTable(Connection connection, String table) throws SQLException {
    for (String name : List.of(table, table.toUpperCase())) {
      try (ResultSet rs = connection.getMetaData().getTables(null, null, name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
