package com.qmsflow.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the application did in one database of the benchmark's PostgreSQL, from its statistics
 * views: the statements it executed ({@code pg_stat_statements}, only those of the application's
 * role {@code postgres}, so the monitor, connected as {@code monitor}, does not count itself) and
 * the transactions committed in the database ({@code pg_stat_database}, every role: the monitor
 * polls a few times a second and commits nothing it did not read). Shared by the lifecycle and the
 * timer storm.
 */
final class DatabaseCounts {

  /** The application's role; the monitor connects as {@link #MONITOR}. */
  static final String APPLICATION = "postgres";

  static final String MONITOR = "monitor";

  /**
   * One statement text: how often it ran, its mean and total execution time, how often PostgreSQL
   * planned it and the time that took (a statement the driver prepared on the server is planned
   * once per connection while its generic plan serves, each time otherwise).
   */
  record Statement(
      String query, long calls, double meanMs, double totalMs, long plans, double planMs) {}

  /** The order of {@link #top}. */
  enum Most {
    CALLS("calls"),
    PLANNING("total_plan_time");

    private final String column;

    Most(String column) {
      this.column = column;
    }
  }

  private DatabaseCounts() {}

  /** Statements the application executed in the database since the last reset. */
  static long statements(Connection monitor, String database) throws SQLException {
    return sum(monitor, database, "calls");
  }

  private static long sum(Connection monitor, String database, String column) throws SQLException {
    try (java.sql.Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery(
                "select coalesce(sum("
                    + column
                    + "), 0) from pg_stat_statements where "
                    + ofTheApplication(database))) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Milliseconds PostgreSQL spent planning and executing the application's statements since the
   * last reset ({@code pg_stat_statements.track_planning} on, as the benchmark starts it).
   */
  record Time(double planningMs, double executionMs) {}

  static Time time(Connection monitor, String database) throws SQLException {
    try (java.sql.Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery(
                "select coalesce(sum(total_plan_time), 0), coalesce(sum(total_exec_time), 0)"
                    + " from pg_stat_statements where "
                    + ofTheApplication(database))) {
      r.next();
      return new Time(r.getDouble(1), r.getDouble(2));
    }
  }

  /** The application's {@code limit} statements executed most often since the last reset. */
  static List<Statement> top(Connection monitor, String database, int limit) throws SQLException {
    return top(monitor, database, limit, Most.CALLS);
  }

  /** The application's {@code limit} first statements in the given order since the last reset. */
  static List<Statement> top(Connection monitor, String database, int limit, Most most)
      throws SQLException {
    List<Statement> top = new ArrayList<>();
    try (java.sql.Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery(
                "select query, calls, mean_exec_time, total_exec_time, plans, total_plan_time"
                    + " from pg_stat_statements where "
                    + ofTheApplication(database)
                    + " order by "
                    + most.column
                    + " desc limit "
                    + limit)) {
      while (r.next()) {
        top.add(
            new Statement(
                r.getString(1).replaceAll("\\s+", " "),
                r.getLong(2),
                r.getDouble(3),
                r.getDouble(4),
                r.getLong(5),
                r.getDouble(6)));
      }
    }
    return top;
  }

  /** How often PostgreSQL planned the application's statements since the last reset. */
  static long plans(Connection monitor, String database) throws SQLException {
    return sum(monitor, database, "plans");
  }

  /**
   * Transactions committed in the database so far; the snapshot of the statistics is cleared first
   * (PostgreSQL updates them at most every 500 ms, so wait a second after the work before reading).
   */
  static long commits(Connection monitor, String database) throws SQLException {
    try (java.sql.Statement s = monitor.createStatement()) {
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet r =
          s.executeQuery(
              "select xact_commit from pg_stat_database where datname = '" + database + "'")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static String ofTheApplication(String database) {
    return ("dbid = (select oid from pg_database where datname = '%s')"
            + " and userid = (select oid from pg_roles where rolname = '%s')")
        .formatted(database, APPLICATION);
  }
}
