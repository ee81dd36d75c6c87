package com.qmsflow.database;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Objects the application adds to the engine's schema on PostgreSQL (statistics, indexes), found by
 * name in the schema of the engine's table prefix ({@code schema.} or none: the connection's
 * current schema).
 */
final class EngineSchema {

  private EngineSchema() {}

  /**
   * Whether the catalog holds the object: {@code pg_class} for an index ({@code relname}, {@code
   * relnamespace}), {@code pg_statistic_ext} for statistics ({@code stxname}, {@code
   * stxnamespace}).
   */
  static boolean has(JdbcTemplate jdbc, String prefix, Catalog catalog, String name) {
    String schema = prefix.contains(".") ? prefix.substring(0, prefix.indexOf('.')) : null;
    Integer found =
        jdbc.queryForObject(
            "select count(*) from "
                + catalog.table
                + " where "
                + catalog.name
                + " = ? and "
                + catalog.namespace
                + " = "
                + (schema == null ? "current_schema()::regnamespace" : "?::regnamespace"),
            Integer.class,
            schema == null ? new Object[] {name} : new Object[] {name, schema});
    return found != null && found > 0;
  }

  /** A catalog of named objects in a schema. */
  enum Catalog {
    RELATION("pg_class", "relname", "relnamespace"),
    STATISTICS("pg_statistic_ext", "stxname", "stxnamespace");

    final String table;
    final String name;
    final String namespace;

    Catalog(String table, String name, String namespace) {
      this.table = table;
      this.name = name;
      this.namespace = namespace;
    }
  }
}
