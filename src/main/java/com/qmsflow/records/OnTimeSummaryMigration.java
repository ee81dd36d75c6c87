package com.qmsflow.records;

import com.qmsflow.database.ProjectMigration;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V33: the on-time summary ({@link OnTimeCounts}, issue 21), filled once with
 * every completion already recorded. A Java migration because the months are those of the plant's
 * time zone ({@code qms.calendar.zone}) and the filling is written once, in {@link
 * OnTimeCounts#rebuild}, for the migration, the tests and the benchmark. On an existing
 * installation Camunda's tables exist when Flyway runs (before the engine starts), so the tasks
 * known only to its history are counted too; on a new database there is nothing to count. After
 * this migration every completion is counted as it is recorded: nothing is counted twice, as Flyway
 * runs before the engine completes any task (upgrade with every node stopped: a node still running
 * the old version would complete tasks nobody counts).
 */
@Component
public class OnTimeSummaryMigration extends ProjectMigration {

  private static final Logger LOG = LoggerFactory.getLogger(OnTimeSummaryMigration.class);

  private final ZoneId zone;

  public OnTimeSummaryMigration(@Value("${qms.calendar.zone}") String zone) {
    super("33", "on time summary", 33_001);
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement sql = context.getConnection().createStatement()) {
      // the key: the dashboard's dimensions, never null (a unique key treats nulls as distinct)
      sql.execute(
          """
          create table on_time_month (
            ended_month varchar(7)   not null,
            process_key varchar(255) not null,
            task_key    varchar(255) not null,
            department  varchar(255) not null,
            tier        varchar(1)   not null,
            category    varchar(20)  not null,
            step        varchar(255),
            completed   bigint       not null,
            on_time     bigint       not null,
            primary key (ended_month, process_key, task_key, department, tier, category)
          )\
          """);
    }
    long started = System.nanoTime();
    long counted = OnTimeCounts.rebuild(context.getConnection(), zone);
    LOG.info(
        "V33: counted {} completed tasks with a due date into the on-time summary in {} ms",
        counted,
        (System.nanoTime() - started) / 1_000_000);
  }
}
