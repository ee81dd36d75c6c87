package com.qmsflow.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh in-memory H2 database holding exactly what the shipped migration V2 creates: the V2
 * script is copied alone into a temporary folder and applied with Flyway, so the other migrations
 * of the tree are not involved. No Spring context is started.
 */
final class CalendarTestDatabase implements AutoCloseable {

  static final Path MIGRATION =
      Path.of("src/main/resources/db/migration/V2__business_calendar.sql");

  /** The record of master data changes, which the calendar's API writes. */
  static final Path CHANGE_LOG_MIGRATION =
      Path.of("src/main/resources/db/migration/V11__master_data_changes.sql");

  /** Plain H2 settings. */
  static final String H2 = "";

  /** H2 imitating PostgreSQL, as a developer profile might configure it. */
  static final String H2_POSTGRES_MODE =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  final DataSource dataSource;
  final JdbcClient jdbc;

  private CalendarTestDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  static CalendarTestDatabase migrated() {
    return migrated(H2);
  }

  static CalendarTestDatabase migrated(String urlSettings) {
    String url = "jdbc:h2:mem:calendar-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + urlSettings;
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Path folder = null;
    try {
      folder = Files.createTempDirectory("calendar-migration");
      Files.copy(MIGRATION, folder.resolve(MIGRATION.getFileName()));
      Files.copy(CHANGE_LOG_MIGRATION, folder.resolve(CHANGE_LOG_MIGRATION.getFileName()));
      Flyway.configure()
          .dataSource(dataSource)
          .locations("filesystem:" + folder.toAbsolutePath())
          .load()
          .migrate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(folder);
    }
    return new CalendarTestDatabase(dataSource);
  }

  CalendarDayRepository repository() {
    return new CalendarDayRepository(jdbc);
  }

  BusinessCalendar calendar() {
    return new BusinessCalendar(repository(), "Asia/Shanghai");
  }

  @Override
  public void close() {
    jdbc.sql("shutdown").update();
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary folder, best effort
    }
  }
}
