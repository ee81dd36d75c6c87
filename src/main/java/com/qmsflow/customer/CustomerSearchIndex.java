package com.qmsflow.customer;

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
 * Flyway migration V18: trigram indexes for the customer search on PostgreSQL. {@code GET
 * /api/customers?q=} finds a part anywhere in the code or name ({@code lower(…) like '%…%'}, see
 * {@link CustomerArchive#search}), which no B-tree index serves: every search read the whole table.
 * PostgreSQL's {@code pg_trgm} GIN indexes serve such a {@code like} for a part of three characters
 * or more (docs/performance.md "Customer archive import and search"); H2 has no such index, so
 * there the migration does nothing and the search stays a scan (test databases are small).
 *
 * <p>A Java migration rather than a vendor-specific SQL location: Spring Boot hands every {@link
 * JavaMigration} bean to Flyway whatever {@code spring.flyway.locations} says (the demo profile,
 * the PostgreSQL ITs and the benchmark set their own), so V18 runs on every installation and the
 * version history is the same on both databases. A database without the {@code pg_trgm} extension
 * available (it is part of PostgreSQL's standard contrib package) gets no index and a warning; a
 * database user that may not create extensions needs a DBA to run {@code create extension pg_trgm}
 * once before the upgrade (docs/customers.md).
 */
@Component
public class CustomerSearchIndex implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(CustomerSearchIndex.class);

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("18");
  }

  @Override
  public String getDescription() {
    return "customer search trigram indexes";
  }

  @Override
  public Integer getChecksum() {
    return 18_001;
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
      LOG.info("V18: no trigram index on {}; the customer search scans the table", database);
      return;
    }
    try (Statement sql = connection.createStatement()) {
      if (!trigramsAvailable(sql)) {
        LOG.warn(
            "V18: the PostgreSQL extension pg_trgm is not available (package postgresql-contrib);"
                + " the customer search by a part of code or name scans the table");
        return;
      }
      sql.execute("create extension if not exists pg_trgm");
      // A GIN index collects new entries in a pending list until (auto)vacuum merges them; after an
      // import of thousands of customers the planner saw a long list and scanned the table again.
      // The smallest list (64 kB) merges as it goes: the search uses the index right after an
      // import, and the import costs no more than with the default list (measured on 10,000 rows).
      sql.execute(
          "create index customer_code_trigram on customer using gin (lower(code) gin_trgm_ops)"
              + " with (gin_pending_list_limit = 64)");
      sql.execute(
          "create index customer_name_trigram on customer using gin (lower(name) gin_trgm_ops)"
              + " with (gin_pending_list_limit = 64)");
    }
  }

  private static boolean trigramsAvailable(Statement sql) throws SQLException {
    try (ResultSet rs =
        sql.executeQuery("select count(*) from pg_available_extensions where name = 'pg_trgm'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }
}
