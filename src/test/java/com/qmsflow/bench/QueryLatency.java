package com.qmsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.database.TaskListGrants;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query latency at scale: a handful of complaints driven through the application become templates
 * (finished ones along the minor path, open ones waiting at each task of the path, so at tasks of
 * customer-service, sales, quality, quality-management and production), {@link HistoryGenerator}
 * copies them in SQL to {@code bench.openTasks} open and {@code bench.historicComplaints} finished
 * complaints, and a freshly started application is checked (open tasks per group through REST, a
 * generated task completed, a generated complaint read) and then timed, one request at a time:
 *
 * <ul>
 *   <li>the Tasklist's task list of the shared filter "My group's tasks" as Tasklist 7.24 asks for
 *       it ({@code POST filter/{id}/list?firstResult=0&maxResults=15}, HAL, with the search body
 *       and sorting of its tasklist controller; the HAL answer carries the count), as users of five
 *       groups, through {@code /engine-rest} with HTTP Basic;
 *   <li>{@code GET /api/complaints/{number}} of random finished and open complaints;
 *   <li>every dashboard figure at its default filters, and the on-time rates of a month six months
 *       back, as salesmanager.
 * </ul>
 *
 * Ours first (after the checks), then stock on the same data for the engine requests (the
 * dashboards are the application's own SQL, the same in both).
 *
 * <p>Flags: -Dbench.openTasks (20000), -Dbench.historicComplaints (200000), -Dbench.scale=large
 * (100000 and 1000000), -Dbench.querySeconds (2: time per request type, at least {@value
 * #MIN_SAMPLES} and at most {@value #MAX_SAMPLES} samples after {@value #WARM_UP} warm-ups).
 */
final class QueryLatency {

  static final boolean LARGE = "large".equals(System.getProperty("bench.scale"));
  static final int OPEN_TASKS = Integer.getInteger("bench.openTasks", LARGE ? 100_000 : 20_000);
  static final int HISTORIC_COMPLAINTS =
      Integer.getInteger("bench.historicComplaints", LARGE ? 1_000_000 : 200_000);
  static final int SECONDS_PER_TYPE = Integer.getInteger("bench.querySeconds", 2);
  private static final int WARM_UP = 1;
  private static final int PDF_WARM_UP = 10;
  private static final int MIN_SAMPLES = 5;
  private static final int MAX_SAMPLES = 200;
  private static final String GROUP_FILTER = "My group's tasks";

  /** A user of each group that has tasks on the minor path (identity/DemoUsers). */
  private static final Map<String, String> TASKLIST_USERS =
      Map.of(
          "clerk",
          "customer-service",
          "sales",
          "sales",
          "quality",
          "quality",
          "qualitymanager",
          "quality-management",
          "production",
          "production");

  private static final List<String> DASHBOARD_FIGURES =
      List.of(
          "on-time-rates",
          "defect-pareto",
          "open-tasks",
          "intake-closure",
          "satisfaction",
          "eight-d-cycle-times",
          "escalations");

  /** Finished templates: one customer of each tier (A, B, C). */
  private static final List<String> FINISHED_CUSTOMERS = List.of("C001", "C009", "C013");

  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(
      int openComplaints,
      int historicComplaints,
      int templates,
      double templateSeconds,
      HistoryGenerator.Result generation,
      Map<String, Long> openTasksPerGroup,
      List<String> checks,
      Map<String, Latencies.Stats> latencies,
      Map<String, Latencies.Stats> stockLatencies,
      List<Map<String, Object>> slowestStatements,
      List<Map<String, Object>> stockSlowestStatements) {}

  private QueryLatency() {}

  static Result run(String jdbcUrl, String monitorUrl) throws Exception {
    long t0 = System.nanoTime();
    List<HistoryGenerator.Template> templates;
    try (AppProcess app = AppProcess.start("queries-templates", jdbcUrl, Map.of())) {
      templates =
          templates(
              new LifecycleLoad.Client(app.port(), LifecycleLoad.ZONE), new Http(app.baseUrl()));
    }
    double templateSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "queries: %d templates in %.1f s; generating %d open and %d historic complaints%n",
        templates.size(),
        templateSeconds,
        OPEN_TASKS,
        HISTORIC_COMPLAINTS);
    HistoryGenerator.Result generation =
        new HistoryGenerator(jdbcUrl).generate(templates, HISTORIC_COMPLAINTS, OPEN_TASKS);
    System.out.printf(
        Locale.ROOT,
        "queries: %d rows in %.1f s (indexes %.1f s), database %d MB%n",
        generation.rowsInserted(),
        generation.seconds(),
        generation.indexSeconds(),
        generation.databaseBytesAfter() >> 20);

    try (AppProcess app = AppProcess.start("queries", jdbcUrl, Map.of());
        Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        Connection monitor = DriverManager.getConnection(monitorUrl, "monitor", "monitor")) {
      Http http = new Http(app.baseUrl());
      List<String> checks = new ArrayList<>();
      Map<String, Long> perGroup = checkOpenTasksPerGroup(db, http, checks);
      checkGeneratedTaskCompletes(
          db, new LifecycleLoad.Client(app.port(), LifecycleLoad.ZONE), http, templates, checks);
      checkHistoricComplaintReadable(db, http, checks);
      checkOnTimeSummary(db, http, checks);
      query(monitor, "select pg_stat_statements_reset()");
      Latencies latencies = new Latencies();
      measure(db, http, latencies, true);
      List<Map<String, Object>> slowest = slowestStatements(monitor);
      app.close();
      // the engine's schema as the engine creates it (ours added the statistics on the permission
      // bits and the grant tests' covering indexes at its start, database/AuthorizationStatistics,
      // database/TaskListGrants)
      query(db, "drop statistics if exists act_ru_authorization_perms");
      for (String index : TaskListGrants.INDEXES.keySet()) {
        query(db, "drop index if exists " + index);
      }
      measuring = "stock";
      // the same requests against the starter's defaults, second (on a database cache the first
      // warmed)
      try (AppProcess stockApp =
          AppProcess.start("queries-stock", jdbcUrl, PerformanceBenchmark.STOCK)) {
        query(monitor, "select pg_stat_statements_reset()");
        Latencies stockLatencies = new Latencies();
        measure(db, new Http(stockApp.baseUrl()), stockLatencies, false);
        return new Result(
            OPEN_TASKS,
            HISTORIC_COMPLAINTS,
            templates.size(),
            templateSeconds,
            generation,
            perGroup,
            checks,
            latencies.stats(),
            stockLatencies.stats(),
            slowest,
            slowestStatements(monitor));
      }
    }
  }

  // --- templates ------------------------------------------------------------------------------

  /**
   * Drives the templates through the application, four at a time: the finished ones through the
   * whole minor path, an open one to each task of the path.
   */
  private static List<HistoryGenerator.Template> templates(LifecycleLoad.Client client, Http http)
      throws Exception {
    Latencies ignored = new Latencies();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HistoryGenerator.Template>> runs = new ArrayList<>();
      int k = 0;
      for (String customer : FINISHED_CUSTOMERS) {
        int i = k++;
        runs.add(
            pool.submit(
                () -> {
                  JsonNode created = client.register(ignored, customer, batch(i), "BREAKAGE");
                  String instance = created.path("processInstanceId").asText();
                  client.advance(ignored, created.path("complaintNumber").asText(), instance, null);
                  http.awaitCompleted(instance);
                  return new HistoryGenerator.Template(
                      instance, created.path("complaintNumber").asText(), false, null);
                }));
      }
      for (String stopAt : LifecycleLoad.MINOR_PATH) {
        int i = k++;
        // another customer or defect per template: no repeat complaint, so every one stays minor
        String customer = String.format(Locale.ROOT, "C%03d", 1 + i % 15);
        String defect = i < 15 ? "APPEARANCE" : "DIMENSION";
        runs.add(
            pool.submit(
                () -> {
                  JsonNode created = client.register(ignored, customer, batch(i), defect);
                  String number = created.path("complaintNumber").asText();
                  String instance = created.path("processInstanceId").asText();
                  client.advance(ignored, number, instance, stopAt);
                  JsonNode task =
                      http.get(
                              "admin",
                              AppProcess.ADMIN_PASSWORD,
                              "/engine-rest/task?processInstanceBusinessKey=" + encode(number))
                          .get(0);
                  if (task == null || !stopAt.equals(task.path("taskDefinitionKey").asText())) {
                    throw new IllegalStateException(
                        "Template " + number + " did not stop at " + stopAt + ": " + task);
                  }
                  return new HistoryGenerator.Template(
                      instance, number, true, http.candidateGroup(task.path("id").asText()));
                }));
      }
      List<HistoryGenerator.Template> templates = new ArrayList<>();
      for (Future<HistoryGenerator.Template> run : runs) {
        templates.add(run.get());
      }
      return templates;
    } finally {
      pool.shutdown();
    }
  }

  /** Template batch numbers of one width, so that none is part of another. */
  private static String batch(int template) {
    return String.format(Locale.ROOT, "BATCH-T%02d", template);
  }

  // --- checks: the generated data is what the engine would have written ------------------------

  /** Open tasks per candidate group through REST equal the generated ones plus the templates. */
  private static Map<String, Long> checkOpenTasksPerGroup(
      Connection db, Http http, List<String> checks) throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                """
                select t.task_group, count(c.n) + 1 from gen.template t left join gen.copy c on c.template = t.id
                where t.open group by t.id, t.task_group\
                """)) {
      while (r.next()) {
        expected.merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    for (Map.Entry<String, Long> group : expected.entrySet()) {
      long counted =
          http.get(
                  "admin",
                  AppProcess.ADMIN_PASSWORD,
                  "/engine-rest/task/count?candidateGroup=" + encode(group.getKey()))
              .path("count")
              .asLong();
      if (counted != group.getValue()) {
        throw new IllegalStateException(
            "Open tasks of "
                + group.getKey()
                + ": REST counts "
                + counted
                + ", generated "
                + group.getValue());
      }
    }
    checks.add(
        "open tasks per group through GET /engine-rest/task/count?candidateGroup= equal the"
            + " generated ones: "
            + expected);
    return expected;
  }

  /**
   * The on-time rates through REST count every completed step with a due date of the twelve months
   * that the records hold: the summary the generator counted, and the task completed through REST
   * above, counted as it was completed.
   */
  private static void checkOnTimeSummary(Connection db, Http http, List<String> checks)
      throws Exception {
    ZoneId zone = ZoneId.of(LifecycleLoad.ZONE);
    YearMonth month = YearMonth.now(zone);
    long expected;
    try (PreparedStatement s =
        db.prepareStatement(
            """
            select count(*) from process_step s join process_record pr on pr.process_instance_id = s.process_instance_id
            where s.outcome = 'COMPLETED' and s.due_at is not null and s.ended_at >= ? and s.ended_at < ?
              and pr.process_key in ('complaint-handling', 'corrective-action', 'contract-change')\
            """)) {
      s.setTimestamp(
          1, Timestamp.from(month.minusMonths(11).atDay(1).atStartOfDay(zone).toInstant()));
      s.setTimestamp(
          2, Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        expected = r.getLong(1);
      }
    }
    long counted = 0;
    for (JsonNode row :
        http.get("salesmanager", "salesmanager", "/api/dashboard/on-time-rates").path("rows")) {
      counted += row.path("completed").asLong();
    }
    if (counted != expected || counted == 0) {
      throw new IllegalStateException(
          "On-time rates: REST counts " + counted + " completions, the records " + expected);
    }
    checks.add(
        "on-time rates through GET /api/dashboard/on-time-rates count every completed step with a"
            + " due date of the 12 months: "
            + counted);
  }

  /**
   * A generated task at "Investigate on site" is completed through REST and the process moves on.
   */
  private static void checkGeneratedTaskCompletes(
      Connection db,
      LifecycleLoad.Client client,
      Http http,
      List<HistoryGenerator.Template> templates,
      List<String> checks)
      throws Exception {
    String template =
        templates.stream()
            .filter(t -> t.open())
            .map(HistoryGenerator.Template::complaintNumber)
            .filter(
                number -> {
                  try {
                    JsonNode task =
                        http.get(
                                "admin",
                                AppProcess.ADMIN_PASSWORD,
                                "/engine-rest/task?processInstanceBusinessKey=" + encode(number))
                            .get(0);
                    return "userTaskInvestigateOnSite"
                        .equals(task.path("taskDefinitionKey").asText());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .findFirst()
            .orElseThrow();
    String number =
        string(
            db,
            "select c.number from gen.copy c join gen.template t on t.id = c.template where"
                + " t.number = '"
                + template
                + "' order by c.n desc limit 1");
    JsonNode task =
        http.get(
                "admin",
                AppProcess.ADMIN_PASSWORD,
                "/engine-rest/task?processInstanceBusinessKey=" + encode(number))
            .get(0);
    client.advance(
        new Latencies(),
        number,
        task.path("processInstanceId").asText(),
        "userTaskAnalyseValidityAndCause");
    checks.add(
        "generated "
            + number
            + ": task 'Investigate on site' completed through submit-form (with evidence), "
            + "the process moved on to 'Analyse validity and cause'");
  }

  /**
   * GET /api/complaints/{n} of a generated finished complaint answers 200 with its number, customer
   * and closure.
   */
  private static void checkHistoricComplaintReadable(Connection db, Http http, List<String> checks)
      throws Exception {
    String number =
        string(
            db,
            "select c.number || ' ' || c.customer from gen.copy c join gen.template t on t.id ="
                + " c.template where not t.open order by c.n limit 1");
    String[] expected = number.split(" ");
    JsonNode view =
        http.get("salesmanager", "salesmanager", "/api/complaints/" + encode(expected[0]));
    if (!expected[0].equals(view.path("complaintNumber").asText())
        || !expected[1].equals(view.path("customerCode").asText())
        || view.path("closedAt").isMissingNode()
        || view.path("openTasks").size() != 0) {
      throw new IllegalStateException("GET /api/complaints/" + expected[0] + " answered " + view);
    }
    checks.add(
        "GET /api/complaints/"
            + expected[0]
            + " (generated, finished): 200, customer "
            + expected[1]
            + ", closed "
            + view.path("closedAt").asText()
            + ", status "
            + view.path("status").asText());
  }

  // --- measurement ----------------------------------------------------------------------------

  /**
   * @param dashboards whether to time the dashboards too (plain SQL of the application: the same in
   *     both configurations, so timed for ours only)
   */
  private static void measure(Connection db, Http http, Latencies latencies, boolean dashboards)
      throws Exception {
    String filterId = null;
    for (JsonNode filter :
        http.get("admin", AppProcess.ADMIN_PASSWORD, "/engine-rest/filter?resourceType=Task")) {
      if (filter.path("name").asText().startsWith(GROUP_FILTER)) {
        filterId = filter.path("id").asText();
      }
    }
    if (filterId == null) {
      throw new IllegalStateException("No shared filter " + GROUP_FILTER);
    }
    // the body Tasklist's tasklist controller builds (searchQuery + sorting + paging), sent by the
    // SDK's Filter.getTasks with firstResult/maxResults also in the URL
    byte[] body =
        JSON.writeValueAsBytes(
            Map.of(
                "processVariables",
                List.of(),
                "taskVariables",
                List.of(),
                "caseInstanceVariables",
                List.of(),
                "firstResult",
                0,
                "maxResults",
                15,
                "sorting",
                List.of(Map.of("sortBy", "created", "sortOrder", "desc")),
                "active",
                true));
    for (Map.Entry<String, String> user : new TreeMap<>(TASKLIST_USERS).entrySet()) {
      String path = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
      sample(
          latencies,
          "tasklist group filter list, " + user.getValue(),
          () -> {
            JsonNode list = http.halPost(user.getKey(), user.getKey(), path, body);
            if (list.path("count").asLong() == 0
                || list.path("_embedded").path("task").size() != 15) {
              throw new IllegalStateException("Tasklist list of " + user.getKey() + ": " + list);
            }
          },
          SECONDS_PER_TYPE);
    }

    Random random = new Random(2026);
    List<String> historic =
        strings(
            db,
            "select c.number from gen.copy c join gen.template t on t.id = c.template "
                + "where not t.open order by random() limit 1000");
    List<String> open =
        strings(
            db,
            "select c.number from gen.copy c join gen.template t on t.id = c.template "
                + "where t.open order by random() limit 1000");
    for (Map.Entry<String, List<String>> kind :
        Map.of("historic", historic, "open", open).entrySet()) {
      sample(
          latencies,
          "GET /api/complaints/{n}, " + kind.getKey(),
          () ->
              http.get(
                  "salesmanager",
                  "salesmanager",
                  "/api/complaints/"
                      + encode(kind.getValue().get(random.nextInt(kind.getValue().size())))),
          SECONDS_PER_TYPE);
    }

    if (!dashboards) {
      return;
    }
    String month = YearMonth.now(ZoneId.of(LifecycleLoad.ZONE)).minusMonths(6).toString();
    for (String figure : DASHBOARD_FIGURES) {
      sample(
          latencies,
          "dashboard " + figure,
          () -> http.get("salesmanager", "salesmanager", "/api/dashboard/" + figure),
          SECONDS_PER_TYPE);
    }
    measurePages(db, http, latencies, historic, open, random);
    // a month filter only where it changes the work: the on-time rates cover 12 months by default
    sample(
        latencies,
        "dashboard on-time-rates, month " + month,
        () ->
            http.get("salesmanager", "salesmanager", "/api/dashboard/on-time-rates?month=" + month),
        SECONDS_PER_TYPE);
  }

  /**
   * The pages of the other issues on the same data (issue 21.4), ours only (the application's own
   * SQL, the same in both configurations): the customer list and its searches, a customer and its
   * complaint history (issue 15; paged, issue 21.4: the first page of each section, and the last
   * page of the complaints), the register's list, searches and both exports (issue 16), a
   * complaint's record page, finished and open, and its PDF (issue 17). Types start with "page: ";
   * exports with "page: export" (target 5 s for about 10,000 rows), the rest 1 s.
   */
  private static void measurePages(
      Connection db,
      Http http,
      Latencies latencies,
      List<String> historic,
      List<String> open,
      Random random)
      throws Exception {
    String customer = "C003";
    String name = string(db, "select name from customer where code = '" + customer + "'");
    Map<String, String[]> gets = new LinkedHashMap<>();
    gets.put("page: customer list", new String[] {"salesmanager", "/api/customers"});
    gets.put(
        "page: customer search, part of a code",
        new String[] {"salesmanager", "/api/customers?q=C00"});
    gets.put(
        "page: customer search, part of a name",
        new String[] {
          "salesmanager",
          "/api/customers?q=" + encode(name.substring(0, Math.min(2, name.length())))
        });
    gets.put(
        "page: customer " + customer, new String[] {"salesmanager", "/api/customers/" + customer});
    // what the customer page loads: the first page (20) of its complaints, changes and surveys
    gets.put(
        "page: customer " + customer + " complaint history",
        new String[] {"salesmanager", "/api/customers/" + customer + "/history"});
    // the deepest page of its complaints (offset paging: the index is walked to the offset)
    long complaints =
        http.get(
                "salesmanager",
                "salesmanager",
                "/api/customers/" + customer + "/history/complaints?size=20")
            .path("total")
            .asLong();
    gets.put(
        "page: customer " + customer + " complaint history, last page",
        new String[] {
          "salesmanager",
          "/api/customers/"
              + customer
              + "/history/complaints?size=20&page="
              + Math.max(0, (complaints - 1) / 20)
        });
    gets.put(
        "page: register list, newest first (quality)", new String[] {"quality", "/api/complaints"});
    String batch = string(db, "select batch from gen.copy order by n desc limit 1");
    gets.put(
        "page: register text search, batch (quality)",
        new String[] {"quality", "/api/complaints?q=" + batch});
    gets.put(
        "page: register status=overdue (quality)",
        new String[] {"quality", "/api/complaints?status=overdue"});
    gets.put(
        "page: register escalated=true (quality)",
        new String[] {"quality", "/api/complaints?escalated=true"});
    gets.put(
        "page: register customer + closed (quality)",
        new String[] {
          "quality", "/api/complaints?customer=" + customer + "&status=closed&sort=-closed"
        });
    gets.put(
        "page: register list (production: own tasks only)",
        new String[] {"production", "/api/complaints"});
    gets.put(
        "page: register text search, batch (production)",
        new String[] {"production", "/api/complaints?q=" + batch});
    for (Map.Entry<String, String[]> get : gets.entrySet()) {
      String[] request = get.getValue();
      sample(
          latencies,
          get.getKey(),
          () -> http.bytes(request[0], request[0], request[1]),
          SECONDS_PER_TYPE);
    }
    // the export of one month of intake, about 200,000 / 24 rows
    java.time.LocalDate to = java.time.LocalDate.now(ZoneId.of(LifecycleLoad.ZONE)).minusMonths(3);
    String filter =
        "receivedFrom=" + to.minusMonths(1).plusDays(1) + "&receivedTo=" + to + "&sort=received";
    long rows = http.get("quality", "quality", "/api/complaints?" + filter).path("total").asLong();
    for (String format : List.of("xlsx", "csv")) {
      sample(
          latencies,
          String.format(Locale.ROOT, "page: export .%s of %,d rows (quality)", format, rows),
          () -> http.bytes("quality", "quality", "/api/complaints/export." + format + "?" + filter),
          SECONDS_PER_TYPE);
    }
    for (Map.Entry<String, List<String>> kind :
        new TreeMap<>(Map.of("finished", historic, "open", open)).entrySet()) {
      sample(
          latencies,
          "page: complaint record page, " + kind.getKey() + " (quality)",
          () ->
              http.bytes(
                  "quality",
                  "quality",
                  "/complaints/"
                      + encode(kind.getValue().get(random.nextInt(kind.getValue().size())))),
          SECONDS_PER_TYPE);
    }
    sample(
        latencies,
        "page: complaint record PDF, finished (quality)",
        () ->
            http.bytes(
                "quality",
                "quality",
                "/api/complaints/"
                    + encode(historic.get(random.nextInt(historic.size())))
                    + "/record.pdf"),
        SECONDS_PER_TYPE,
        PDF_WARM_UP);
  }

  interface Request {
    void send() throws Exception;
  }

  /** Warm-up, then samples until the time is up (at least MIN_SAMPLES, at most MAX_SAMPLES). */
  private static void sample(Latencies latencies, String type, Request request, int seconds)
      throws Exception {
    sample(latencies, type, request, seconds, WARM_UP);
  }

  /**
   * With more warm-up requests: the PDF's layout code (openhtmltopdf, PDFBox) runs interpreted at
   * first. In one JVM on this machine (loaded) the first PDF took 5.3 s, the next ones 0.8-1.0 s,
   * and a record's PDF 0.15-0.4 s once the code had printed a dozen, which a server that prints
   * every record at its closure has.
   */
  private static void sample(
      Latencies latencies, String type, Request request, int seconds, int warmUps)
      throws Exception {
    try {
      for (int i = 0; i < warmUps; i++) {
        if (!send(latencies, type, request, false)) {
          return;
        }
      }
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      for (int i = 0; i < MAX_SAMPLES && (i < MIN_SAMPLES || System.nanoTime() < end); i++) {
        if (!send(latencies, type, request, true)) {
          return;
        }
      }
    } finally {
      Latencies.Stats stats = latencies.stats().get(type);
      if (stats != null) {
        System.out.printf(
            Locale.ROOT,
            "queries (%s): %s: %d samples, p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
            measuring,
            type,
            stats.count(),
            stats.p50Ms(),
            stats.p95Ms(),
            stats.maxMs());
      }
    }
  }

  /**
   * Sends one request and records its time if asked to; false ends the sampling of the type. A
   * request that takes longer than {@link #SLOW} is recorded, warm-up or not, and ends it (the
   * stock configuration's Tasklist list at 100,000 open tasks takes a minute or more: five samples
   * of every user would take the hour); one the client gives up on is recorded at the client's
   * timeout, so the table shows a lower bound instead of the run failing.
   */
  private static boolean send(Latencies latencies, String type, Request request, boolean record)
      throws Exception {
    long t = System.nanoTime();
    try {
      request.send();
    } catch (java.net.http.HttpTimeoutException e) {
      latencies.record(type, System.nanoTime() - t);
      System.out.printf(
          Locale.ROOT,
          "queries (%s): %s: no answer within the client's timeout%n",
          measuring,
          type);
      return false;
    }
    long took = System.nanoTime() - t;
    if (record || took > SLOW.toNanos()) {
      latencies.record(type, took);
    }
    return took <= SLOW.toNanos();
  }

  /** Which configuration is measured, for the progress lines. */
  private static volatile String measuring = "ours";

  /** See {@link #slow}. */
  private static final java.time.Duration SLOW = java.time.Duration.ofSeconds(20);

  /** The statements of the measurement that took longest on average (pg_stat_statements). */
  private static List<Map<String, Object>> slowestStatements(Connection monitor) throws Exception {
    List<Map<String, Object>> slowest = new ArrayList<>();
    try (Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery(
                """
                select calls, round(mean_exec_time::numeric, 2), round(max_exec_time::numeric, 2), left(query, 600)
                from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                  and userid = (select oid from pg_roles where rolname = 'postgres')
                order by mean_exec_time desc limit 10\
                """)) {
      while (r.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("calls", r.getLong(1));
        row.put("meanMs", r.getBigDecimal(2));
        row.put("maxMs", r.getBigDecimal(3));
        row.put("query", r.getString(4));
        slowest.add(row);
      }
    }
    return slowest;
  }

  /** The rows of the benchmark table. */
  static String table(Result r, DatabaseCeiling.Result ceiling) {
    StringBuilder t = new StringBuilder();
    HistoryGenerator.Result g = r.generation();
    t.append(
        String.format(
            Locale.ROOT,
            "%nQuery latency at scale: %d open complaints (1 open task each), %d historic"
                + " complaints from %d engine templates (%.0f s); generated %d rows in %.0f s"
                + " (indexes %.0f s), database %d MB (before %d MB); open copies start within the"
                + " last %.1f h%n",
            r.openComplaints(),
            r.historicComplaints(),
            r.templates(),
            r.templateSeconds(),
            g.rowsInserted(),
            g.seconds(),
            g.indexSeconds(),
            g.databaseBytesAfter() >> 20,
            g.databaseBytesBefore() >> 20,
            g.openWindowHours()));
    // ours/ceil: the p95 in commit times (p95 of the ceiling's commits)
    String row = "| %-52s | %9s | %9s | %9s | %7s | %13s | %10s | %9s |%n";
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "request (one at a time), ours",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "samples",
            "stock p95 ms",
            "ours/stock",
            "ours/ceil"));
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "-".repeat(52),
            "-".repeat(9),
            "-".repeat(9),
            "-".repeat(9),
            "-".repeat(7),
            "-".repeat(13),
            "-".repeat(10),
            "-".repeat(9)));
    r.latencies()
        .forEach(
            (type, s) -> {
              Latencies.Stats stock = r.stockLatencies().get(type);
              t.append(
                  String.format(
                      Locale.ROOT,
                      row,
                      type,
                      fmt(s.p50Ms()),
                      fmt(s.p95Ms()),
                      fmt(s.p99Ms()),
                      s.count(),
                      stock == null ? "-" : fmt(stock.p95Ms()),
                      stock == null
                          ? "-"
                          : String.format(Locale.ROOT, "%.2f", s.p95Ms() / stock.p95Ms()),
                      String.format(Locale.ROOT, "%.0f", s.p95Ms() / ceiling.commit().p95Ms())));
            });
    return t.toString();
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
  }

  // --- helpers --------------------------------------------------------------------------------

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void query(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String string(Connection c, String sql) throws Exception {
    List<String> values = strings(c, sql);
    if (values.isEmpty()) {
      throw new IllegalStateException("No row: " + sql);
    }
    return values.get(0);
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  /** JSON requests with HTTP Basic; any other status than 200 fails. */
  private static final class Http {

    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Http(String base) {
      this.base = base;
    }

    JsonNode get(String user, String password, String path) throws Exception {
      return send(
          HttpRequest.newBuilder(URI.create(base + path)).GET(),
          user,
          password,
          "application/json");
    }

    /** As Tasklist's SDK posts: JSON body, HAL preferred. */
    JsonNode halPost(String user, String password, String path, byte[] body) throws Exception {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
          user,
          password,
          "application/hal+json, application/json; q=0.5");
    }

    /** The whole answer of a page, an export or a PDF; fails unless 200 and not empty. */
    byte[] bytes(String user, String password, String path) throws Exception {
      byte[] body =
          exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), user, password, "*/*");
      if (body.length == 0) {
        throw new IllegalStateException(path + " answered nothing");
      }
      return body;
    }

    private JsonNode send(HttpRequest.Builder request, String user, String password, String accept)
        throws Exception {
      return JSON.readTree(exchange(request, user, password, accept));
    }

    private byte[] exchange(
        HttpRequest.Builder request, String user, String password, String accept) throws Exception {
      HttpResponse<byte[]> response =
          client.send(
              request
                  .header("Accept", accept)
                  .header("Authorization", AppProcess.basic(user, password))
                  .timeout(Duration.ofMinutes(2))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            request.build().uri()
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body();
    }

    /** The (first) candidate group of a task. */
    String candidateGroup(String taskId) throws Exception {
      for (JsonNode link :
          get(
              "admin",
              AppProcess.ADMIN_PASSWORD,
              "/engine-rest/task/" + taskId + "/identity-links?type=candidate")) {
        if (!link.path("groupId").isNull() && !link.path("groupId").isMissingNode()) {
          return link.path("groupId").asText();
        }
      }
      throw new IllegalStateException("Task " + taskId + " has no candidate group");
    }

    /** Waits until the instance has ended (the close runs on the job executor). */
    void awaitCompleted(String instance) throws Exception {
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (!"COMPLETED"
          .equals(
              get(
                      "admin",
                      AppProcess.ADMIN_PASSWORD,
                      "/engine-rest/history/process-instance/" + instance)
                  .path("state")
                  .asText())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Template " + instance + " did not complete");
        }
        Thread.sleep(100);
      }
    }
  }
}
