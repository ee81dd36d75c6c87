package com.qmsflow.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flyway migration that creates {@code pg_trgm} GIN indexes on PostgreSQL and does nothing on
 * other databases (H2: the searches they serve stay scans; test databases are small). A Java
 * migration rather than a vendor-specific SQL location: Spring Boot hands every {@link
 * JavaMigration} bean to Flyway whatever {@code spring.flyway.locations} says, so the version
 * history is the same on both databases. Without the extension available (PostgreSQL's contrib
 * package) there is no index and a warning.
 *
 * <p>Each index is created with the smallest pending list ({@code gin_pending_list_limit = 64}): a
 * GIN index collects new entries in a pending list until (auto)vacuum merges them, and after a bulk
 * insert of thousands of rows the planner saw a long list and scanned the table again; the smallest
 * list merges as it goes, so the index serves right after an import.
 */
public abstract class TrigramIndexMigration extends ProjectMigration {

  private static final Logger LOG = LoggerFactory.getLogger(TrigramIndexMigration.class);

  private final String search;
  private final String withoutIndex;
  private final List<String> indexes;

  /**
   * @param search what the indexes serve, for the log ("the customer search")
   * @param withoutIndex what happens without the extension, for the warning
   * @param indexes each {@code create index … using gin (… gin_trgm_ops)} up to its options
   */
  protected TrigramIndexMigration(
      String version,
      int checksum,
      String description,
      String search,
      String withoutIndex,
      List<String> indexes) {
    super(version, description, checksum);
    this.search = search;
    this.withoutIndex = withoutIndex;
    this.indexes = indexes;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String database = connection.getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equalsIgnoreCase(database)) {
      LOG.info("V{}: no trigram index on {}; {} scans the table", getVersion(), database, search);
      return;
    }
    try (Statement sql = connection.createStatement()) {
      if (!trigramsAvailable(sql)) {
        LOG.warn(
            "V{}: the PostgreSQL extension pg_trgm is not available (package postgresql-contrib);"
                + " {}",
            getVersion(),
            withoutIndex);
        return;
      }
      sql.execute("create extension if not exists pg_trgm");
      for (String index : indexes) {
        sql.execute(index + " with (gin_pending_list_limit = 64)");
      }
    }
  }

  private static boolean trigramsAvailable(Statement sql) throws SQLException {
    try (ResultSet rs =
        sql.executeQuery("select count(*) from pg_available_extensions where name = 'pg_trgm'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }
}
