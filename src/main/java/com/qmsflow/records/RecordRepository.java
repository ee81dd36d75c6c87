package com.qmsflow.records;

import com.qmsflow.database.PerTransaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tables of {@code V14__process_records.sql}. Every write is idempotent: a row that exists is
 * not written again, an ended step is not ended again.
 */
@Repository
public class RecordRepository {

  /** A process instance as recorded. */
  public record Process(
      String processInstanceId,
      String processKey,
      String processDefinitionId,
      String businessKey,
      String superProcessInstanceId,
      String rootProcessInstanceId,
      Instant startedAt,
      String startedBy,
      Instant endedAt,
      String endState) {}

  /** A user task as recorded; ended, completedBy, outcome and onTime stay null while it is open. */
  public record StepRow(
      String taskId,
      String processInstanceId,
      String taskDefinitionKey,
      String taskName,
      String candidateGroups,
      String assignee,
      Instant createdAt,
      Instant dueAt,
      Instant endedAt,
      String completedBy,
      String outcome,
      Boolean onTime) {}

  /** One recorded value: set by a step ({@code taskId}) or by the process (null). */
  record ValueRow(String taskId, String name, RecordedValue value, Instant recordedAt) {}

  /**
   * What is recorded of an instance's values: the latest value of each name, and the names each
   * step recorded (a step records a name once).
   */
  record RecordedState(Map<String, RecordedValue> current, Map<String, Set<String>> byStep) {

    boolean recordedBy(String taskId, String name) {
      return byStep.getOrDefault(taskId, Set.of()).contains(name);
    }

    void add(String taskId, String name, RecordedValue value) {
      current.put(name, value);
      if (taskId != null) {
        byStep.computeIfAbsent(taskId, id -> new HashSet<>()).add(name);
      }
    }
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final List<RecordedValuesListener> listeners;
  private final List<RecordedStepsListener> stepListeners;

  /**
   * The instances' recorded values read in the current transaction, kept up to date by the values
   * it inserts: a task's completion and the next task opened by the same command read them once.
   */
  private final PerTransaction<Map<String, RecordedState>> read =
      new PerTransaction<>(HashMap::new, null);

