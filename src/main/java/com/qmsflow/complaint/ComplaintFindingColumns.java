package com.qmsflow.complaint;

import com.qmsflow.database.ProjectMigration;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V29: the findings the complaint register filters on and shows become columns of
 * {@code complaint} ({@link ComplaintFindings}), filled once for every existing complaint from its
 * record, with the indexes of the register's finding filters. A Java migration (portable SQL, as
 * V18's pattern: it runs whatever {@code spring.flyway.locations} says) so the columns and the
 * filling are written once, in {@link ComplaintFindings}, for the migration, the recorder and the
 * tests alike. Filling computes each column from the record alone, so running it again writes the
 * same.
 */
@Component
public class ComplaintFindingColumns extends ProjectMigration {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintFindingColumns.class);

  public ComplaintFindingColumns() {
    super("29", "complaint finding columns", 29_001);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement sql = context.getConnection().createStatement()) {
      for (ComplaintFindings.Column column : ComplaintFindings.newColumns().toList()) {
        sql.execute("alter table complaint add column " + column.name() + " " + column.type());
      }
      long started = System.nanoTime();
      int filled = ComplaintFindings.fillAll(sql);
      LOG.info(
          "V29: filled the findings of {} complaints from their records in {} ms",
          filled,
          (System.nanoTime() - started) / 1_000_000);
      // the register's finding filters, in its default order (newest first)
      sql.execute("create index complaint_cause_origin on complaint (cause_origin, received_at)");
      sql.execute(
          "create index complaint_responsible_department on complaint"
              + " (responsible_department, received_at)");
      // open complaints (5 % of the register), newest first: status=open and status=overdue read
      // the open rows instead of every complaint (the overdue set is joined to them)
      sql.execute("create index complaint_status_received on complaint (status, received_at)");
    }
  }
}
