package com.qmsflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 18 point 5: production's "My group's tasks" shows the complaint's number, customer, tier
 * and severity although production may not read the complaint's process variables: they are
 * task-local variables of the task, read through the REST API as production. Shares its application
 * context with {@code deadline/EveryTaskHasDeadlineTest} (same configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:task-deadlines-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class TaskListColumnsTest {

  @LocalServerPort private int port;
  @Autowired private ProcessEngine engine;
  @Autowired private TasklistFilters filters;
  @Autowired private JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * A minor complaint of a demo tier-B customer (each test its own, so no customer has enough
   * complaints to make the next one serious) waiting at production's "Correct nonconformity".
   */
  private ComplaintScenario atProductionsCorrection(String customer, String batch) {
    ComplaintScenario c =
        ComplaintScenario.start(engine, ComplaintScenario.intake(customer, batch, "BREAKAGE"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock");
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(c.instance().getId())
                .taskDefinitionKey("userTaskCorrectNonconformity")
                .taskCandidateGroup("production")
                .count())
        .isEqualTo(1);
    return c;
  }

  @Test
  void productionReadsNumberCustomerTierAndSeverityOfItsTaskThroughRest() throws Exception {
    ComplaintScenario c = atProductionsCorrection("C010", "B-LIST-1");
    String number = c.instance().getBusinessKey();
    String pi = c.instance().getId();

    JsonNode tasks =
        get(
            "production",
            "/engine-rest/task?processInstanceId="
                + pi
                + "&taskDefinitionKey=userTaskCorrectNonconformity");
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).get("id").asText();

    JsonNode local = get("production", "/engine-rest/task/" + taskId + "/localVariables");
    assertThat(local.path("listNumber").path("value").asText()).isEqualTo(number).startsWith("CC-");
    assertThat(local.path("listCustomer").path("value").asText()).isNotBlank().isNotEqualTo("C010");
    assertThat(local.path("listTier").path("value").asText()).isEqualTo("B");
    assertThat(local.path("listSeverity").path("value").asText()).isEqualTo("Minor (一般)");

    // the process's own variables stay closed to production: that is why the copies exist
    JsonNode processVariables =
        get("production", "/engine-rest/variable-instance?processInstanceIdIn=" + pi);
    assertThat(processVariables.findValuesAsText("name"))
        .doesNotContain("complaintNumber", "customerName", "tier", "severity");
  }

  @Test
  void productionsGroupFilterListsTheColumnsOfItsTasks() throws Exception {
    ComplaintScenario c = atProductionsCorrection("C011", "B-LIST-2");
    String filterId =
        get(
                "production",
                "/engine-rest/filter?name="
                    + URLEncoder.encode(TasklistFilters.FILTER_MY_GROUPS, StandardCharsets.UTF_8))
            .get(0)
            .get("id")
            .asText();

    JsonNode filter = get("production", "/engine-rest/filter/" + filterId);
    assertThat(filter.path("properties").path("variables").findValuesAsText("name"))
        .containsExactly("listNumber", "listCustomer", "listTier", "listSeverity");

    JsonNode list =
        send(
            "production",
            HttpRequest.newBuilder(uri("/engine-rest/filter/" + filterId + "/list?maxResults=200"))
                .header("Accept", "application/hal+json")
                .GET());
    JsonNode task = null;
    for (JsonNode candidate : list.path("_embedded").path("task")) {
      if (candidate.path("processInstanceId").asText().equals(c.instance().getId())) {
        task = candidate;
      }
    }
    assertThat(task).as("production's task in its group filter").isNotNull();
    Map<String, String> shown = new LinkedHashMap<>();
    for (JsonNode variable : task.path("_embedded").path("variable")) {
      shown.put(variable.path("name").asText(), variable.path("value").asText());
    }
    assertThat(shown)
        .containsEntry("listNumber", c.instance().getBusinessKey())
        .containsEntry("listTier", "B")
        .containsEntry("listSeverity", "Minor (一般)")
        .containsKey("listCustomer");
  }

  @Test
  void theColumnsAreNotRecordedAsValuesTheStepSet() {
    ComplaintScenario c = atProductionsCorrection("C012", "B-LIST-3");
    Task correction =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey("userTaskCorrectNonconformity")
            .singleResult();
    c.complete("userTaskCorrectNonconformity");

    assertThat(
            jdbc.sql("select name from record_value where process_instance_id = ?")
                .param(c.instance().getId())
                .query(String.class)
                .list())
        .isNotEmpty()
        .noneMatch(name -> name.startsWith("list"));
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskId(correction.getId())
                .singleResult()
                .getEndTime())
        .isNotNull();
  }

  @Test
  void anInstallationFromBeforeTheColumnsGetsThemAtStartAndKeepsWhatUsersAdded() {
    Filter shipped =
        engine
            .getFilterService()
            .createTaskFilterQuery()
            .filterName(TasklistFilters.FILTER_OVERDUE)
            .singleResult();
    Map<String, Object> original = new LinkedHashMap<>(shipped.getProperties());
    try {
      List<Map<String, Object>> old = new ArrayList<>();
      old.add(Map.of("name", "complaintNumber", "label", "Complaint (投诉单号)"));
      old.add(Map.of("name", "changeNumber", "label", "Change (变更单号)"));
      old.add(Map.of("name", "customerName", "label", "Customer (客户)"));
      old.add(Map.of("name", "tier", "label", "Tier (客户等级)"));
      old.add(Map.of("name", "severity", "label", "Severity (严重程度)"));
      old.add(Map.of("name", "batchNumber", "label", "Batch"));
      Map<String, Object> before = new LinkedHashMap<>(original);
      before.put("variables", old);
      engine.getFilterService().saveFilter(shipped.setProperties(before));

      filters.setUp();
      Filter upgraded = engine.getFilterService().getFilter(shipped.getId());
      assertThat(names(upgraded))
          .containsExactly("listNumber", "listCustomer", "listTier", "listSeverity", "batchNumber");

      // a second start changes nothing
      assertThat(TasklistFilters.upgradeColumns(upgraded)).isFalse();
    } finally {
      engine
          .getFilterService()
          .saveFilter(engine.getFilterService().getFilter(shipped.getId()).setProperties(original));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> names(Filter filter) {
    List<Object> names = new ArrayList<>();
    for (Map<String, Object> v :
        (List<Map<String, Object>>) filter.getProperties().get("variables")) {
      names.add(v.get("name"));
    }
    return names;
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private JsonNode get(String user, String path) throws Exception {
    return send(user, HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
  }

  private JsonNode send(String user, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(
            request
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
