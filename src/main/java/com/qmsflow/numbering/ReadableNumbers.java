package com.qmsflow.numbering;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Readable numbers {@code <prefix>-<year>-<n digits>}, counted per sequence and year in the table
 * {@code number_counter} (rows exist up front, see migration V4), gapless and unique.
 *
 * <p>The counter's row lock is held only by a short transaction of its own (a small connection pool
 * of its own, see below), not by the caller's transaction, so concurrent intakes do not queue
 * behind each other for the whole intake (issue 21). That transaction hands out the lowest free
 * reservation of the sequence and year ({@code number_reservation}, migration V32) or, when there
 * is none, counts the counter up and records the new number as a reservation; then it commits. The
 * caller's transaction deletes the reservation: while it runs, the delete's row lock keeps other
 * allocations from taking the number ({@code for update skip locked} passes over it); its commit
 * makes the number final; its rollback brings the reservation back, and a synchronization marks it
 * free at once, so the next allocation takes it and no number is left out for good. A reservation
 * is free when no transaction holds it locked and it was handed out longer than {@link #LEASE} ago
 * or marked free: a node that dies mid-intake (no synchronization runs) gives its number back after
 * the lease. A number handed out again may be lower than numbers already used: numbers are gapless,
 * not in the order of registration. A reservation of a past year is a number that was never used
 * and stays as its record (docs/registers.md, "Unused numbers").
 *
 * <p>Without a Spring transaction the number is final at once (allocated and consumed in one short
 * transaction), as an auto-committed update of the counter always was.
 *
 * <p>Why a pool of its own: on the application's pool every intake would hold one connection and
 * wait for a second one; as many simultaneous intakes as the pool has connections would wait for
 * each other until the pool's timeout. A connection of this pool is held for milliseconds by
 * transactions that need no other, so waiting for one always ends.
 */
@Service
public class ReadableNumbers implements AutoCloseable {

  /** How long a handed-out number is reserved for a transaction that may still be running. */
  static final Duration LEASE = Duration.ofMinutes(2);

  /** reserved_at of a number given back by a rolled-back transaction: free at once. */
  static final OffsetDateTime FREE = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

  private static final Logger log = LoggerFactory.getLogger(ReadableNumbers.class);

  /** A number used: in the caller's transaction, or in the allocation's own without a caller. */
  private static final String DELETE_RESERVATION =
      "delete from number_reservation where sequence_name = ? and counter_year = ? and"
          + " number_value = ?";

  private final JdbcClient jdbc;
  private final DataSource own;
  private final Clock clock;
  private final ZoneId zone;

  @Autowired
  public ReadableNumbers(
      JdbcClient jdbc,
      DataSourceProperties database,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone,
      @Value("${qms.numbers.pool-size:4}") int poolSize) {
    this(jdbc, pool(database, poolSize), clock, ZoneId.of(zone));
  }

  /**
   * @param jdbc the application's database in the caller's transaction
   * @param own the same database, for the allocation's own short transactions
   */
  ReadableNumbers(JdbcClient jdbc, DataSource own, Clock clock, ZoneId zone) {
    this.jdbc = jdbc;
    this.own = own;
    this.clock = clock;
    this.zone = zone;
  }

  private static HikariDataSource pool(DataSourceProperties database, int size) {
    HikariDataSource pool =
        database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("numbers");
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(1);
    pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return pool;
  }

  /**
   * The next number of the sequence in the current year, e.g. {@code next("complaint", "CC", 6)}.
   */
  public String next(String sequence, String prefix, int digits) {
    int year = Year.now(clock.withZone(zone)).getValue();
    int value;
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      Reservation reservation = reserve(sequence, year, false);
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK) {
                  giveBack(reservation);
                }
              }
            });
      }
      int deleted =
          jdbc.sql(DELETE_RESERVATION).params(sequence, year, reservation.value()).update();
      if (deleted != 1) {
        throw new IllegalStateException(
            "Number " + reservation.value() + " of " + sequence + " in " + year + " was taken");
      }
      value = reservation.value();
    } else {
      value = reserve(sequence, year, true).value();
    }
    return String.format("%s-%d-%0" + digits + "d", prefix, year, value);
  }

  private record Reservation(String sequence, int year, int value, OffsetDateTime at) {}

  /**
   * In a transaction of its own: the lowest free reservation of the sequence and year, handed out
   * again, else the counter's next value as a new reservation. {@code consume}: the number is used
   * in this same transaction (no caller's transaction), so no reservation is left.
   */
  private Reservation reserve(String sequence, int year, boolean consume) {
    OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    try (Connection connection = own.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Integer value =
            firstInt(
                connection,
                "select number_value from number_reservation where sequence_name = ? and"
                    + " counter_year = ? and reserved_at < ? order by number_value"
                    + " fetch first 1 rows only for update skip locked",
                sequence,
                year,
                now.minus(LEASE));
        if (value != null) {
          if (consume) {
            update(connection, DELETE_RESERVATION, sequence, year, value);
          } else {
            update(
                connection,
                "update number_reservation set reserved_at = ? where sequence_name = ? and"
                    + " counter_year = ? and number_value = ?",
                now,
                sequence,
                year,
                value);
          }
        } else {
          int updated =
              update(
                  connection,
                  "update number_counter set last_value = last_value + 1 where sequence_name = ?"
                      + " and counter_year = ?",
                  sequence,
                  year);
          if (updated == 0) {
            throw new IllegalStateException(
                "No counter for " + sequence + " in " + year + ": add a row to number_counter");
          }
          value =
              firstInt(
                  connection,
                  "select last_value from number_counter where sequence_name = ? and"
                      + " counter_year = ?",
                  sequence,
                  year);
          if (!consume) {
            update(
                connection,
                "insert into number_reservation (sequence_name, counter_year, number_value,"
                    + " reserved_at) values (?, ?, ?, ?)",
                sequence,
                year,
                value,
                now);
          }
        }
        connection.commit();
        return new Reservation(sequence, year, value, now);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not allocate a number of " + sequence, e);
    }
  }

  /**
   * After the caller's rollback, in a transaction of its own: the number is free at once. Only if
   * the reservation is still the one handed out to that caller (not already handed out again after
   * the lease). A failure here only delays the reuse until the lease is over.
   */
  private void giveBack(Reservation reservation) {
    try (Connection connection = own.getConnection()) {
      connection.setAutoCommit(true);
      update(
          connection,
          "update number_reservation set reserved_at = ? where sequence_name = ? and"
              + " counter_year = ? and number_value = ? and reserved_at = ?",
          FREE,
          reservation.sequence(),
          reservation.year(),
          reservation.value(),
          reservation.at());
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "Number {} of {} in {} is free again only after the lease: {}",
          reservation.value(),
          reservation.sequence(),
          reservation.year(),
          e.toString());
    }
  }

  private static Integer firstInt(Connection connection, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, params);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getInt(1) : null;
    }
  }

  private static int update(Connection connection, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, params)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... params)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (own instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
