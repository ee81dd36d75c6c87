package com.qmsflow.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@link ReadableNumbers} promises, on the database a subclass gives: the counter's lock is
 * not held by the caller's transaction, and the numbers committed are unique and gapless although
 * callers roll back. Only the shipped migrations V4 (counters) and V32 (reservations) are applied,
 * copied alone into a temporary folder; no Spring context is started. The callers' transactions are
 * Spring transactions on the database, as the engine's and the API's are.
 */
abstract class ReadableNumbersContract {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int YEAR = 2026;
  static final long WAIT_SECONDS = 60;

  /** A fresh, empty database: JDBC URL, user, password. */
  abstract String[] freshDatabase();

  final MovableClock clock =
      new MovableClock(
          OffsetDateTime.of(YEAR, 6, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
  DataSource database;
  JdbcClient jdbc;
  TransactionTemplate transactions;
  ReadableNumbers numbers;
  ExecutorService threads;

  @BeforeEach
  void migrate() throws IOException {
    String[] db = freshDatabase();
    database = new DriverManagerDataSource(db[0], db[1], db[2]);
    Path folder = Files.createTempDirectory("numbers-migration");
    for (String script : List.of("V4__number_counters.sql", "V32__number_reservations.sql")) {
      Files.copy(Path.of("src/main/resources/db/migration", script), folder.resolve(script));
    }
    Flyway.configure()
        .dataSource(database)
        .locations("filesystem:" + folder.toAbsolutePath())
        .load()
        .migrate();
    jdbc = JdbcClient.create(database);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    numbers =
        new ReadableNumbers(jdbc, new DriverManagerDataSource(db[0], db[1], db[2]), clock, ZONE);
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aSecondAllocationCompletesWhileTheFirstAllocatingTransactionIsStillOpen() throws Exception {
    CountDownLatch firstMayCommit = new CountDownLatch(1);
    Future<String> first = transactionHoldingItsNumber(firstMayCommit, false);

    // the first transaction is open: with the counter's lock held by it, this would wait for ever
    Future<String> second = threads.submit(() -> inTransaction());
    String secondNumber = second.get(WAIT_SECONDS, TimeUnit.SECONDS);

    firstMayCommit.countDown();
    assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("CC-2026-000001");
    assertThat(secondNumber).isEqualTo("CC-2026-000002");
    assertThat(reservations()).isEmpty();
  }

  @Test
  void aRolledBackNumberIsTheNextOneHandedOut() {
    assertThat(inTransactionThatRollsBack()).isEqualTo("CC-2026-000001");
    assertThat(reservations()).containsExactly(1);

    assertThat(inTransaction()).isEqualTo("CC-2026-000001");
    assertThat(inTransaction()).isEqualTo("CC-2026-000002");
    assertThat(reservations()).isEmpty();
    assertThat(counter()).isEqualTo(2);
  }

  @Test
  void aNumberInUseByAnOpenTransactionIsNotHandedOutAgainAfterTheLease() throws Exception {
    CountDownLatch firstMayRollBack = new CountDownLatch(1);
    Future<String> first = transactionHoldingItsNumber(firstMayRollBack, true);
    clock.move(ReadableNumbers.LEASE.plusMinutes(1));

    Future<String> second = threads.submit(() -> inTransaction());
    assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("CC-2026-000002");

    firstMayRollBack.countDown();
    assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("CC-2026-000001");
    assertThat(inTransaction()).isEqualTo("CC-2026-000001");
    assertThat(reservations()).isEmpty();
  }

  @Test
  void theNumberOfATransactionThatDiedIsHandedOutAgainAfterTheLease() {
    // a node died after the allocation: its transaction is gone, no synchronization gave it back
    jdbc.sql(
            "update number_counter set last_value = 1 where sequence_name = 'complaint' and"
                + " counter_year = ?")
        .param(YEAR)
        .update();
    jdbc.sql("insert into number_reservation values ('complaint', ?, 1, ?)")
        .params(YEAR, clock.instant().atOffset(ZoneOffset.UTC))
        .update();

    assertThat(inTransaction()).isEqualTo("CC-2026-000002");
    clock.move(ReadableNumbers.LEASE.plusSeconds(1));
    assertThat(inTransaction()).isEqualTo("CC-2026-000001");
    assertThat(reservations()).isEmpty();
  }

  @Test
  void withoutATransactionTheNumberIsFinalAtOnce() {
    assertThat(next()).isEqualTo("CC-2026-000001");
    assertThat(reservations()).isEmpty();
    assertThat(inTransactionThatRollsBack()).isEqualTo("CC-2026-000002");
    assertThat(next()).isEqualTo("CC-2026-000002");
    assertThat(reservations()).isEmpty();
  }

  @Test
  void anUnusedNumberOfAPastYearStaysAsItsRecord() {
    assertThat(inTransactionThatRollsBack()).isEqualTo("CC-2026-000001");
    clock.move(Duration.ofDays(365));

    assertThat(inTransaction()).isEqualTo("CC-2027-000001");
    assertThat(
            jdbc.sql("select counter_year, number_value from number_reservation")
                .query((rows, i) -> rows.getInt(1) + "/" + rows.getInt(2))
                .list())
        .containsExactly("2026/1");
  }

  @Test
  void concurrentAllocationsWithRandomRollbacksCommitUniqueGaplessNumbers() throws Exception {
    ConcurrentLinkedQueue<Integer> committed = new ConcurrentLinkedQueue<>();
    List<Future<?>> clients = new ArrayList<>();
    for (int client = 0; client < 8; client++) {
      clients.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  boolean rollBack = ThreadLocalRandom.current().nextInt(3) == 0;
                  String number =
                      transactions.execute(
                          status -> {
                            String n = next();
                            if (rollBack) {
                              status.setRollbackOnly();
                            }
                            return n;
                          });
                  if (!rollBack) {
                    committed.add(value(number));
                  }
                }
                return null;
              }));
    }
    for (Future<?> client : clients) {
      client.get(WAIT_SECONDS * 5, TimeUnit.SECONDS);
    }
    assertThat(committed).doesNotHaveDuplicates();
    Set<Integer> committedOrFree = new TreeSet<>(committed);
    committedOrFree.addAll(reservations());
    assertThat(committedOrFree).hasSize(committed.size() + reservations().size());
    assertThat(committedOrFree).isEqualTo(upTo(counter()));

