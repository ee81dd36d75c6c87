package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.web.DatabaseUnavailable;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stops for some seconds while complaints are registered and a task is completed, then
 * starts again on the same port and data. The application runs with the {@code postgres} profile
 * (connection timeout 5 s) and its job executor on.
 *
 * <ul>
 *   <li>every request during the outage, on {@code /api} and {@code /engine-rest}, is answered
 *       {@code 503} with {@code Retry-After} and {@code {"error":"database unavailable, retry
 *       later"}} within the connection timeout plus a margin, not 500 and not a hang;
 *   <li>nothing of those requests was stored; sent again after the restart they succeed;
 *   <li>every complaint acknowledged with {@code 201} before the outage still exists;
 *   <li>an escalation timer that fell due during the outage is run by the job executor after the
 *       restart without anyone touching it, and no incident is left.
 * </ul>
 *
 * <p>{@code max-wait=2000}: an idle job executor polls at least every 2 s (production: up to 60 s),
 * so the timer's run after the restart is seen quickly. {@code failedJobRetryTimeCycle=R5/PT5S}: a
 * job that failed because the database vanished under it is retried after 5 s instead of the
 * production minute.
 */
@ExtendWith(DatabaseOutageIT.RestartablePostgres.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "qms.demo.users=true",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + DatabaseOutageIT.ADMIN_PASSWORD,
      // the demo users' password is their user id
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle=R5/PT5S",
      "camunda.bpm.job-execution.enabled=true",
      "camunda.bpm.job-execution.max-wait=2000",
      "camunda.bpm.job-execution.wait-time-in-millis=1000"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIT {

  static final String ADMIN_PASSWORD = "Adm1n-Outage-2026!";

  /** The postgres profile's {@code spring.datasource.hikari.connection-timeout}. */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /**
   * What a 503 may take beyond the connection timeout (validation of dead pooled connections, a
   * loaded CI machine).
   */
  private static final Duration MARGIN = Duration.ofSeconds(10);

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private ProcessEngineConfiguration engineConfiguration;

  private final ObjectMapper json = new ObjectMapper();

  /**
   * Requests answered 503 after the restart (pooled connections to the old server still being
   * replaced).
   */
  private int retriesAfterRestart;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * One PostgreSQL for the class on a fixed port and data directory that survive a stop, so the
   * test can stop and start it under the running application. Registered before the Spring
   * extension: started before the context, stopped after it is closed.
   */
  static class RestartablePostgres implements BeforeAllCallback, AfterAllCallback {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      dataDirectory = Files.createTempDirectory("qms-outage-pg");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      stop();
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }

    static void start() throws IOException {
      postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
    }

    static void stop() throws IOException {
      if (postgres != null) {
        postgres.close();
        postgres = null;
      }
    }

    static String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", RestartablePostgres::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  /** One HTTP exchange and how long it took. */
  private record Answer(String what, int status, String body, String retryAfter, Duration took) {}

  @Test
  void requestsDuringAnOutageAnswer503AndNothingIsLostAndTheJobExecutorResumes() throws Exception {
    assertThat(((ProcessEngineConfigurationImpl) engineConfiguration).getFailedJobRetryTimeCycle())
        .as("retry cycle of failed jobs")
        .isEqualTo("R5/PT5S");
    assertThat(dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getConnectionTimeout())
        .as("connection timeout of the postgres profile")
        .isEqualTo(CONNECTION_TIMEOUT.toMillis());

    // before: two complaints acknowledged with 201
    Answer first = registerComplaint("OUTAGE-BEFORE-1");
    Answer second = registerComplaint("OUTAGE-BEFORE-2");
    assertThat(List.of(first.status(), second.status()))
        .as("%s %s", first, second)
        .containsOnly(201);
    String escalated = json.readTree(first.body()).path("complaintNumber").asText();
    String completedLater = json.readTree(second.body()).path("complaintNumber").asText();
    String taskId = openTask(completedLater).path("id").asText();
    assertThat(taskId).isNotBlank();

    // a non-database engine failure still gets Camunda's own answer
    Answer unknownTask =
        send(
            "complete unknown task",
            post("/engine-rest/task/no-such-task/complete", "admin", ADMIN_PASSWORD, "{}"));
    assertThat(unknownTask.status()).as("%s", unknownTask).isNotEqualTo(503);
    assertThat(unknownTask.body()).contains("\"type\"").doesNotContain(DatabaseUnavailable.MESSAGE);

    // the first complaint's level-1 escalation timer falls due while the database is down
    Instant due = Instant.now().plusSeconds(2);
    assertThat(
            jdbc.sql(
                    """
                    update act_ru_job set duedate_ = :due
                    where process_instance_id_ = (select process_instance_id from complaint where complaint_number = :number)
                      and handler_cfg_ = 'userTaskConfirmWithCustomer$taskListener~escalationLevel1'\
                    """)
                .param("due", Timestamp.from(due))
                .param("number", escalated)
                .update())
        .isEqualTo(1);

    // ---- outage
    RestartablePostgres.stop();
    Instant stopped = Instant.now();
    List<CompletableFuture<Answer>> duringOutage = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String reference = "OUTAGE-DURING-" + i;
      duringOutage.add(CompletableFuture.supplyAsync(() -> registerComplaint(reference)));
    }
    duringOutage.add(CompletableFuture.supplyAsync(() -> submitConfirmation(taskId)));
    duringOutage.add(
        CompletableFuture.supplyAsync(
            () -> send("GET complaint", get("/api/complaints/" + escalated, "clerk", "clerk"))));
    duringOutage.add(
        CompletableFuture.supplyAsync(
            () ->
                send(
                    "GET engine tasks",
                    get(
                        "/engine-rest/task?processInstanceBusinessKey=" + completedLater,
                        "clerk",
                        "clerk"))));
    List<Answer> outageAnswers = duringOutage.stream().map(CompletableFuture::join).toList();
    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // the escalation timer is due by now
    RestartablePostgres.start();
    Instant restarted = Instant.now();
    Duration outage = Duration.between(stopped, restarted);

    for (Answer answer : outageAnswers) {
      assertThat(answer.status()).as("%s during the outage", answer).isEqualTo(503);
      assertThat(json.readTree(answer.body()).path("error").asText())
          .as("%s", answer)
          .isEqualTo(DatabaseUnavailable.MESSAGE);
      assertThat(answer.retryAfter())
          .as("Retry-After of %s", answer)
          .isEqualTo(String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      assertThat(answer.took())
          .as("time to answer %s", answer)
          .isLessThan(CONNECTION_TIMEOUT.plus(MARGIN));
    }

    // ---- after: nothing of the refused requests was stored; sent again, they succeed
    assertThat(
            jdbc.sql(
                    "select count(*) from complaint where external_reference like"
                        + " 'OUTAGE-DURING-%'")
                .query(Integer.class)
                .single())
        .as("complaints stored from refused requests")
        .isZero();
    assertThat(openTask(completedLater).path("taskDefinitionKey").asText())
        .as("the task whose completion was refused is still open")
        .isEqualTo("userTaskConfirmWithCustomer");
    List<String> acknowledged = new ArrayList<>(List.of(escalated, completedLater));
    for (int i = 1; i <= 3; i++) {
      String reference = "OUTAGE-DURING-" + i;
      Answer again = untilNot503(() -> registerComplaint(reference));
      assertThat(again.status()).as("%s after the restart", again).isEqualTo(201);
      acknowledged.add(json.readTree(again.body()).path("complaintNumber").asText());
    }
    Answer completed = untilNot503(() -> submitConfirmation(taskId));
    assertThat(completed.status()).as("%s after the restart", completed).isEqualTo(204);
    assertThat(openTask(completedLater).path("taskDefinitionKey").asText())
        .isEqualTo("userTaskInvestigateOnSite");

    for (String number : acknowledged) {
      assertThat(
              jdbc.sql(
                      """
                      select count(*) from complaint c join act_hi_procinst p on p.id_ = c.process_instance_id
                      where c.complaint_number = ? and p.business_key_ = c.complaint_number\
                      """)
                  .param(number)
                  .query(Integer.class)
                  .single())
          .as("complaint %s with its process instance", number)
          .isEqualTo(1);
    }

    // ---- the job executor resumed by itself: the timer that fell due in the outage ran after it
    await(
        Duration.ofSeconds(60),
        "escalation of " + escalated + " after the restart",
        () ->
            jdbc.sql(
                        "select count(*) from escalation where business_key = ? and"
                            + " escalation_level = 1")
                    .param(escalated)
                    .query(Integer.class)
                    .single()
                == 1);
    Instant escalatedAt =
        jdbc.sql("select escalated_at from escalation where business_key = ?")
            .param(escalated)
            .query(Timestamp.class)
            .single()
            .toInstant();
    assertThat(escalatedAt)
        .as("escalated after the restart")
        .isAfterOrEqualTo(restarted.minusSeconds(1));
    await(
        Duration.ofSeconds(30),
        "no job with an exception left",
        () ->
            jdbc.sql(
                        "select count(*) from act_ru_job where exception_msg_ is not null or"
                            + " retries_ = 0")
                    .query(Integer.class)
                    .single()
                == 0);
    assertThat(jdbc.sql("select count(*) from act_ru_incident").query(Integer.class).single())
        .as("incidents")
        .isZero();

    System.out.printf(
        "[DatabaseOutageIT] figures: outage %.1f s; %d requests during it, all 503 in %s ms;"
            + " retries needed after the restart %d; escalation due in the outage ran %.1f s after"
            + " the restart%n",
        outage.toMillis() / 1000.0,
        outageAnswers.size(),
        outageAnswers.stream().map(a -> a.took().toMillis()).toList(),
        retriesAfterRestart,
        Duration.between(restarted, escalatedAt).toMillis() / 1000.0);
  }

  // ---- requests

  private Answer registerComplaint(String externalReference) {
    Map<String, Object> body =
        new HashMap<>(ComplaintScenario.intake("C003", externalReference, "BREAKAGE"));
    body.put("externalReference", externalReference);
    return send(
        "POST complaint " + externalReference,
        post("/api/complaints", "clerk", "clerk", write(body)));
  }

  private Answer submitConfirmation(String taskId) {
    Map<String, Object> variables = new LinkedHashMap<>();
    ComplaintScenario.validSubmission("userTaskConfirmWithCustomer")
        .forEach(
            (name, value) ->
                variables.put(
                    name,
                    Map.of(
                        "value", value, "type", value instanceof Boolean ? "Boolean" : "String")));
    return send(
        "submit-form " + taskId,
        post(
            "/engine-rest/task/" + taskId + "/submit-form",
            "clerk",
            "clerk",
            write(Map.of("variables", variables))));
  }

  private JsonNode openTask(String number) throws IOException {
    Answer tasks =
        send(
            "GET tasks",
            get("/engine-rest/task?processInstanceBusinessKey=" + number, "admin", ADMIN_PASSWORD));
    assertThat(tasks.status()).as("%s", tasks).isEqualTo(200);
    JsonNode list = json.readTree(tasks.body());
    assertThat(list).as("open tasks of %s", number).hasSize(1);
    return list.get(0);
  }

  /**
   * Sends the request again while it is answered 503, as a client honouring Retry-After would
   * (shorter here).
   */
  private Answer untilNot503(java.util.function.Supplier<Answer> request) {
    for (int attempt = 0; attempt < 30; attempt++) {
      Answer answer = request.get();
      if (answer.status() != 503) {
        return answer;
      }
      retriesAfterRestart++;
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    return fail("still 503 30 attempts after the restart");
  }

  private HttpRequest post(String path, String user, String password, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Authorization", basic(user, password))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String path, String user, String password) {
    return HttpRequest.newBuilder(uri(path))
        .header("Authorization", basic(user, password))
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
  }

  private Answer send(String what, HttpRequest request) {
    long begin = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          what,
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      return fail("%s: no answer (%s)", what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Waited %d s for: %s", timeout.toSeconds(), what);
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }
}
