package com.qmsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.forms.SubmitFormVariables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application started from its jar in a JVM of its own ({@link AppProcess}) on its own database
 * of the embedded PostgreSQL (profile {@code postgres} with the demo customers and users, the real
 * job executor), then N concurrent clients each registering complaints through {@code POST
 * /api/complaints} and taking every one through the minor path by completing each task through the
 * engine REST API as Tasklist does: task query by business key, form-variables, submit-form with
 * typed values; evidence uploaded through the evidence API where the step requires it. All requests
 * with HTTP Basic.
 */
final class LifecycleLoad {

  static final String ADMIN_PASSWORD = AppProcess.ADMIN_PASSWORD;

  /** qms.calendar.zone of application.yaml: "today" of the forms' date fields. */
  static final String ZONE = "Asia/Shanghai";

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> MINOR_PATH =
      List.of(
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock",
          "userTaskCorrectNonconformity",
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness",
          "userTaskReplyInWriting",
          "userTaskRecordCustomerDecision",
          "userTaskFollowUpAfterDelivery",
          "userTaskAssessProcessStability",
          "userTaskStandardiseImprovement",
          "userTaskArchiveComplaintRecords");
  private static final Duration TASK_TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("bench.taskTimeoutSeconds", 90));

  record Footprint(
      double startupSeconds,
      double heapUsedAtRestMb,
      double rssAtRestMb,
      double heapUsedAfterLoadMb,
      double rssAfterLoadMb,
      double heapUsedUnderLoadMb,
      double rssUnderLoadMb) {}

  /**
   * CPU milliseconds per complaint of the measured load (warm-up excluded, the last complaints'
   * closure by the job executor included): the application, the PostgreSQL backends of its
   * database, this JVM's HTTP clients; and how many cores the rest of the machine kept busy
   * meanwhile, and all of it together.
   */
  record Cpu(
      double applicationMsPerComplaint,
      double databaseMsPerComplaint,
      double clientsMsPerComplaint,
      double otherCores,
      double busyCores) {}

  record Result(
      String name,
      int clients,
      int complaints,
      double seconds,
      double complaintsPerSecond,
      long engineTransactions,
      double engineTransactionsPerSecond,
      long sqlStatements,
      double sqlStatementsPerComplaint,
      double planningMsPerComplaint,
      double executionMsPerComplaint,
      double plansPerComplaint,
      Map<String, Latencies.Stats> latencies,
      Cpu cpu,
      Footprint footprint,
      Map<String, String> settings,
      List<TopStatement> topStatements,
      List<TopStatement> topPlanned) {}

  /**
   * One statement text of pg_stat_statements: how often per complaint, its mean time, how often
   * PostgreSQL planned it per complaint and the planning time per complaint.
   */
  record TopStatement(
      String query,
      double callsPerComplaint,
      double meanMs,
      double totalMsPerComplaint,
      double plansPerComplaint,
      double planMsPerComplaint) {}

  private LifecycleLoad() {}

  /**
   * Runs the workload against a freshly started application on the given database.
   *
   * @param monitorUrl a connection as another role, whose own statements are not counted
   */
  static Result run(
      String name,
      String appUrl,
      String monitorUrl,
      String database,
      int clients,
      int complaintsPerClient,
      Map<String, String> settings)
      throws Exception {
    try (AppProcess app = AppProcess.start(name, appUrl, settings)) {
      Client client = new Client(app.port(), ZONE);
      double startup = app.startupSeconds();
      AppProcess.Memory rest = app.memory(true);

      // warm-up, not measured: one complaint per client at once (JIT, caches, connection pool)
      ExecutorService warmUp = Executors.newFixedThreadPool(clients);
      List<Future<?>> warmUps = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int c = i;
        warmUps.add(
            warmUp.submit(
                () -> {
                  client.lifecycle(new Latencies(), name + "-WARM-" + c);
                  return null;
                }));
      }
      for (Future<?> run : warmUps) {
        run.get();
      }
      warmUp.shutdown();

      try (Connection monitor = DriverManager.getConnection(monitorUrl, "monitor", "monitor")) {
        awaitAllEnded(monitor);
        query(monitor, "select pg_stat_statements_reset()");
        Thread.sleep(1_000); // pg_stat_database is updated at most every 500 ms
        long commitsBefore = DatabaseCounts.commits(monitor, database);

        Latencies latencies = new Latencies();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int c = i;
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int k = 0; k < complaintsPerClient; k++) {
                      client.lifecycle(latencies, name + "-" + c + "-" + k);
                      done.incrementAndGet();
                    }
                    return null;
                  }));
        }
        CpuUse cpuBefore = CpuUse.sample(List.of(app), monitor, database);
        long t0 = System.nanoTime();
        start.countDown();
        AppProcess.Memory underLoad = null;
        while (runs.stream().anyMatch(f -> !f.isDone())) {
          Thread.sleep(500);
          if (underLoad == null && done.get() >= clients * complaintsPerClient / 2) {
            underLoad = app.memory(false);
          }
        }
        for (Future<?> run : runs) {
          run.get();
        }
        pool.shutdown();
        // the async close of the last complaints runs on the job executor
        awaitAllEnded(monitor);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuUse.Used cpu = CpuUse.sample(List.of(app), monitor, database).since(cpuBefore);
        if (underLoad == null) {
          underLoad = app.memory(false);
        }
        Thread.sleep(1_000);
        long transactions = DatabaseCounts.commits(monitor, database) - commitsBefore;
        long statements = DatabaseCounts.statements(monitor, database);
        DatabaseCounts.Time time = DatabaseCounts.time(monitor, database);
        int complaints = clients * complaintsPerClient;
        long plans = DatabaseCounts.plans(monitor, database);
        List<TopStatement> top =
            topStatements(monitor, database, complaints, DatabaseCounts.Most.CALLS);
        List<TopStatement> planned =
            topStatements(monitor, database, complaints, DatabaseCounts.Most.PLANNING);
        AppProcess.Memory after = app.memory(true);
        return new Result(
            name,
            clients,
            complaints,
            seconds,
            complaints / seconds,
            transactions,
            transactions / seconds,
            statements,
            (double) statements / complaints,
            round(time.planningMs() / complaints),
            round(time.executionMs() / complaints),
            round(plans / (double) complaints),
            latencies.stats(),
            new Cpu(
                round((double) cpu.applicationMs() / complaints),
                round((double) cpu.databaseMs() / complaints),
                round((double) cpu.benchmarkMs() / complaints),
                round(cpu.otherCores()),
                round(
                    (double)
                            (cpu.applicationMs()
                                + cpu.databaseMs()
                                + cpu.benchmarkMs()
                                + cpu.otherMs())
                        / cpu.wallMs())),
            new Footprint(
                startup,
                rest.heapMb(),
                rest.rssMb(),
                after.heapMb(),
                after.rssMb(),
                underLoad.heapMb(),
                underLoad.rssMb()),
            settings,
            top,
            planned);
      }
    }
  }

  private static void awaitAllEnded(Connection monitor) throws Exception {
    long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
    while (true) {
      long open = query(monitor, "select count(*) from act_ru_execution where parent_id_ is null");
      if (open == 0) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            open
                + " process instances still running; incidents: "
                + query(monitor, "select count(*) from act_ru_incident"));
      }
      Thread.sleep(100);
    }
  }

  /**
   * How many of the most frequent statements each configuration records (JSON) and prints:
   * -Dbench.topStatements (40).
   */
  static final int TOP_STATEMENTS = Integer.getInteger("bench.topStatements", 40);

  /**
   * The statements executed most often or planned longest (-Dbench.topStatements), per complaint.
   */
  private static List<TopStatement> topStatements(
      Connection monitor, String database, int complaints, DatabaseCounts.Most most)
      throws SQLException {
    return DatabaseCounts.top(monitor, database, TOP_STATEMENTS, most).stream()
        .map(
            q ->
                new TopStatement(
                    q.query(),
                    round(q.calls() / (double) complaints),
                    round(q.meanMs()),
                    round(q.totalMs() / complaints),
                    round(q.plans() / (double) complaints),
                    round(q.planMs() / complaints)))
        .toList();
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static long query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      Object value = r.getObject(1);
      return value instanceof Number n ? n.longValue() : 0;
    }
  }

  /**
   * One HTTP client per application, shared by the client threads; every request timed per type.
   */
  static final class Client {

    private static final List<String> DEFECT_CODES =
        List.of("BREAKAGE", "APPEARANCE", "DIMENSION", "FUNCTION", "PACKAGING", "LABEL");
    private final AtomicInteger sequence = new AtomicInteger();
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String zone;

    Client(int port, String zone) {
      this.base = "http://localhost:" + port;
      this.zone = zone;
    }

    /**
     * One complaint from intake through every task of the minor path to the archive task's
     * completion.
     */
    void lifecycle(Latencies latencies, String batch) throws Exception {
      // A customer reporting the same defect twice within a year makes the complaint serious (8D):
      // each complaint takes another pair of the 15 demo customers and 6 quality defect codes.
      int n = sequence.getAndIncrement();
      String customer = String.format("C%03d", 1 + (n / DEFECT_CODES.size()) % 15);
      String defect = DEFECT_CODES.get(n % DEFECT_CODES.size());
      JsonNode created = register(latencies, customer, batch, defect);
      advance(
          latencies,
          created.path("complaintNumber").asText(),
          created.path("processInstanceId").asText(),
          null);
    }

    /**
     * Registers a complaint through {@code POST /api/complaints}; the answer has its number and
     * instance id.
     */
    JsonNode register(Latencies latencies, String customer, String batch, String defect)
        throws Exception {
      return send(
          latencies,
          "POST /api/complaints",
          201,
          "clerk",
          "clerk",
          post(
              "/api/complaints",
              JSON.writeValueAsBytes(ComplaintScenario.intake(customer, batch, defect)),
              "application/json"));
    }

    /**
     * Completes the complaint's tasks along the minor path until its open task is {@code stopAt}
     * (left open), or with {@code null} through the archive task's completion. The severity review
     * is skipped when the decision classifies the complaint without it (e.g. a repeat customer), so
     * the client follows the open task along the path.
     */
    void advance(Latencies latencies, String number, String instance, String stopAt)
        throws Exception {
      String last = MINOR_PATH.get(MINOR_PATH.size() - 1);
      String taskKey;
      do {
        JsonNode task = awaitOpenTask(latencies, number, instance);
        taskKey = task.path("taskDefinitionKey").asText();
        if (!MINOR_PATH.contains(taskKey)) {
          throw new IllegalStateException(number + " left the minor path at " + taskKey);
        }
        if (taskKey.equals(stopAt)) {
          return;
        }
        complete(latencies, number, task);
      } while (!last.equals(taskKey));
    }

    void complete(Latencies latencies, String number, JsonNode task) throws Exception {
      String taskKey = task.path("taskDefinitionKey").asText();
      String taskId = task.path("id").asText();
      JsonNode formVariables =
          send(
              latencies,
              "GET task/{id}/form-variables",
              200,
              "admin",
              ADMIN_PASSWORD,
              get("/engine-rest/task/" + taskId + "/form-variables"));
      Map<String, Object> values = submission(taskKey);
      if ("userTaskCommitImprovementDate".equals(taskKey)) {
        values.put(
            "committedImprovementDate",
            formVariables.path("proposedImprovementDate").path("value").asText());
      }
      if (TestEvidence.REQUIRED_STEPS.contains(taskKey)) {
        String user = "userTaskVerifyEffectiveness".equals(taskKey) ? "quality" : "sales";
        send(latencies, "POST evidence upload", 201, user, user, multipart(number, taskKey));
      }
      send(
          latencies,
          "POST task/{id}/submit-form",
          204,
          "admin",
          ADMIN_PASSWORD,
          post(
              "/engine-rest/task/" + taskId + "/submit-form",
              JSON.writeValueAsBytes(Map.of("variables", SubmitFormVariables.of(values))),
              "application/json"));
    }

    private JsonNode awaitOpenTask(Latencies latencies, String number, String instance)
        throws Exception {
      long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
      while (true) {
        JsonNode tasks =
            send(
                latencies,
                "GET task?processInstanceBusinessKey",
                200,
                "admin",
                ADMIN_PASSWORD,
                get(
                    "/engine-rest/task?processInstanceBusinessKey="
                        + URLEncoder.encode(number, StandardCharsets.UTF_8)));
        if (tasks.size() == 1) {
          return tasks.get(0);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "No single open task of "
                  + number
                  + ": "
                  + tasks
                  + "; jobs: "
                  + diagnose("/engine-rest/job?processInstanceId=" + instance)
                  + "; activities: "
                  + diagnose(
                      "/engine-rest/history/activity-instance?processInstanceId="
                          + instance
                          + "&sortBy=startTime&sortOrder=desc&maxResults=5"));
        }
        Thread.sleep(20);
      }
    }

    private String diagnose(String path) throws Exception {
      return new String(
          http.send(
                  get(path)
                      .header("Authorization", AppProcess.basic("admin", ADMIN_PASSWORD))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body(),
          StandardCharsets.UTF_8);
    }

    private Map<String, Object> submission(String taskKey) {
      String today = LocalDate.now(ZoneId.of(zone)).toString();
      Map<String, Object> values = new LinkedHashMap<>(ComplaintScenario.validSubmission(taskKey));
      values.replaceAll((n, v) -> ComplaintScenario.TODAY.equals(v) ? today : v);
      return values;
    }

    private JsonNode send(
        Latencies latencies,
        String type,
        int expected,
        String user,
        String password,
        HttpRequest.Builder request)
        throws Exception {
      request.header("Authorization", AppProcess.basic(user, password));
      long t = System.nanoTime();
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      latencies.record(type, System.nanoTime() - t);
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            type
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private HttpRequest.Builder get(String path) {
      return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    private HttpRequest.Builder post(String path, byte[] body, String contentType) {
      return HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder multipart(String number, String taskKey) throws IOException {
      String boundary = "bench" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"step\"\r\n\r\n"
                  + taskKey
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + taskKey
                  + ".png\"\r\nContent-Type: image/png\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(TestEvidence.PNG);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return post(
          "/api/complaints/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/attachments",
          body.toByteArray(),
          "multipart/form-data; boundary=" + boundary);
    }
  }
}
