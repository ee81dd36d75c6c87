package com.qmsflow.complaint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V30: a trigram index on the complaint register's search column on PostgreSQL.
 * {@code GET /api/complaints?q=} finds a part anywhere in number, customer code, product, model,
 * batch and description, all in the lower-cased {@code complaint.search_text} (V19) as {@code like
 * '%…%'}, which no B-tree serves: every search read every complaint. A {@code pg_trgm} GIN index
 * serves it for a part of three characters or more. H2 has no such index: there the search stays a
 * scan (test databases are small). The same pattern and the same conditions as V18 ({@code
 * customer/CustomerSearchIndex}): without the {@code pg_trgm} extension available, no index and a
 * warning; the smallest pending list, so the index serves at once after many new complaints.
 */
@Component
public class ComplaintSearchIndex implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintSearchIndex.class);

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("30");
  }

  @Override
  public String getDescription() {
    return "complaint search trigram index";
  }

  @Override
  public Integer getChecksum() {
    return 30_001;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String database = connection.getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equalsIgnoreCase(database)) {
      LOG.info("V30: no trigram index on {}; the register's text search scans the table", database);
      return;
    }
    try (Statement sql = connection.createStatement()) {
      if (!trigramsAvailable(sql)) {
        LOG.warn(
            "V30: the PostgreSQL extension pg_trgm is not available (package postgresql-contrib);"
                + " the register's text search scans every complaint");
        return;
      }
      sql.execute("create extension if not exists pg_trgm");
      sql.execute(
          "create index complaint_search_text_trigram on complaint using gin (search_text"
              + " gin_trgm_ops) with (gin_pending_list_limit = 64)");
    }
  }

  private static boolean trigramsAvailable(Statement sql) throws SQLException {
    try (ResultSet rs =
        sql.executeQuery("select count(*) from pg_available_extensions where name = 'pg_trgm'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }
}
