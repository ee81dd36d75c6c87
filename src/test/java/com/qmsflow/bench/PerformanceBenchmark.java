package com.qmsflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark run of {@code mvn -Pbench verify} (not part of the test command): one embedded
 * PostgreSQL with durable commits (fsync=on, synchronous_commit=on) and pg_stat_statements, one
 * database per scenario; first the database ceiling, then the complaint lifecycle against our
 * configuration and against the starter's defaults, then the timer storm ({@link TimerStorm}: its
 * flags there) and the query latency at scale ({@link QueryLatency}). Prints a table and writes
 * JSON to target/bench/.
 *
 * <p>Each configuration runs the packaged jar in a JVM of its own ({@link AppProcess}).
 *
 * <p>Flags: -Dbench.clients (8), -Dbench.seconds (15, ceiling), -Dbench.complaintsPerClient (10),
 * -Dbench.stockFirst (false: ours runs first), -Dbench.scenarios (all: a comma-separated subset of
 * lifecycle,storm,queries,customers,register; the ceiling always runs, every figure is compared
 * with it). {@code customers} is the customer archive import and search at ERP size ({@link
 * CustomerArchiveLoad}), {@code register} the registers at scale ({@link RegisterLoad}).
 */
class PerformanceBenchmark {

  static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  static final int COMPLAINTS_PER_CLIENT = Integer.getInteger("bench.complaintsPerClient", 10);
  static final boolean STOCK_FIRST = Boolean.getBoolean("bench.stockFirst");

  /**
   * Lifecycle in both orders (ours then stock, then stock then ours, each on fresh databases), so
   * the order effect (the configuration that runs second is faster, docs/performance.md) cancels in
   * the geometric mean of the two ratios. false: one pair, in the order of bench.stockFirst.
   */
  static final boolean BOTH_ORDERS =
      Boolean.parseBoolean(System.getProperty("bench.bothOrders", "true"));

  static final List<String> SCENARIOS =
      List.of(
          System.getProperty("bench.scenarios", "lifecycle,storm,queries,customers,register")
              .split("\\s*,\\s*"));
  static final Path OUT = Path.of("target", "bench");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What "stock" changes back to the starter's (Spring Boot's, Camunda starter's) defaults: the
   * settings of application.yaml / application-postgres.yaml that tune performance. Everything else
   * (models, plugins, authorization, history level full) stays as configured.
   */
  static final Map<String, String> STOCK = stock();

