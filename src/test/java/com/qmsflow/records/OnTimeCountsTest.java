package com.qmsflow.records;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.dashboard.DashboardFilters;
import com.qmsflow.dashboard.DashboardQueries;
import com.qmsflow.dashboard.Figure;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The on-time summary ({@code on_time_month}, V33, issue 21): each completion of a task with a due
 * date counted once, in the engine's transaction, so the on-time dashboard keeps its figures after
 * Camunda's history cleanup; the migration's count gives what the live counting gave, plus the
 * tasks only history knows, however often it runs. Each test uses its own customers and defects (no
 * recurrences) and leaves the complaints in place: the tier of a counted task comes from them.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:on-time-counts-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class OnTimeCountsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
  static final DashboardFilters MARCH = DashboardFilters.all(YearMonth.of(2026, 3));

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired DashboardQueries dashboard;
  @Autowired ProcessRecorder recorder;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theOnTimeFigureIsCountedWithEachCompletionAndSurvivesHistoryCleanup() {
    // a short history TTL for every model, so the cleanup removes the complaint's history
    engine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .list()
        .forEach(
            d ->
                engine
                    .getRepositoryService()
                    .updateProcessDefinitionHistoryTimeToLive(d.getId(), 1));
    engine
        .getRepositoryService()
        .createDecisionDefinitionQuery()
        .list()
        .forEach(
            d ->
                engine
                    .getRepositoryService()
                    .updateDecisionDefinitionHistoryTimeToLive(d.getId(), 1));
    long completedBefore = completed(dashboard.onTimeRates(MARCH));
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C009", "B-ONTIME-CLEANUP", "PACKAGING"));
    ProcessRecordsTest.MINOR_PATH.forEach(c::complete);
    c.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
    List<String> before = values(dashboard.onTimeRates(MARCH));
    // every step of the complaint with a due date is counted
    long steps =
        jdbc.sql(
                "select count(*) from process_step where process_instance_id = ? and due_at is not"
                    + " null")
            .param(c.instance().getId())
            .query(Long.class)
            .single();
    assertThat(steps).isGreaterThan(10);
    assertThat(completed(dashboard.onTimeRates(MARCH))).isEqualTo(completedBefore + steps);

    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(3).toInstant()));
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceId(c.instance().getId())
                .count())
        .as("the complaint's task history is cleaned up")
        .isZero();

    assertThat(values(dashboard.onTimeRates(MARCH))).isEqualTo(before);
  }

  @Test
  void theSameCompletionRecordedTwiceCountsOnce() {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C010", "B-ONTIME-TWICE", "APPEARANCE"));
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey("userTaskConfirmWithCustomer")
            .singleResult();
    long before = completedInSummary("userTaskConfirmWithCustomer");
    Map<String, Object> submission = ComplaintScenario.validSubmission(task.getTaskDefinitionKey());
    engine.getTaskService().setVariables(task.getId(), submission);
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              TaskEntity entity = context.getTaskManager().findTaskById(task.getId());
              for (int i = 0; i < 3; i++) {
                recorder.taskCompleted(entity);
              }
              return null;
            });
    engine.getTaskService().complete(task.getId(), submission);

    assertThat(completedInSummary("userTaskConfirmWithCustomer")).isEqualTo(before + 1);
  }

  @Test
  void aCompletionWhoseTransactionRollsBackIsNotCounted() {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C012", "B-ONTIME-ROLLBACK", "FUNCTION"));
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey("userTaskConfirmWithCustomer")
            .singleResult();
    long before = completedInSummary("userTaskConfirmWithCustomer");
    assertThatThrownBy(
            () ->
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired()
                    .execute(
                        context -> {
                          recorder.taskCompleted(
                              context.getTaskManager().findTaskById(task.getId()));
                          throw new IllegalStateException("refused after the completion");
                        }))
        .hasMessage("refused after the completion");
    assertThat(completedInSummary("userTaskConfirmWithCustomer")).isEqualTo(before);

    c.complete("userTaskConfirmWithCustomer");
    assertThat(completedInSummary("userTaskConfirmWithCustomer")).isEqualTo(before + 1);
  }

  @Test
  void theMigrationCountsTheRecordedStepsAndTheTasksOnlyHistoryKnowsIdempotently()
      throws Exception {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C011", "B-ONTIME-BACKFILL", "LABEL"));
    c.complete("userTaskConfirmWithCustomer").complete("userTaskInvestigateOnSite");
    List<String> live = summary();
    assertThat(live).isNotEmpty();

    // counted again from the records: what was counted live
    assertThat(rebuild()).isEqualTo(sum(live));
    assertThat(summary()).isEqualTo(live);

    // a task of an 8D that ended before the records existed, offered to quality, an hour late;
    // it belongs to no complaint
    ZonedDateTime started = ZonedDateTime.of(2025, 11, 10, 9, 0, 0, 0, SHANGHAI);
    jdbc.sql(
            """
            insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, root_proc_inst_id_, proc_inst_id_, name_,
              start_time_, end_time_, duration_, due_date_, delete_reason_)
            values ('old-d1', 'userTaskD1FormTeam', 'corrective-action', 'old-8d', 'old-8d', 'D1 Form the team (成立小组)',
              ?, ?, 7200000, ?, 'completed')\
            """)
        .params(
            Timestamp.from(started.toInstant()),
            Timestamp.from(started.plusHours(2).toInstant()),
            Timestamp.from(started.plusHours(1).toInstant()))
        .update();
    jdbc.sql(
            "insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_,"
                + " operation_type_) values ('old-link', ?, 'candidate', 'quality', 'old-d1',"
                + " 'add')")
        .param(Timestamp.from(started.toInstant()))
        .update();
    assertThat(rebuild()).isEqualTo(sum(live) + 1);
    List<String> withHistory = new ArrayList<>(live);
    withHistory.add("2025-11|corrective-action|userTaskD1FormTeam|quality|-|-|1|0");
    assertThat(summary()).containsExactlyInAnyOrderElementsOf(withHistory);
    assertThat(rebuild()).as("second run").isEqualTo(sum(live) + 1);
    assertThat(summary()).containsExactlyInAnyOrderElementsOf(withHistory);
    assertThat(values(dashboard.onTimeRates(MARCH)))
        .contains(
            "2025-11|corrective-action|userTaskD1FormTeam|D1 Form the team"
                + " (成立小组)|quality|-|1|0|1|0.0");
  }

  private long rebuild() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      return OnTimeCounts.rebuild(connection, SHANGHAI);
    }
  }

  private long completedInSummary(String taskKey) {
    return jdbc.sql("select coalesce(sum(completed), 0) from on_time_month where task_key = ?")
        .param(taskKey)
        .query(Long.class)
        .single();
  }

  /** Every row of the summary (the step name aside), in key order. */
  private List<String> summary() {
    return jdbc.sql(
            "select ended_month, process_key, task_key, department, tier, category, completed,"
                + " on_time from on_time_month order by "
                + OnTimeCounts.KEY)
        .query(
            (rs, i) -> {
              List<String> row = new ArrayList<>();
              for (int column = 1; column <= 8; column++) {
                row.add(rs.getString(column));
              }
              return String.join("|", row);
            })
        .list();
  }

  private static long sum(List<String> summary) {
    return summary.stream().mapToLong(row -> Long.parseLong(row.split("\\|")[6])).sum();
  }

  private static long completed(Figure figure) {
    return figure.rows().stream().mapToLong(row -> (Long) row.get("completed")).sum();
  }

  private static List<String> values(Figure figure) {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row : figure.rows()) {
      rows.add(
          String.join(
              "|", figure.columns().stream().map(c -> String.valueOf(row.get(c))).toList()));
    }
    return rows;
  }
}
