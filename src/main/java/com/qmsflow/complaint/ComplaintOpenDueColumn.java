package com.qmsflow.complaint;

import com.qmsflow.database.ProjectMigration;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V37: the complaint's earliest open due date becomes a column of {@code
 * complaint} ({@link ComplaintOpenDue}), filled once from the recorded open steps, with the index
 * the register's {@code status=overdue} reads. A Java migration, as V29, so that the filling is
 * written once, in {@link ComplaintOpenDue}, for the migration, the recorder and the tests alike.
 */
@Component
public class ComplaintOpenDueColumn extends ProjectMigration {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintOpenDueColumn.class);

  public ComplaintOpenDueColumn() {
    super("37", "complaint open due date", 37_001);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute("alter table complaint add column open_due_at timestamp with time zone");
      long started = System.nanoTime();
      int filled = ComplaintOpenDue.fillAll(sql);
      LOG.info(
          "V37: the earliest open due date of {} open complaints filled from their steps in {} ms",
          filled,
          (System.nanoTime() - started) / 1_000_000);
      // status=overdue: the open complaints whose earliest open due date has passed
      sql.execute("create index complaint_open_due on complaint (open_due_at)");
    }
  }
}
