package com.qmsflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's own limit: N client threads, each on its own plain JDBC connection, inserting one
 * row and committing, as fast as they can for a fixed time. Every commit waits for the WAL flush
 * (fsync=on, synchronous_commit=on), as every engine transaction does.
 */
final class DatabaseCeiling {

  private DatabaseCeiling() {}

  record Result(
      int clients,
      double seconds,
      long transactions,
      double transactionsPerSecond,
      Latencies.Stats commit) {}

  static Result run(String url, String user, String password, int clients, int seconds)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists bench_ceiling (id bigserial primary key, client int not null,"
              + " created_at timestamptz not null default now(), payload varchar(100) not null)");
    }
    Latencies latencies = new Latencies();
    AtomicLong total = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> runs = new ArrayList<>();
    long[] window = new long[2];
    for (int i = 0; i < clients; i++) {
      int client = i;
      runs.add(
          pool.submit(
              () -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                    PreparedStatement insert =
                        c.prepareStatement(
                            "insert into bench_ceiling (client, payload) values (?, ?)")) {
                  c.setAutoCommit(false);
                  start.await();
                  long end = window[1];
                  long n = 0;
                  while (System.nanoTime() - end < 0) {
                    long t = System.nanoTime();
                    insert.setInt(1, client);
                    insert.setString(2, "row " + n);
                    insert.executeUpdate();
                    c.commit();
                    latencies.record("insert+commit", System.nanoTime() - t);
                    n++;
                  }
                  total.addAndGet(n);
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return null;
              }));
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + seconds * 1_000_000_000L;
    start.countDown();
    for (Future<?> run : runs) {
      run.get();
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    pool.shutdown();
    return new Result(
        clients,
        elapsed,
        total.get(),
        total.get() / elapsed,
        latencies.stats().get("insert+commit"));
  }
}
