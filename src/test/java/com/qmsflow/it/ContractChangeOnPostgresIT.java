package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.change.ChangeSubmissions;
import com.qmsflow.forms.SubmitFormVariables;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One contract change from the portal's {@code POST /api/changes} to closure on a real PostgreSQL
 * (embedded, as for the complaint lifecycle), with the production profile plus demo data, the real
 * job executor and the application on a random port. Every task is found, read and submitted
 * through the engine REST API as Tasklist does it; the change's state is read back through {@code
 * GET /api/changes/{number}}.
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
class ContractChangeOnPostgresIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Autowired private TestRestTemplate rest;
  @Autowired private JdbcClient jdbc;

  @Value("${qms.calendar.zone}")
  private String zone;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @Test
  void aChangeRunsFromThePortalToClosureThroughTheRestApisOnPostgres() {
    assertThat(jdbc.sql("select version()").query(String.class).single()).contains("PostgreSQL");
    assertThat(
            jdbc.sql(
                    "select version from flyway_schema_history where success and version is not"
                        + " null")
                .query(String.class)
                .list())
        .contains("6");

    // intake, as the customer portal does it
    Map<String, Object> request = new LinkedHashMap<>(ChangeSubmissions.request());
    request.put("requestedEffectiveDate", inDays(30));
    request.put("externalReference", "PORTAL-PG-1");
    request.put("costImpact", 12500.50);
    ResponseEntity<JsonNode> created =
        rest.withBasicAuth("sales", "sales").postForEntity("/api/changes", request, JsonNode.class);
    assertThat(created.getStatusCode())
        .as("POST /api/changes: %s", created.getBody())
        .isEqualTo(HttpStatus.CREATED);
    String number = created.getBody().path("changeNumber").asText();
    String processInstanceId = created.getBody().path("processInstanceId").asText();
    assertThat(number).matches("CR-\\d{4}-\\d{4}");

    // the same portal request again starts nothing new
    ResponseEntity<JsonNode> again =
        rest.withBasicAuth("sales", "sales").postForEntity("/api/changes", request, JsonNode.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().path("changeNumber").asText()).isEqualTo(number);

    // a request breaking the form's rules is refused with the field named
    Map<String, Object> broken = new LinkedHashMap<>(request);
    broken.remove("externalReference");
    broken.put("touchesMaterial", false);
    ResponseEntity<JsonNode> refused =
        rest.withBasicAuth("sales", "sales").postForEntity("/api/changes", broken, JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("errors").get(0).path("field").asText())
        .isEqualTo("touchesMan");

    complete(number, "userTaskConfirmWithCustomer");
    changeRecordsAreConfidentialOnTheEngineRestApi(processInstanceId, number);
    complete(number, "userTaskEngineeringReview");
    complete(number, "userTaskMaterialReview");
    // 12 500.50 CNY for a C customer: quality management approves
    JsonNode approval = awaitOpenTasks(number, "userTaskApproveChange").get(0);
    assertThat(engineGet("/task/{id}/identity-links", approval.path("id").asText()).toString())
        .contains("quality-management");
    complete(number, "userTaskApproveChange");
    Map<String, Object> notice = submission("userTaskIssueChangeNotice");
    complete(number, "userTaskIssueChangeNotice", notice);
    complete(number, "userTaskImplementChange");
    complete(number, "userTaskCheckFirstLot");

    JsonNode finished =
        await(
            "change " + number + " COMPLETED in history",
            () -> {
              JsonNode list =
                  engineGet("/history/process-instance?processInstanceBusinessKey={key}", number);
              return list.size() == 1 && "COMPLETED".equals(list.get(0).path("state").asText())
                  ? Optional.of(list.get(0))
                  : Optional.empty();
            });
    assertThat(finished.path("id").asText()).isEqualTo(processInstanceId);

    ResponseEntity<JsonNode> view =
        rest.withBasicAuth("sales", "sales")
            .getForEntity("/api/changes/{number}", JsonNode.class, number);
    assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode change = view.getBody();
    assertThat(change.path("state").asText()).isEqualTo("CLOSED");
    assertThat(change.path("tier").asText()).isEqualTo("C");
    assertThat(change.path("approverGroup").asText()).isEqualTo("quality-management");
    assertThat(change.path("costImpact").decimalValue()).isEqualByComparingTo("12500.50");
    assertThat(change.path("reviews")).hasSize(2);
    assertThat(change.path("implementations")).hasSize(1);
    assertThat(change.path("openTasks")).isEmpty();
    assertThat(change.path("effectiveLot").asText()).isEqualTo("L2604-001-N");

    // confidential: the history of the ended instance keeps grants for the groups involved only
    // (the
    // grants on the runtime instance went with it)
    assertThat(
            jdbc.sql(
                    """
                    select group_id_ from act_ru_authorization where resource_type_ = ? and resource_id_ = ? order by group_id_\
                    """)
                .params(
                    org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE
                        .resourceType(),
                    processInstanceId)
                .query(String.class)
                .list())
        .containsExactly("engineering", "material-control", "quality", "sales");
    assertThat(
            jdbc.sql(
                    "select count(*) from notification where business_key = ? and kind ="
                        + " 'CHANGE_CLOSED'")
                .param(number)
                .query(Integer.class)
                .single())
        .isOne();
  }

  /**
   * The change is reviewed by engineering and material control now: general affairs reads neither
   * its variables nor its instance nor its history; a reviewer and management do.
   */
  private void changeRecordsAreConfidentialOnTheEngineRestApi(
      String processInstanceId, String number) {
    TestRestTemplate affairs = rest.withBasicAuth("affairs", "affairs");
    assertThat(
            affairs
                .getForEntity(
                    "/engine-rest/process-instance/{id}/variables",
                    JsonNode.class,
                    processInstanceId)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            affairs
                .getForEntity(
                    "/engine-rest/process-instance?processInstanceIds={id}",
                    JsonNode.class,
                    processInstanceId)
                .getBody())
        .isEmpty();
    assertThat(
            affairs
                .getForEntity(
                    "/engine-rest/history/process-instance?processInstanceId={id}",
                    JsonNode.class,
                    processInstanceId)
                .getBody())
        .isEmpty();
    assertThat(
            affairs
                .getForEntity(
                    "/engine-rest/history/variable-instance?processInstanceId={id}",
                    JsonNode.class,
                    processInstanceId)
                .getBody())
        .isEmpty();
    assertThat(
            affairs
                .getForEntity(
                    "/engine-rest/task?processInstanceBusinessKey={key}", JsonNode.class, number)
                .getBody())
        .isEmpty();
    assertThat(
            affairs.getForEntity("/api/changes/{number}", JsonNode.class, number).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<JsonNode> reviewer =
        rest.withBasicAuth("material", "material")
            .getForEntity(
                "/engine-rest/process-instance/{id}/variables", JsonNode.class, processInstanceId);
    assertThat(reviewer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reviewer.getBody().path("changeNumber").path("value").asText()).isEqualTo(number);
    assertThat(
            rest.withBasicAuth("material", "material")
                .getForEntity(
                    "/engine-rest/history/variable-instance?processInstanceId={id}&variableName=changeNumber",
                    JsonNode.class,
                    processInstanceId)
                .getBody())
        .hasSize(1);
    assertThat(
            rest.withBasicAuth("gm", "gm")
                .getForEntity(
                    "/engine-rest/process-instance/{id}/variables",
                    JsonNode.class,
                    processInstanceId)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private String inDays(int days) {
    return LocalDate.now(ZoneId.of(zone)).plusDays(days).toString();
  }

  private Map<String, Object> submission(String taskKey) {
    Map<String, Object> values = new LinkedHashMap<>(ChangeSubmissions.valid(taskKey));
    if (values.containsKey("effectiveDate")) {
      values.put("effectiveDate", inDays(30));
    }
    return values;
  }

  private void complete(String number, String taskKey) {
    complete(number, taskKey, submission(taskKey));
  }

  /** Finds the open task, reads its form variables and submits its form, as Tasklist does. */
  private void complete(String number, String taskKey, Map<String, Object> values) {
    JsonNode task = awaitOpenTasks(number, taskKey).get(0);
    String taskId = task.path("id").asText();
    JsonNode formVariables = engineGet("/task/{id}/form-variables", taskId);
    assertThat(formVariables.path("changeNumber").path("value").asText())
        .as("form variables of %s", taskKey)
        .isEqualTo(number);
    ResponseEntity<JsonNode> answer =
        rest.withBasicAuth("admin", ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD)
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                Map.of("variables", SubmitFormVariables.of(values)),
                JsonNode.class,
                taskId);
    assertThat(answer.getStatusCode().is2xxSuccessful())
        .as("submit-form of %s answered %s %s", taskKey, answer.getStatusCode(), answer.getBody())
        .isTrue();
  }

  private List<JsonNode> awaitOpenTasks(String number, String taskKey) {
    return await(
        "open task " + taskKey + " of " + number,
        () -> {
          List<JsonNode> open = new ArrayList<>();
          engineGet(
                  "/task?processInstanceBusinessKey={key}&taskDefinitionKey={taskKey}",
                  number,
                  taskKey)
              .forEach(open::add);
          return open.isEmpty() ? Optional.empty() : Optional.of(open);
        });
  }

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
            TIMEOUT.toSeconds(), what, engineGet("/task"), engineGet("/incident"));
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private JsonNode engineGet(String pathAndQuery, Object... uriVariables) {
    ResponseEntity<JsonNode> answer =
        rest.withBasicAuth("admin", ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD)
            .getForEntity("/engine-rest" + pathAndQuery, JsonNode.class, uriVariables);
    assertThat(answer.getStatusCode())
        .as("GET /engine-rest%s: %s", pathAndQuery, answer.getBody())
        .isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }
}
