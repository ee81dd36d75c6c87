package com.qmsflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Timer storm: the escalation timers of thousands of complaints fall due at the same instant.
 *
 * <p>A seed database gets {@code bench.timers / 2} complaints, each waiting at "Confirm complaint
 * with customer" with its two escalation timers: {@link #REGISTERED} registered by the application
 * itself through {@code POST /api/complaints}, the rest copies of them in the engine's exact shape
 * ({@link HistoryGenerator}: runtime and history rows, timers, authorizations; intake is serialised
 * by the gapless number counter, so 5,000 intakes would take minutes). Every configuration runs on
 * its own copy of the seed ({@code CREATE DATABASE ... TEMPLATE}), so all fire exactly the same
 * jobs: its application (one JVM per node, {@link AppProcess}) starts, idles {@link #IDLE} so the
 * job acquisition backs off as on a quiet day, then one SQL update sets the due date of every
 * escalation timer to the same instant T a few seconds ahead. Measured until no escalation timer is
 * left (at most {@link #LIMIT}): from the success entries of the job log ({@code act_hi_job_log}),
 * the time from T to the first and the last fired job, jobs per second, and the lateness (fired -
 * T) of every job; failed attempts (optimistic locking) from its failure entries; incidents; and
 * that each timer escalated exactly once.
 *
 * <p>Flags: -Dbench.timers (10000), -Dbench.storm.seedClients (16: concurrent intake requests while
 * seeding), -Dbench.storm.baseline (true: ours and stock run), -Dbench.storm.variants (none):
 * further configurations of ours for experiments, {@code name:key=value,key=value;name2:...}, where
 * the key {@code nodes} starts that many application nodes on the database (a cluster) and every
 * other key is a Spring property.
 */
final class TimerStorm {

  static final int TIMERS = Integer.getInteger("bench.timers", 10_000);
  static final int SEED_CLIENTS = Integer.getInteger("bench.storm.seedClients", 16);

  /** Complaints of the seed registered through the REST intake; the others are copies of them. */
  static final int REGISTERED = Integer.getInteger("bench.storm.registered", 100);

  static final boolean BASELINE =
      Boolean.parseBoolean(System.getProperty("bench.storm.baseline", "true"));
  static final String VARIANTS = System.getProperty("bench.storm.variants", "");

  /**
   * How long each application idles before the storm: its acquisition backs off meanwhile (waits of
   * 5, 10, 20, 40 s, then max-wait), so after 80 s it polls as rarely as on a quiet day.
   */
  static final Duration IDLE =
      Duration.ofSeconds(Integer.getInteger("bench.storm.idleSeconds", 80));

  /** T is this far ahead of the update that sets every due date to T. */
  static final Duration LEAD = Duration.ofSeconds(5);

  /**
   * A configuration that has not fired every timer this long after T is stopped and reported as it
   * is.
   */
  static final Duration LIMIT =
      Duration.ofSeconds(Integer.getInteger("bench.storm.limitSeconds", 240));

  /** The confirm task's two escalation timers (timeout task listeners). */
  private static final String STORM_JOB_DEFINITIONS =
      "select id_ from act_ru_jobdef where proc_def_key_ = 'complaint-handling' and"
          + " act_id_ = 'userTaskConfirmWithCustomer' and job_type_ = 'timer-task-listener'";

  private static final String SEED = "storm_seed";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the seed was made: complaints registered through the REST intake and how fast. */
  record Seed(
      int complaints,
      int timers,
      int clients,
      int registered,
      double seconds,
      double complaintsPerSecond,
      double averageWaitingForNumberCounter,
      int copies,
      double copySeconds) {}

  /**
   * One configuration's storm. Times in seconds after T, lateness in milliseconds (fired - T, where
   * fired is the job log's success timestamp, written when the job's transaction is about to
   * commit).
   */
  record Result(
      String name,
      int nodes,
      Map<String, String> settings,
      int timers,
      int fired,
      boolean allFired,
      double startupSeconds,
      double firstFiredSeconds,
      double allFiredSeconds,
      double jobsPerSecond,
      double latenessP50Ms,
      double latenessP95Ms,
      double latenessMaxMs,
      int failedAttempts,
      int jobsThatFailed,
      int incidents,
      int escalations,
      int escalationRuns,
      int duplicateEscalations,
      Map<String, Integer> firedPerNode,
      double longestPauseSeconds,
      List<Integer> firedPerSecond,
      double applicationCpuMsPerJob,
      double databaseCpuMsPerJob,
      double otherProcessesCores,
      double statementsPerJob,
      double transactionsPerJob,
      List<TopStatement> topStatements,
      Seed seed) {}

  /** One statement text of pg_stat_statements during the storm: calls per fired job. */
  record TopStatement(String query, double callsPerJob, double meanMs) {}

  /** The seed and every configuration's result, in the order they ran. */
  record Report(Seed seed, Map<String, Result> results) {

    Result result(String name) {
      return results.get(name);
    }
  }

  /** A configuration: its name, number of nodes and Spring properties on top of ours. */
  record Configuration(String name, int nodes, Map<String, String> settings) {}

  private final EmbeddedPostgres postgres;

  private TimerStorm(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Seeds once, then runs ours and stock (unless -Dbench.storm.baseline=false) and the variants.
   */
  static Report run(EmbeddedPostgres postgres) throws Exception {
    TimerStorm storm = new TimerStorm(postgres);
    List<Configuration> configurations = new ArrayList<>();
    if (BASELINE) {
      configurations.add(new Configuration("ours", 1, Map.of()));
      configurations.add(new Configuration("stock", 1, PerformanceBenchmark.STOCK));
    }
    configurations.addAll(variants(VARIANTS));
    Seed seed = storm.seed();
    Map<String, Result> results = new LinkedHashMap<>();
    Started next = configurations.isEmpty() ? null : storm.start(configurations.get(0));
    for (int i = 0; i < configurations.size(); i++) {
      Configuration configuration = configurations.get(i);
      Started current = next;
      // the next configuration starts while this one idles: its start-up's CPU falls into this
      // one's idle time, and an idle application uses next to no CPU during this one's storm
      try {
        next = i + 1 < configurations.size() ? storm.start(configurations.get(i + 1)) : null;
      } catch (Exception | Error e) {
        storm.stop(current);
        throw e;
      }
      Result result = storm.storm(current, seed);
      results.put(configuration.name(), result);
      log("%s: %s", configuration.name(), JSON.writeValueAsString(result));
    }
    return new Report(seed, results);
  }

  /** Parses {@code name:key=value,key=value;name2:...}. */
  static List<Configuration> variants(String spec) {
    List<Configuration> variants = new ArrayList<>();
    for (String variant : spec.split(";")) {
      if (variant.isBlank()) {
        continue;
      }
      String[] nameAndSettings = variant.split(":", 2);
      Map<String, String> settings = new LinkedHashMap<>();
      int nodes = 1;
      for (String setting :
          nameAndSettings.length < 2 ? new String[0] : nameAndSettings[1].split(",")) {
        if (setting.isBlank()) {
          continue;
        }
        String[] keyValue = setting.trim().split("=", 2);
        if ("nodes".equals(keyValue[0])) {
          nodes = Integer.parseInt(keyValue[1]);
        } else {
          settings.put(keyValue[0], keyValue[1]);
        }
      }
      variants.add(new Configuration(nameAndSettings[0].trim(), nodes, settings));
    }
    return variants;
  }

  // ---- the seed

  private Seed seed() throws Exception {
    int complaints = TIMERS / 2;
    int registered = Math.min(REGISTERED, complaints);
    admin("create database " + SEED);
    // copied with the seed into every configuration's database: statements per job
    try (Connection c = connect(SEED);
        Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
    }
    double seconds;
    double averageWaiting;
    try (AppProcess app = AppProcess.start("storm-seed", url(SEED), Map.of());
        Connection monitor = connect(SEED)) {
      LifecycleLoad.Client client = new LifecycleLoad.Client(app.port(), LifecycleLoad.ZONE);
      Latencies untimed = new Latencies();
      AtomicInteger next = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(SEED_CLIENTS);
      List<Future<?>> runs = new ArrayList<>();
      long begin = System.nanoTime();
      for (int c = 0; c < SEED_CLIENTS; c++) {
        runs.add(
            clients.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < registered; i = next.getAndIncrement()) {
                    client.register(
                        untimed,
                        "C%03d".formatted(1 + i % 15),
                        "STORM-%06d".formatted(i),
                        "BREAKAGE");
                  }
                  return null;
                }));
      }
      // how many intake transactions wait for the yearly number counter's row lock, sampled
      List<Long> waiting = new ArrayList<>();
      while (runs.stream().anyMatch(f -> !f.isDone())) {
        waiting.add(
            count(
                monitor,
                """
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query like 'update number_counter%'\
                """));
        Thread.sleep(250);
      }
      for (Future<?> run : runs) {
        run.get();
      }
      seconds = (System.nanoTime() - begin) / 1e9;
      clients.shutdown();
      averageWaiting = waiting.stream().mapToLong(Long::longValue).average().orElse(0);
    }
    long copyBegin = System.nanoTime();
    List<HistoryGenerator.Template> templates = new ArrayList<>();
    try (Connection db = connect(SEED);
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "select id_, business_key_ from act_ru_execution where parent_id_ is null")) {
      while (r.next()) {
        templates.add(
            new HistoryGenerator.Template(
                r.getString(1), r.getString(2), true, "customer-service"));
      }
    }
    new HistoryGenerator(postgres.getJdbcUrl("postgres", SEED))
        .generate(templates, 0, complaints - registered);
    double copySeconds = (System.nanoTime() - copyBegin) / 1e9;
    try (Connection monitor = connect(SEED)) {
      long timers =
          count(
              monitor,
              "select count(*) from act_ru_job where job_def_id_ in ("
                  + STORM_JOB_DEFINITIONS
                  + ")");
      if (timers != 2L * complaints) {
        throw new IllegalStateException(
            "seed holds " + timers + " escalation timers, expected " + 2 * complaints);
      }
      Seed seed =
          new Seed(
              complaints,
              (int) timers,
              SEED_CLIENTS,
              registered,
              round(seconds),
              round(registered / seconds),
              round(averageWaiting),
              complaints - registered,
              round(copySeconds));
      log("seed: %s", JSON.writeValueAsString(seed));
      return seed;
    }
  }

  // ---- one configuration's storm

  /** A configuration's application(s), started on its own copy of the seed. */
  private record Started(
      Configuration configuration,
      String database,
      List<AppProcess> nodes,
      double startup,
      long readyNanos) {}

  private Started start(Configuration configuration) throws Exception {
    String database =
        "storm_" + configuration.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    awaitNoConnections(SEED);
    admin("create database " + database + " template " + SEED);
    List<AppProcess> nodes = new ArrayList<>();
    try {
      for (int n = 1; n <= configuration.nodes(); n++) {
        nodes.add(
            AppProcess.start(
                configuration.nodes() == 1
                    ? "storm-" + configuration.name()
                    : "storm-" + configuration.name() + "-" + n,
                url(database),
                configuration.settings()));
      }
    } catch (Exception | Error e) {
      stop(new Started(configuration, database, nodes, 0, 0));
      throw e;
    }
    return new Started(
        configuration,
        database,
        nodes,
        nodes.stream().mapToDouble(AppProcess::startupSeconds).max().orElseThrow(),
        System.nanoTime());
  }

  private void stop(Started started) throws Exception {
    for (AppProcess node : started.nodes()) {
      node.close();
    }
    admin("drop database if exists " + started.database() + " with (force)");
  }

  /** Idles the started configuration until {@link #IDLE} after it was ready, then the storm. */
  private Result storm(Started started, Seed seed) throws Exception {
    Configuration configuration = started.configuration();
    String database = started.database();
    List<AppProcess> nodes = started.nodes();
    try (Connection monitor = monitor(database)) {
      double startup = started.startup();
      long idleLeft = started.readyNanos() + IDLE.toNanos() - System.nanoTime();
      if (idleLeft > 0) {
        Thread.sleep(idleLeft / 1_000_000);
      }

      long t = (System.currentTimeMillis() + LEAD.toMillis()) / 1000 * 1000;
      // statements of every database are counted per database (dbid), so resetting them here
      // loses only the figures of an idle application starting meanwhile
      count(monitor, "select count(*) from pg_stat_statements_reset()");
      long commitsBefore = DatabaseCounts.commits(monitor, database);
      CpuUse cpuBefore = CpuUse.sample(nodes, monitor, database);
      Timestamp due = new Timestamp(t);
      int made;
      try (PreparedStatement update =
          monitor.prepareStatement(
              "update act_ru_job set duedate_ = ? where job_def_id_ in ("
                  + STORM_JOB_DEFINITIONS
                  + ")")) {
        update.setTimestamp(1, due);
        made = update.executeUpdate();
      }
      if (made != seed.timers()) {
        throw new IllegalStateException(
            made + " escalation timers made due, expected " + seed.timers());
      }
      long left = made;
      while (left > 0 && System.currentTimeMillis() < t + LIMIT.toMillis()) {
        Thread.sleep(250);
        left =
            count(
                monitor,
                "select count(*) from act_ru_job where job_def_id_ in ("
                    + STORM_JOB_DEFINITIONS
                    + ")");
      }
      CpuUse.Used cpu = CpuUse.sample(nodes, monitor, database).since(cpuBefore);
      long statements = DatabaseCounts.statements(monitor, database);
      List<DatabaseCounts.Statement> top = DatabaseCounts.top(monitor, database, 30);
      Thread.sleep(1_000); // pg_stat_database is updated at most every 500 ms
      long transactions = DatabaseCounts.commits(monitor, database) - commitsBefore;
      for (AppProcess node : nodes) {
        node.close();
      }
      // this JVM only polls during the storm (a few milliseconds): counted with the other work
      double otherCores = round((double) (cpu.otherMs() + cpu.benchmarkMs()) / cpu.wallMs());
      return result(
          configuration,
          monitor,
          t,
          made,
          left == 0,
          startup,
          cpu.applicationMs(),
          cpu.databaseMs(),
          otherCores,
          statements,
          transactions,
          top,
          seed);
    } finally {
      stop(started);
    }
  }

  private static Result result(
      Configuration configuration,
      Connection monitor,
      long t,
      int timers,
      boolean allFired,
      double startup,
      long applicationCpuMs,
      long databaseCpuMs,
      double otherCores,
      long statements,
      long transactions,
      List<DatabaseCounts.Statement> top,
      Seed seed)
      throws SQLException {
    String stormLog = "from act_hi_job_log where job_def_id_ in (" + STORM_JOB_DEFINITIONS + ")";
    List<Long> lateness = new ArrayList<>();
    Map<String, Integer> perNode = new LinkedHashMap<>();
    try (Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery("select timestamp_, hostname_ " + stormLog + " and job_state_ = 2")) {
      while (r.next()) {
        lateness.add(r.getTimestamp(1).getTime() - t);
        perNode.merge(r.getString(2), 1, Integer::sum);
      }
    }
    Collections.sort(lateness);
    int fired = lateness.size();
    double first = fired == 0 ? Double.NaN : lateness.get(0) / 1000.0;
    double last = fired == 0 ? Double.NaN : lateness.get(fired - 1) / 1000.0;
    return new Result(
        configuration.name(),
        configuration.nodes(),
        configuration.settings(),
        timers,
        fired,
        allFired,
        round(startup),
        round(first),
        round(last),
        round(fired / (last - first)),
        fired == 0 ? Double.NaN : Latencies.percentile(lateness, 50),
        fired == 0 ? Double.NaN : Latencies.percentile(lateness, 95),
        fired == 0 ? Double.NaN : lateness.get(fired - 1),
        (int) count(monitor, "select count(*) " + stormLog + " and job_state_ = 1"),
        (int) count(monitor, "select count(distinct job_id_) " + stormLog + " and job_state_ = 1"),
        (int) count(monitor, "select count(*) from act_ru_incident"),
        (int)
            count(
                monitor,
                "select count(*) from escalation where task_definition_key ="
                    + " 'userTaskConfirmWithCustomer'"),
        (int) count(monitor, "select count(*) " + stormLog + " and job_state_ = 2"),
        (int)
            (count(
                    monitor,
                    """
                    select count(*) from (select 1 from escalation group by task_id, escalation_level having count(*) > 1) d\
                    """)
                + count(
                    monitor,
                    "select count(*) from (select 1 "
                        + stormLog
                        + " and job_state_ = 2 group by job_id_ having count(*) > 1) d")),
        perNode,
        longestPause(lateness) / 1000.0,
        perSecond(lateness),
        round((double) applicationCpuMs / fired),
        round((double) databaseCpuMs / fired),
        otherCores,
        round((double) statements / fired),
        round((double) transactions / fired),
        top.stream()
            .map(
                q ->
                    new TopStatement(
                        q.query(), round((double) q.calls() / fired), round(q.meanMs())))
            .toList(),
        seed);
  }

  /**
   * The longest time in milliseconds between two consecutive fired jobs (a stalled acquisition
   * shows here).
   */
  private static long longestPause(List<Long> sortedLateness) {
    long longest = 0;
    for (int i = 1; i < sortedLateness.size(); i++) {
      longest = Math.max(longest, sortedLateness.get(i) - sortedLateness.get(i - 1));
    }
    return longest;
  }

  /** Jobs fired in each second after T: second 0 is [T, T + 1 s). */
  private static List<Integer> perSecond(List<Long> sortedLateness) {
    List<Integer> seconds = new ArrayList<>();
    for (long lateness : sortedLateness) {
      int second = (int) Math.max(0, lateness / 1000);
      while (seconds.size() <= second) {
        seconds.add(0);
      }
      seconds.set(second, seconds.get(second) + 1);
    }
    return seconds;
  }

  // ---- the table

  /**
   * Rows for the benchmark's table (ours, stock, ratio, ours to the database ceiling: jobs/s to its
   * transactions/s, a time to its commit p50), then the experiments, one row per configuration.
   */
  static String table(Report report, DatabaseCeiling.Result ceiling) {
    double txPerSecond = ceiling.transactionsPerSecond();
    double commitSeconds = ceiling.commit().p50Ms() / 1000;
    StringBuilder t = new StringBuilder();
    Seed seed = report.seed();
    t.append(
        String.format(
            Locale.ROOT,
            "%nTimer storm: %d escalation timers of %d complaints due at the same instant T (%d"
                + " registered through POST /api/complaints by %d clients in %.1f s, %.1f"
                + " complaints/s, on average %.1f waiting for the number counter's row lock; %d"
                + " copies of them in %.1f s)%n",
            seed.timers(),
            seed.complaints(),
            seed.registered(),
            seed.clients(),
            seed.seconds(),
            seed.complaintsPerSecond(),
            seed.averageWaitingForNumberCounter(),
            seed.copies(),
            seed.copySeconds()));
    Result ours = report.result("ours");
    Result stock = report.result("stock");
    String row = "| %-44s | %12s | %12s | %10s | %10s |%n";
    if (ours != null && stock != null) {
      t.append(
          String.format(Locale.ROOT, row, "figure", "ours", "stock", "ours/stock", "ours/ceil"));
      t.append(
          String.format(
              Locale.ROOT,
              row,
              "-".repeat(44),
              "-".repeat(12),
              "-".repeat(12),
              "-".repeat(10),
              "-".repeat(10)));
      t.append(
          line(
              row,
              "storm: first job fired after T, s",
              ours.firstFiredSeconds(),
              stock.firstFiredSeconds(),
              commitSeconds));
      t.append(
          line(
              row,
              "storm: all jobs fired after T, s",
              ours.allFiredSeconds(),
              stock.allFiredSeconds(),
              commitSeconds));
      t.append(
          line(
              row,
              "storm: jobs/s (first to last fired)",
              ours.jobsPerSecond(),
              stock.jobsPerSecond(),
              txPerSecond));
      t.append(
          line(
              row,
              "storm: lateness p50, s",
              ours.latenessP50Ms() / 1000,
              stock.latenessP50Ms() / 1000,
              commitSeconds));
      t.append(
          line(
              row,
              "storm: lateness p95, s",
              ours.latenessP95Ms() / 1000,
              stock.latenessP95Ms() / 1000,
              commitSeconds));
      t.append(
          line(
              row,
              "storm: lateness max, s",
              ours.latenessMaxMs() / 1000,
              stock.latenessMaxMs() / 1000,
              commitSeconds));
      t.append(
          line(
              row,
              "storm: CPU ms per job, application",
              ours.applicationCpuMsPerJob(),
              stock.applicationCpuMsPerJob()));
      t.append(
          line(
              row,
              "storm: CPU ms per job, PostgreSQL",
              ours.databaseCpuMsPerJob(),
              stock.databaseCpuMsPerJob()));
      t.append(
          line(
              row,
              "storm: other work on the machine, cores busy",
              ours.otherProcessesCores(),
              stock.otherProcessesCores()));
      t.append(
          line(
              row,
              "storm: SQL statements per job",
              ours.statementsPerJob(),
              stock.statementsPerJob()));
      t.append(
          line(
              row,
              "storm: transactions per job",
              ours.transactionsPerJob(),
              stock.transactionsPerJob()));
      t.append(line(row, "storm: jobs fired", ours.fired(), stock.fired()));
      t.append(line(row, "storm: failed attempts", ours.failedAttempts(), stock.failedAttempts()));
      t.append(line(row, "storm: incidents", ours.incidents(), stock.incidents()));
      t.append(line(row, "storm: escalations recorded", ours.escalations(), stock.escalations()));
      t.append(
          line(
              row,
              "storm: escalations twice",
              ours.duplicateEscalations(),
              stock.duplicateEscalations()));
    }
    String experiment =
        "| %-14s | %5s | %7s | %7s | %7s | %7s | %7s | %7s | %8s | %6s | %6s | %7s | %6s | %9s |"
            + " %s%n";
    t.append(
        String.format(
            Locale.ROOT,
            experiment,
            "configuration",
            "nodes",
            "first s",
            "all s",
            "jobs/s",
            "p95 s",
            "max s",
            "pause s",
            "CPU ms/j",
            "SQL/j",
            "tx/j",
            "others",
            "fired",
            "failed",
            "settings (on top of ours)"));
    for (Result r : report.results().values()) {
      t.append(
          String.format(
              Locale.ROOT,
              experiment,
              r.name(),
              r.nodes(),
              fmt(r.firstFiredSeconds()),
              fmt(r.allFiredSeconds()),
              fmt(r.jobsPerSecond()),
              fmt(r.latenessP95Ms() / 1000),
              fmt(r.latenessMaxMs() / 1000),
              fmt(r.longestPauseSeconds()),
              fmt(r.applicationCpuMsPerJob() + r.databaseCpuMsPerJob()),
              fmt(r.statementsPerJob()),
              fmt(r.transactionsPerJob()),
              fmt(r.otherProcessesCores()),
              r.fired(),
              r.failedAttempts() + "/" + r.jobsThatFailed(),
              r.settings()));
    }
    return t.toString();
  }

  private static String line(String row, String figure, double ours, double stock) {
    return line(row, figure, ours, stock, Double.NaN);
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

  private static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  // ---- database helpers

  private String url(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "postgres", "postgres");
  }

  /** The storm's monitor, as its own role: its statements are not the application's. */
  private Connection monitor(String database) throws SQLException {
    return DriverManager.getConnection(
        postgres.getJdbcUrl(DatabaseCounts.MONITOR, database),
        DatabaseCounts.MONITOR,
        DatabaseCounts.MONITOR);
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * CREATE DATABASE ... TEMPLATE needs the template without sessions; a closed JVM's may linger a
   * moment.
   */
  private void awaitNoConnections(String database) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      for (int i = 0;
          count(c, "select count(*) from pg_stat_activity where datname = '" + database + "'") > 0;
          i++) {
        if (i == 300) {
          throw new IllegalStateException("sessions on " + database + " still open after 30 s");
        }
        Thread.sleep(100);
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[TimerStorm] " + format + "%n", args);
  }
}