    // the numbers given back are the next ones handed out
    int free = reservations().size();
    for (int i = 0; i < free; i++) {
      committed.add(value(inTransaction()));
    }
    assertThat(reservations()).isEmpty();
    assertThat(new TreeSet<>(committed)).isEqualTo(upTo(committed.size()));
    assertThat(counter()).isEqualTo(committed.size());
  }

  /**
   * A transaction on another thread that takes a number and stays open until {@code release}, then
   * commits or rolls back; returns once it has its number.
   */
  private Future<String> transactionHoldingItsNumber(CountDownLatch release, boolean rollBack)
      throws InterruptedException {
    CountDownLatch hasItsNumber = new CountDownLatch(1);
    Future<String> transaction =
        threads.submit(
            () ->
                transactions.execute(
                    status -> {
                      String number = next();
                      hasItsNumber.countDown();
                      await(release);
                      if (rollBack) {
                        status.setRollbackOnly();
                      }
                      return number;
                    }));
    assertThat(hasItsNumber.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return transaction;
  }

  private String next() {
    return numbers.next("complaint", "CC", 6);
  }

  private String inTransaction() {
    return transactions.execute(status -> next());
  }

  private String inTransactionThatRollsBack() {
    return transactions.execute(
        status -> {
          status.setRollbackOnly();
          return next();
        });
  }

  private static int value(String number) {
    return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
  }

  private static Set<Integer> upTo(int last) {
    return IntStream.rangeClosed(1, last).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  private List<Integer> reservations() {
    return jdbc.sql(
            "select number_value from number_reservation where sequence_name = 'complaint' and"
                + " counter_year = ? order by number_value")
        .param(Year.now(clock.withZone(ZONE)).getValue())
        .query(Integer.class)
        .list();
  }

  private int counter() {
    return jdbc.sql(
            "select last_value from number_counter where sequence_name = 'complaint' and"
                + " counter_year = ?")
        .param(YEAR)
        .query(Integer.class)
        .single();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves on. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }
  }
}
