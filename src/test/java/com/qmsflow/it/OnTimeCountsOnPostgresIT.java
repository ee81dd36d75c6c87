package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.records.OnTimeCounts;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The on-time summary's counter on a real PostgreSQL (issue 21): completions of the same month,
 * task, department and tier counted by concurrent transactions, the first ones racing to insert the
 * row, every transaction holding its row lock 2 ms before committing; every completion is counted
 * once, and V33's count from the records gives the same row.
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OnTimeCountsOnPostgresIT {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int THREADS = 8;
  private static final int PER_THREAD = 25;

  @Autowired private OnTimeCounts counts;
  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private TransactionTemplate transactions;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @Test
  void concurrentCompletionsOfOneRowAreEachCountedOnce() throws Exception {
    assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    ZonedDateTime due = ZonedDateTime.of(2026, 3, 10, 17, 0, 0, 0, SHANGHAI);
    jdbc.sql(
            "insert into process_record (process_instance_id, process_key, process_definition_id,"
                + " root_process_instance_id, started_at) values ('pg-8d', 'corrective-action',"
                + " 'def', 'pg-8d', ?)")
        .param(Timestamp.from(due.minusDays(5).toInstant()))
        .update();
    int tasks = THREADS * PER_THREAD;
    // every third completion an hour late, the others an hour early
    for (int i = 0; i < tasks; i++) {
      Instant ended = due.plusHours(i % 3 == 0 ? 1 : -1).toInstant();
      jdbc.sql(
              "insert into process_step (task_id, process_instance_id, task_definition_key,"
                  + " task_name, candidate_groups, department, created_at, due_at, ended_at,"
                  + " outcome, on_time) values (?, 'pg-8d', 'userTaskD0EmergencyResponse', 'D0"
                  + " Emergency response', 'quality', 'quality', ?, ?, ?, 'COMPLETED', ?)")
          .params(
              "pg-task-" + i,
              Timestamp.from(due.minusDays(1).toInstant()),
              Timestamp.from(due.toInstant()),
              Timestamp.from(ended),
              i % 3 != 0)
          .update();
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t * PER_THREAD;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = first; i < first + PER_THREAD; i++) {
                  int task = i;
                  transactions.executeWithoutResult(
                      tx -> {
                        counts.count(
                            "pg-task-" + task,
                            "corrective-action",
                            "pg-8d",
                            "D0 Emergency response",
                            due.plusHours(task % 3 == 0 ? 1 : -1).toInstant(),
                            task % 3 != 0);
                        // the count runs just before the commit; hold the row 2 ms more, as a
                        // slow commit would
                        TransactionSynchronizationManager.registerSynchronization(
                            new TransactionSynchronization() {
                              @Override
                              public void beforeCommit(boolean readOnly) {
                                sleep();
                              }
                            });
                      });
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    String row = "2026-03|corrective-action|userTaskD0EmergencyResponse|quality|-|-";
    long late = (tasks + 2) / 3;
    assertThat(summary()).containsExactly(row + "|" + tasks + "|" + (tasks - late));
    // the migration's count from the records: the same
    try (Connection connection = dataSource.getConnection()) {
      assertThat(OnTimeCounts.rebuild(connection, SHANGHAI)).isEqualTo(tasks);
    }
    assertThat(summary()).containsExactly(row + "|" + tasks + "|" + (tasks - late));
  }

  private List<String> summary() {
    return jdbc.sql(
            "select ended_month || '|' || process_key || '|' || task_key || '|' || department ||"
                + " '|' || tier || '|' || category || '|' || completed || '|' || on_time from"
                + " on_time_month")
        .query(String.class)
        .list();
  }

  private static void sleep() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