  /**
   * The business keys recorded (committed) by this node, by instance, at most {@link #KNOWN_KEYS}:
   * the latest instances' steps do not write the same key again. Another node's change of a key is
   * no harm: the engine's key then differs from the one known here, and it is written.
   */
  private final Map<String, String> recordedKeys =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > KNOWN_KEYS;
            }
          });

  static final int KNOWN_KEYS = 10_000;

  public RecordRepository(
      JdbcClient jdbc,
      JdbcTemplate batch,
      List<RecordedValuesListener> listeners,
      List<RecordedStepsListener> stepListeners) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.listeners = listeners;
    this.stepListeners = stepListeners;
  }

  /** Inserts the process unless it is recorded; true if inserted now. */
  boolean insertProcessIfAbsent(Process p) {
    return jdbc.sql(
                """
                insert into process_record (process_instance_id, process_key, process_definition_id, business_key,
                    super_process_instance_id, root_process_instance_id, started_at, started_by, ended_at, end_state)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from process_record where process_instance_id = ?)\
                """)
            .params(
                p.processInstanceId(),
                p.processKey(),
                p.processDefinitionId(),
                p.businessKey(),
                p.superProcessInstanceId(),
                p.rootProcessInstanceId(),
                ts(p.startedAt()),
                p.startedBy(),
                ts(p.endedAt()),
                p.endState(),
                p.processInstanceId())
            .update()
        == 1;
  }

  /**
   * The business key is set after the start (the register step numbers the complaint). A key this
   * node has recorded for the instance in a committed transaction is not written again.
   */
  void updateBusinessKey(String processInstanceId, String businessKey) {
    if (businessKey == null || businessKey.equals(recordedKeys.get(processInstanceId))) {
      return;
    }
    jdbc.sql(
            "update process_record set business_key = ? where process_instance_id = ?"
                + " and (business_key is null or business_key <> ?)")
        .params(businessKey, processInstanceId, businessKey)
        .update();
    // known once committed: a rolled-back key must be written again by the next attempt
    afterCommit(() -> recordedKeys.put(processInstanceId, businessKey));
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }

  void endProcess(String processInstanceId, Instant endedAt, String endState) {
    jdbc.sql(
            "update process_record set ended_at = ?, end_state = ? where process_instance_id = ?"
                + " and ended_at is null")
        .params(ts(endedAt), endState, processInstanceId)
        .update();
  }

  /** Inserts the step unless its task is recorded; true if inserted now. */
  boolean insertStepIfAbsent(StepRow s) {
    boolean inserted = insertStep(s);
    addParties(s.taskId(), Parties.ofStep(s.candidateGroups(), s.assignee(), s.completedBy()));
    // only an open step with a due date changes its tree's earliest open due date (a step
    // backfilled as ended, or one without a due date, does not)
    if (inserted && s.dueAt() != null && s.endedAt() == null) {
      stepsChanged(s.processInstanceId());
    }
    return inserted;
  }

  private boolean insertStep(StepRow s) {
    return jdbc.sql(
                """
                insert into process_step (task_id, process_instance_id, task_definition_key, task_name, candidate_groups,
                    department, assignee, created_at, due_at, ended_at, completed_by, outcome, on_time)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from process_step where task_id = ?)\
                """)
            .params(
                s.taskId(),
                s.processInstanceId(),
                s.taskDefinitionKey(),
                s.taskName(),
                s.candidateGroups(),
                department(s.candidateGroups()),
                s.assignee(),
                ts(s.createdAt()),
                ts(s.dueAt()),
                ts(s.endedAt()),
                s.completedBy(),
                s.outcome(),
                s.onTime(),
                s.taskId())
            .update()
        == 1;
  }

  /**
   * The step's department: the first of its candidate groups in name order (the list is sorted),
   * the group the task was first offered to; null for a task offered to named users only.
   */
  static String department(String candidateGroups) {
    if (candidateGroups == null || candidateGroups.isEmpty()) {
      return null;
    }
    int comma = candidateGroups.indexOf(',');
    return comma < 0 ? candidateGroups : candidateGroups.substring(0, comma);
  }

  void assign(String taskId, String assignee) {
    jdbc.sql("update process_step set assignee = ? where task_id = ? and ended_at is null")
        .params(assignee, taskId)
        .update();
    addParties(taskId, Parties.ofStep(null, assignee, null));
  }

  /** The open step's new due date; a step that ended keeps the one it ended with. */
  void changeDueDate(String processInstanceId, String taskId, Instant dueAt) {
    int changed =
        jdbc.sql("update process_step set due_at = ? where task_id = ? and ended_at is null")
            .params(ts(dueAt), taskId)
            .update();
    if (changed == 1) {
      stepsChanged(processInstanceId);
    }
  }

  /**
   * Records that the parties had a task in the recorded step's instance (and so in its tree); a
   * party already recorded for the instance is not written again.
   */
  void addParties(String taskId, Set<String> parties) {
    for (String party : parties) {
      jdbc.sql(
              """
              insert into process_party (process_instance_id, root_process_instance_id, party)
              select s.process_instance_id, coalesce(r.root_process_instance_id, s.process_instance_id), ?
              from process_step s left join process_record r on r.process_instance_id = s.process_instance_id
              where s.task_id = ?
                and not exists (select 1 from process_party p
                                where p.process_instance_id = s.process_instance_id and p.party = ?)\
              """)
          .params(party, taskId, party)
          .update();
    }
  }

  /**
   * Ends an open step; a step that already ended keeps its first ending. True if it ended now (the
   * first time).
   */
  boolean endStep(
      String processInstanceId,
      String taskId,
      String assignee,
      Instant dueAt,
      Instant endedAt,
      String completedBy,
      String outcome,
      Boolean onTime) {
    int ended =
        jdbc.sql(
                """
                update process_step set assignee = ?, due_at = ?, ended_at = ?, completed_by = ?, outcome = ?, on_time = ?
                where task_id = ? and ended_at is null\
                """)
            .params(assignee, ts(dueAt), ts(endedAt), completedBy, outcome, onTime, taskId)
            .update();
    // the assignee is a party since the assignment (assign, or the step inserted with it); one who
    // completed another's task becomes one now
    if (completedBy != null && !completedBy.equals(assignee)) {
      addParties(taskId, Parties.ofStep(null, null, completedBy));
    }
    if (ended == 1) {
      // whatever its due date now: the step may have been recorded with one
      stepsChanged(processInstanceId);
    }
    return ended == 1;
  }

  private void stepsChanged(String processInstanceId) {
    for (RecordedStepsListener listener : stepListeners) {
      listener.stepsChanged(processInstanceId);
    }
  }

  /** The current value of each name recorded for the process instance (the latest row wins). */
  Map<String, RecordedValue> currentValues(String processInstanceId) {
    return Collections.unmodifiableMap(state(processInstanceId).current());
  }

  /** What is recorded of the instance's values: read once per transaction. */
  private RecordedState state(String processInstanceId) {
    Map<String, RecordedState> states = read.get();
    return states == null
        ? readState(processInstanceId)
        : states.computeIfAbsent(processInstanceId, this::readState);
  }

  private RecordedState readState(String processInstanceId) {
    RecordedState state = new RecordedState(new LinkedHashMap<>(), new HashMap<>());
    for (ValueRow row : values(processInstanceId)) {
      state.add(row.taskId(), row.name(), row.value());
    }
    return state;
  }

  /** Every value row of the process instance in the order recorded. */
  List<ValueRow> values(String processInstanceId) {
    return jdbc.sql(
            """
            select task_id, name, value_type, text_value, recorded_at from record_value
            where process_instance_id = ? order by id\
            """)
        .param(processInstanceId)
        .query(
            (rs, i) ->
                new ValueRow(
                    rs.getString(1),
                    rs.getString(2),
                    new RecordedValue(rs.getString(3), rs.getString(4)),
                    instant(rs, 5)))
        .list();
  }

  /**
   * Inserts the values, in one batch; a step records a name once. The listeners learn the names
   * inserted now.
   */
  void insertValues(
      String processInstanceId, String taskId, Map<String, RecordedValue> values, Instant at) {
    RecordedState state = state(processInstanceId);
    List<Map.Entry<String, RecordedValue>> rows =
        values.entrySet().stream()
            .filter(e -> taskId == null || !state.recordedBy(taskId, e.getKey()))
            .toList();
    if (rows.isEmpty()) {
      return;
    }
    Timestamp recordedAt = ts(at);
    batch.batchUpdate(
        """
        insert into record_value (process_instance_id, task_id, name, value_type, text_value, recorded_at)
        values (?, ?, ?, ?, ?, ?)\
        """,
        rows,
        rows.size(),
        (statement, row) -> {
          statement.setString(1, processInstanceId);
          statement.setString(2, taskId);
          statement.setString(3, row.getKey());
          statement.setString(4, row.getValue().type());
          statement.setString(5, row.getValue().text());
          statement.setTimestamp(6, recordedAt);
        });
    Set<String> inserted = new LinkedHashSet<>();
    for (Map.Entry<String, RecordedValue> row : rows) {
      state.add(taskId, row.getKey(), row.getValue());
      inserted.add(row.getKey());
    }
    for (RecordedValuesListener listener : listeners) {
      listener.valuesRecorded(processInstanceId, inserted);
    }
  }

  Optional<Process> process(String processInstanceId) {
    return jdbc.sql(PROCESS_COLUMNS + " where process_instance_id = ?")
        .param(processInstanceId)
        .query(RecordRepository::process)
        .optional();
  }

  /** The latest instance of the process with this business key (a number is used once). */
  Optional<Process> processByBusinessKey(String processKey, String businessKey) {
    return jdbc.sql(
            PROCESS_COLUMNS
                + " where process_key = ? and business_key = ? order by started_at desc limit 1")
        .params(processKey, businessKey)
        .query(RecordRepository::process)
        .optional();
  }

  List<Process> calledBy(String superProcessInstanceId) {
    return jdbc.sql(PROCESS_COLUMNS + " where super_process_instance_id = ? order by started_at")
        .param(superProcessInstanceId)
        .query(RecordRepository::process)
        .list();
  }

  boolean isRecorded(String processInstanceId) {
    return jdbc.sql("select count(*) from process_record where process_instance_id = ?")
            .param(processInstanceId)
            .query(Integer.class)
            .single()
        > 0;
  }

  List<StepRow> steps(String processInstanceId) {
    return jdbc.sql(
            """
            select task_id, process_instance_id, task_definition_key, task_name, candidate_groups, assignee,
                   created_at, due_at, ended_at, completed_by, outcome, on_time
            from process_step where process_instance_id = ? order by created_at, id\
            """)
        .param(processInstanceId)
        .query(
            (rs, i) ->
                new StepRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    instant(rs, 7),
                    instant(rs, 8),
                    instant(rs, 9),
                    rs.getString(10),
                    rs.getString(11),
                    (Boolean) rs.getObject(12)))
        .list();
  }

  /** Deletes the records of every process tree whose root ended before the cutoff. */
  int purgeEndedBefore(Instant cutoff) {
    String roots =
        "(select r.process_instance_id from process_record r where r.root_process_instance_id in"
            + " (select root.process_instance_id from process_record root"
            + " where root.process_instance_id = root.root_process_instance_id"
            + " and root.ended_at < ?))";
    Timestamp at = ts(cutoff);
    jdbc.sql("delete from record_value where process_instance_id in " + roots).param(at).update();
    jdbc.sql("delete from process_step where process_instance_id in " + roots).param(at).update();
    jdbc.sql("delete from process_party where process_instance_id in " + roots).param(at).update();
    return jdbc.sql(
            "delete from process_record where root_process_instance_id in"
                + " (select root.process_instance_id from process_record root"
                + " where root.process_instance_id = root.root_process_instance_id"
                + " and root.ended_at < ?)")
        .param(at)
        .update();
  }

  /**
   * Backfills {@code process_party} from the recorded steps, set by set (users as assignee and as
   * completer, then each distinct list of candidate groups); parties already there are skipped. The
   * number of rows written.
   */
  int backfillParties() {
    String root =
        " select distinct s.process_instance_id,"
            + " coalesce(r.root_process_instance_id, s.process_instance_id), ";
    String from =
        " from process_step s left join process_record r on r.process_instance_id ="
            + " s.process_instance_id where ";
    String absent =
        " and not exists (select 1 from process_party p where p.process_instance_id ="
            + " s.process_instance_id and p.party = ";
    String insert =
        "insert into process_party (process_instance_id, root_process_instance_id, party)";
    int written = 0;
    for (String column : List.of("assignee", "completed_by")) {
      written +=
          jdbc.sql(
                  insert
                      + root
                      + "'user:' || s."
                      + column
                      + from
                      + "s."
                      + column
                      + " is not null"
                      + absent
                      + "'user:' || s."
                      + column
                      + ")")
              .update();
    }
    List<String> lists =
        jdbc.sql(
                "select distinct candidate_groups from process_step where candidate_groups is not"
                    + " null")
            .query(String.class)
            .list();
    for (String list : lists) {
      for (String party : Parties.ofStep(list, null, null)) {
        written +=
            jdbc.sql(insert + root + "?" + from + "s.candidate_groups = ?" + absent + "?)")
                .params(party, list, party)
                .update();
      }
    }
    return written;
  }

  boolean backfillDone(String name) {
    return jdbc.sql("select count(*) from record_backfill where name = ?")
            .param(name)
            .query(Integer.class)
            .single()
        > 0;
  }

  void markBackfillDone(String name, Instant at, int instances) {
    jdbc.sql(
            "insert into record_backfill (name, done_at, instances) select ?, ?, ?"
                + " where not exists (select 1 from record_backfill where name = ?)")
        .params(name, ts(at), instances, name)
        .update();
  }

  private static final String PROCESS_COLUMNS =
      """
      select process_instance_id, process_key, process_definition_id, business_key, super_process_instance_id,
             root_process_instance_id, started_at, started_by, ended_at, end_state
      from process_record\
      """;

  private static Process process(ResultSet rs, int row) throws SQLException {
    return new Process(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        instant(rs, 7),
        rs.getString(8),
        instant(rs, 9),
        rs.getString(10));
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