  private static Map<String, String> stock() {
    Map<String, String> m = new LinkedHashMap<>();
    // Hikari's defaults (ours: 20 connections, 5 s)
    m.put("spring.datasource.hikari.maximum-pool-size", "10");
    m.put("spring.datasource.hikari.connection-timeout", "30000");
    // the driver's default: every row of a JDBC batch is an INSERT of its own
    m.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "false");
    // the engine's schema and plans as the engine has them: no statistics on the permission bits,
    // a user's task queries may get a generic plan after five executions
    m.put("qms.database.authorization-statistics", "false");
    // the engine deletes each runtime variable with a statement of its own
    m.put("qms.database.merged-deletes", "false");
    // the engine asks the database for the variables of a task it is creating
    m.put("qms.database.new-task-variables", "false");
    // the engine looks up the incident of every deleted job, also of one with retries left
    m.put("qms.database.failed-job-incidents", "false");
    // Camunda starter's JobExecutionProperty defaults, written out (ours sets core 3 / max 10, the
    // same)
    m.put("camunda.bpm.job-execution.core-pool-size", "3");
    m.put("camunda.bpm.job-execution.max-pool-size", "10");
    m.put("camunda.bpm.job-execution.queue-capacity", "3");
    m.put("camunda.bpm.job-execution.max-jobs-per-acquisition", "3");
    m.put("camunda.bpm.job-execution.wait-time-in-millis", "5000");
    m.put("camunda.bpm.job-execution.max-wait", "60000");
    // engine default: 3 immediate retries (ours R5/PT1M); matters only when a job fails
    m.put("camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle", "R3/PT0S");
    // the starter's REST API checks the password and reads the user's groups on every request
    m.put("qms.security.verified-credentials-ttl", "0");
    // the engine narrows the user's groups with a scan of ACT_RU_AUTHORIZATION in every command
    m.put("qms.security.check-with-all-user-groups", "false");
    // the engine asks whether revoke authorizations exist in every command that checks one
    m.put("qms.security.grant-only-authorizations", "false");
    // the engine records every decision evaluation, also the deadline lookups of every task
    m.put("qms.deadline.decision-history", "true");
    // Camunda's FEEL engine: every expression parsed and FEEL's built-in functions built at every
    // evaluation
    m.put("qms.decisions.parse-once", "false");
    // the engine's task lists join the user's grants on RESOURCE_ID_ IN (task, definition, '*')
    m.put("qms.database.task-list-grants", "false");
    return m;
  }

  @Test
  void run() throws Exception {
    Files.createDirectories(OUT);
    Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-pg");
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            // a production-sized WAL between checkpoints (default 1 GB checkpointed every few
            // seconds
            // during the history load); commits still wait for the flush
            .setServerConfig("max_wal_size", "8GB")
            .setServerConfig("checkpoint_timeout", "15min")
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track_utility", "off")
            // planning time per statement too: custom plans (plan_cache_mode) cost planning
            .setServerConfig("pg_stat_statements.track_planning", "on")
            .setServerConfig("pg_stat_statements.max", "10000")
            .start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("create role monitor login superuser password 'monitor'");
        for (String db :
            List.of(
                "ceiling",
                "ours",
                "stock",
                "ours2",
                "stock2",
                "queries",
                "customers",
                "register")) {
          s.execute("create database " + db);
        }
      }
      for (String db : List.of("ours", "stock", "ours2", "stock2", "queries")) {
        try (Connection c = postgres.getDatabase("postgres", db).getConnection();
            Statement s = c.createStatement()) {
          s.execute("create extension pg_stat_statements");
        }
      }
      Map<String, String> serverSettings = new LinkedHashMap<>();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        for (String name :
            List.of(
                "server_version",
                "fsync",
                "synchronous_commit",
                "wal_sync_method",
                "max_connections")) {
          try (var r = s.executeQuery("show " + name)) {
            r.next();
            serverSettings.put(name, r.getString(1));
          }
        }
      }

      DatabaseCeiling.Result ceiling =
          DatabaseCeiling.run(
              postgres.getJdbcUrl("postgres", "ceiling"), "postgres", "postgres", CLIENTS, SECONDS);
      write("ceiling", ceiling);
      System.out.printf(
          Locale.ROOT,
          "%nDatabase ceiling: %d clients, %.0f tx/s (commit p50 %.2f ms, p95 %.2f ms)%n",
          CLIENTS,
          ceiling.transactionsPerSecond(),
          ceiling.commit().p50Ms(),
          ceiling.commit().p95Ms());

      // each in a JVM of its own, one after the other: ours then stock, then (bench.bothOrders)
      // stock then ours on fresh databases; without both orders -Dbench.stockFirst=true swaps it
      LifecycleLoad.Result ours = null;
      LifecycleLoad.Result stock = null;
      LifecycleLoad.Result oursSecond = null;
      LifecycleLoad.Result stockFirst = null;
      List<List<String>> passes =
          !SCENARIOS.contains("lifecycle")
              ? List.of()
              : BOTH_ORDERS
                  ? List.of(List.of("ours", "stock"), List.of("stock2", "ours2"))
                  : List.of(STOCK_FIRST ? List.of("stock", "ours") : List.of("ours", "stock"));
      for (List<String> pass : passes) {
        for (String name : pass) {
          boolean isStock = name.startsWith("stock");
          LifecycleLoad.Result result =
              LifecycleLoad.run(
                  name,
                  postgres.getJdbcUrl("postgres", name),
                  postgres.getJdbcUrl("monitor", name),
                  name,
                  CLIENTS,
                  COMPLAINTS_PER_CLIENT,
                  isStock ? STOCK : Map.of());
          write("lifecycle-" + name, result);
          switch (name) {
            case "ours" -> ours = result;
            case "stock" -> stock = result;
            case "ours2" -> oursSecond = result;
            default -> stockFirst = result;
          }
        }
      }

      TimerStorm.Report storm = SCENARIOS.contains("storm") ? TimerStorm.run(postgres) : null;
      if (storm != null) {
        for (TimerStorm.Result result : storm.results().values()) {
          write("storm-" + result.name(), result);
        }
      }

      QueryLatency.Result queries = null;
      if (SCENARIOS.contains("queries")) {
        queries =
            QueryLatency.run(
                postgres.getJdbcUrl("postgres", "queries"),
                postgres.getJdbcUrl("monitor", "queries"));
        write("queries", queries);
      }

      CustomerArchiveLoad.Result customers = null;
      if (SCENARIOS.contains("customers")) {
        customers = CustomerArchiveLoad.run(postgres.getJdbcUrl("postgres", "customers"));
        write("customers", customers);
      }

      RegisterLoad.Result register = null;
      if (SCENARIOS.contains("register")) {
        register = RegisterLoad.run(postgres.getJdbcUrl("postgres", "register"));
        write("register", register);
      }

      String table =
          table(serverSettings, ceiling, ours, stock)
              + (oursSecond == null ? "" : bothOrders(ours, stock, oursSecond, stockFirst))
              + (storm == null ? "" : TimerStorm.table(storm, ceiling))
              + (queries == null ? "" : QueryLatency.table(queries, ceiling))
              + (customers == null ? "" : CustomerArchiveLoad.table(customers))
              + (register == null ? "" : RegisterLoad.table(register))
              + IssueTargets.table(ceiling, ours, stock, oursSecond, stockFirst, storm, queries)
              + topStatements(ours, stock, oursSecond, stockFirst);
      System.out.println(table);
      Files.writeString(OUT.resolve("table.txt"), table);
      Map<String, Object> all = new LinkedHashMap<>();
      all.put(
          "machine",
          Map.of(
              "availableProcessors",
              Runtime.getRuntime().availableProcessors(),
              "maxHeapMb",
              Runtime.getRuntime().maxMemory() / 1048576,
              "java",
              System.getProperty("java.version")));
      all.put("postgres", serverSettings);
      all.put("ceiling", ceiling);
      all.put("lifecycleOurs", ours);
      all.put("lifecycleStock", stock);
      all.put("lifecycleStockFirst", stockFirst);
      all.put("lifecycleOursSecond", oursSecond);
      all.put("storm", storm);
      all.put("queries", queries);
      all.put("customers", customers);
      all.put("register", register);
      write("all", all);
    }
  }

  /**
   * With -Dbench.topStatements=N: each configuration's N most frequent statements, calls per
   * complaint first (the JSON holds them always, 40 by default).
   */
  static String topStatements(LifecycleLoad.Result... results) {
    if (System.getProperty("bench.topStatements") == null) {
      return "";
    }
    StringBuilder t = new StringBuilder();
    for (LifecycleLoad.Result result : results) {
      if (result == null) {
        continue;
      }
      t.append(
          String.format(
              Locale.ROOT,
              "%nMost frequent statements, %s (%.0f per complaint in all)%n",
              result.name(),
              result.sqlStatementsPerComplaint()));
      t.append("| calls/complaint | mean ms | statement |\n|---:|---:|---|\n");
      for (LifecycleLoad.TopStatement s : result.topStatements()) {
        t.append(
            String.format(
                Locale.ROOT,
                "| %.2f | %.3f | %s |%n",
                s.callsPerComplaint(),
                s.meanMs(),
                shortened(s.query())));
      }
      t.append(
          String.format(
              Locale.ROOT,
              "%nLongest planned statements, %s (%.0f plannings and %.1f ms per complaint in"
                  + " all)%n",
              result.name(),
              result.plansPerComplaint(),
              result.planningMsPerComplaint()));
      t.append(
          "| planning ms/complaint | plannings/complaint | calls/complaint | statement |\n"
              + "|---:|---:|---:|---|\n");
      for (LifecycleLoad.TopStatement s : result.topPlanned()) {
        t.append(
            String.format(
                Locale.ROOT,
                "| %.2f | %.2f | %.2f | %s |%n",
                s.planMsPerComplaint(),
                s.plansPerComplaint(),
                s.callsPerComplaint(),
                shortened(s.query())));
      }
    }
    return t.toString();
  }

  private static String shortened(String query) {
    String q = query.length() > 240 ? query.substring(0, 240) + "…" : query;
    return q.replace("|", "\\|");
  }

  private static void write(String name, Object value) throws Exception {
    JSON.writeValue(OUT.resolve(name + ".json").toFile(), value);
  }

  static String table(
      Map<String, String> server,
      DatabaseCeiling.Result ceiling,
      LifecycleLoad.Result ours,
      LifecycleLoad.Result stock) {
    StringBuilder t = new StringBuilder();
    double ceil = ceiling.transactionsPerSecond();
    t.append(
        String.format(
            Locale.ROOT,
            "%nBenchmark: %d cores, PostgreSQL %s (fsync=%s, synchronous_commit=%s), %d clients%n",
            Runtime.getRuntime().availableProcessors(),
            server.get("server_version"),
            server.get("fsync"),
            server.get("synchronous_commit"),
            ceiling.clients()));
    String row = "| %-44s | %12s | %12s | %10s | %10s |%n";
    t.append(String.format(Locale.ROOT, row, "figure", "ours", "stock", "ours/stock", "ours/ceil"));
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "-".repeat(44),
            "-".repeat(12),
            "-".repeat(12),
            "-".repeat(10),
            "-".repeat(10)));
    t.append(line(row, "database ceiling, insert+commit tx/s", ceil, ceil, ceil));
    t.append(
        line(
            row,
            "ceiling commit p50 ms",
            ceiling.commit().p50Ms(),
            ceiling.commit().p50Ms(),
            ceiling.commit().p50Ms()));
    if (ours != null && stock != null) {
      t.append(
          line(
              row,
              "complaints (minor path) per s",
              ours.complaintsPerSecond(),
              stock.complaintsPerSecond(),
              ceil));
      t.append(
          line(
              row,
              "engine transactions per s",
              ours.engineTransactionsPerSecond(),
              stock.engineTransactionsPerSecond(),
              ceil));
      t.append(
          line(
              row,
              "transactions per complaint",
              ours.engineTransactions() / (double) ours.complaints(),
              stock.engineTransactions() / (double) stock.complaints(),
              Double.NaN));
      t.append(
          line(
              row,
              "SQL statements per complaint (counted)",
              ours.sqlStatementsPerComplaint(),
              stock.sqlStatementsPerComplaint(),
              Double.NaN));
      t.append(
          line(
              row,
              "PostgreSQL planning ms per complaint",
              ours.planningMsPerComplaint(),
              stock.planningMsPerComplaint(),
              Double.NaN));
      t.append(
          line(
              row,
              "PostgreSQL plannings per complaint (counted)",
              ours.plansPerComplaint(),
              stock.plansPerComplaint(),
              Double.NaN));
      t.append(
          line(
              row,
              "PostgreSQL execution ms per complaint",
              ours.executionMsPerComplaint(),
              stock.executionMsPerComplaint(),
              Double.NaN));
      for (Map.Entry<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>> cpu :
          CPU_FIGURES.entrySet()) {
        t.append(
            line(
                row,
                cpu.getKey(),
                cpu.getValue().applyAsDouble(ours),
                cpu.getValue().applyAsDouble(stock),
                Double.NaN));
      }
      for (String type : ours.latencies().keySet()) {
        Latencies.Stats o = ours.latencies().get(type);
        Latencies.Stats s = stock.latencies().get(type);
        if (s == null) {
          continue;
        }
        t.append(line(row, type + " p50 ms", o.p50Ms(), s.p50Ms(), ceiling.commit().p50Ms()));
        t.append(line(row, type + " p95 ms", o.p95Ms(), s.p95Ms(), ceiling.commit().p95Ms()));
        t.append(line(row, type + " p99 ms", o.p99Ms(), s.p99Ms(), ceiling.commit().p99Ms()));
        t.append(line(row, type + " requests", o.count(), s.count(), Double.NaN));
      }
      LifecycleLoad.Footprint of = ours.footprint();
      LifecycleLoad.Footprint sf = stock.footprint();
      t.append(
          line(
              row,
              "start-up to /actuator/health 200, s",
              of.startupSeconds(),
              sf.startupSeconds(),
              Double.NaN));
      t.append(
          line(
              row,
              "heap used at rest (after GC), MB",
              of.heapUsedAtRestMb(),
              sf.heapUsedAtRestMb(),
              Double.NaN));
      t.append(
          line(
              row,
              "heap used under load, MB",
              of.heapUsedUnderLoadMb(),
              sf.heapUsedUnderLoadMb(),
              Double.NaN));
      t.append(
          line(
              row,
              "heap used after load (after GC), MB",
              of.heapUsedAfterLoadMb(),
              sf.heapUsedAfterLoadMb(),
              Double.NaN));
      t.append(
          line(row, "process RSS at rest, MB", of.rssAtRestMb(), sf.rssAtRestMb(), Double.NaN));
      t.append(
          line(
              row,
              "process RSS under load, MB",
              of.rssUnderLoadMb(),
              sf.rssUnderLoadMb(),
              Double.NaN));
      t.append(
          line(
              row,
              "process RSS after load, MB",
              of.rssAfterLoadMb(),
              sf.rssAfterLoadMb(),
              Double.NaN));
      t.append(
          BOTH_ORDERS || !STOCK_FIRST
              ? "order: ours first, then stock\n"
              : "order: stock first, then ours\n");
      t.append(
          String.format(
              Locale.ROOT,
              "complaints per run: %d (%d clients x %d), plus %d warm-up (1 per client); lifecycle"
                  + " time %.1f s (ours), %.1f s (stock)%n",
              ours.complaints(),
              ours.clients(),
              ours.complaints() / ours.clients(),
              ours.clients(),
              ours.seconds(),
              stock.seconds()));
      t.append("stock = ours with these starter/Hikari defaults: ")
          .append(stock.settings())
          .append('\n');
    }
    return t.toString();
  }

  /**
   * The lifecycle's figures in both orders: each pair's ours/stock and their geometric mean, in
   * which the advantage of running second cancels.
   */
  static String bothOrders(
      LifecycleLoad.Result oursFirst,
      LifecycleLoad.Result stockSecond,
      LifecycleLoad.Result oursSecond,
      LifecycleLoad.Result stockFirst) {
    StringBuilder t = new StringBuilder();
    t.append("\nLifecycle in both orders (ours/stock of each pair, geometric mean of the two)\n");
    String row = "| %-44s | %12s | %12s | %12s | %12s | %10s | %10s | %10s |%n";
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "figure",
            "ours 1st",
            "stock 2nd",
            "stock 1st",
            "ours 2nd",
            "ratio o1st",
            "ratio s1st",
            "geo mean"));
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "-".repeat(44),
            "-".repeat(12),
            "-".repeat(12),
            "-".repeat(12),
            "-".repeat(12),
            "-".repeat(10),
            "-".repeat(10),
            "-".repeat(10)));
    for (Map.Entry<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>> figure :
        LIFECYCLE_FIGURES.entrySet()) {
      double o1 = figure.getValue().applyAsDouble(oursFirst);
      double s2 = figure.getValue().applyAsDouble(stockSecond);
      double s1 = figure.getValue().applyAsDouble(stockFirst);
      double o2 = figure.getValue().applyAsDouble(oursSecond);
      t.append(
          String.format(
              Locale.ROOT,
              row,
              figure.getKey(),
              fmt(o1),
              fmt(s2),
              fmt(s1),
              fmt(o2),
              fmt(o1 / s2),
              fmt(o2 / s1),
              fmt(geometricMean(o1 / s2, o2 / s1))));
    }
    return t.toString();
  }

  static double geometricMean(double a, double b) {
    return Math.sqrt(a * b);
  }

  /** Where the machine's CPU went during the lifecycle's load. */
  static final Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>> CPU_FIGURES =
      cpuFigures();

  private static Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>>
      cpuFigures() {
    Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>> m =
        new LinkedHashMap<>();
    m.put("CPU ms per complaint, application", r -> r.cpu().applicationMsPerComplaint());
    m.put("CPU ms per complaint, PostgreSQL", r -> r.cpu().databaseMsPerComplaint());
    m.put("CPU ms per complaint, benchmark clients", r -> r.cpu().clientsMsPerComplaint());
    m.put("cores busy, all of the machine", r -> r.cpu().busyCores());
    m.put("cores busy, other work", r -> r.cpu().otherCores());
    return m;
  }

  /** The lifecycle figures compared in both orders. */
  static final Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>>
      LIFECYCLE_FIGURES = lifecycleFigures();

  private static Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>>
      lifecycleFigures() {
    Map<String, java.util.function.ToDoubleFunction<LifecycleLoad.Result>> m =
        new LinkedHashMap<>();
    m.put("complaints (minor path) per s", LifecycleLoad.Result::complaintsPerSecond);
    m.put("engine transactions per s", LifecycleLoad.Result::engineTransactionsPerSecond);
    m.put("transactions per complaint", r -> r.engineTransactions() / (double) r.complaints());
    m.put(
        "SQL statements per complaint (counted)", LifecycleLoad.Result::sqlStatementsPerComplaint);
    m.putAll(CPU_FIGURES);
    for (String type :
        List.of(
            "POST /api/complaints",
            "POST task/{id}/submit-form",
            "GET task/{id}/form-variables",
            "GET task?processInstanceBusinessKey",
            "POST evidence upload")) {
      m.put(type + " p95 ms", r -> p95(r, type));
    }
    m.put("start-up to /actuator/health 200, s", r -> r.footprint().startupSeconds());
    m.put("process RSS at rest, MB", r -> r.footprint().rssAtRestMb());
    m.put("process RSS under load, MB", r -> r.footprint().rssUnderLoadMb());
    m.put("heap used at rest (after GC), MB", r -> r.footprint().heapUsedAtRestMb());
    return m;
  }

  static double p95(LifecycleLoad.Result r, String type) {
    Latencies.Stats stats = r.latencies().get(type);
    return stats == null ? Double.NaN : stats.p95Ms();
  }

  private static String line(String row, String figure, double ours, double stock, double ceiling) {
    return String.format(
        Locale.ROOT,
        row,
        figure,
        fmt(ours),
        fmt(stock),
        fmt(ours / stock),
        Double.isNaN(ceiling) ? "" : fmt(ours / ceiling));
  }

  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 1
            ? String.format(Locale.ROOT, "%.2f", v)
            : String.format(Locale.ROOT, "%.4f", v);
  }
}
