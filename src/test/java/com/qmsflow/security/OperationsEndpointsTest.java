package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.operations.OperationsMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Health and Prometheus metrics as an operator's monitoring reads them, with known complaints, an
 * overdue task, an escalation and an incident on a fresh database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// tests export no metrics unless asked: this one reads the real Prometheus endpoint
@AutoConfigureObservability(tracing = false)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:operations-test;DB_CLOSE_DELAY=-1",
      // on, as in production, so that health reports it; nothing falls due during the test
      "camunda.bpm.job-execution.enabled=true",
      "qms.metrics.refresh=PT1H"
    })
class OperationsEndpointsTest {

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;
  @Autowired private RuntimeService runtimeService;
  @Autowired private TaskService taskService;
  @Autowired private ManagementService managementService;
  @Autowired private OperationsMetrics metrics;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthAndMetricsShowComplaintsOverdueWorkEscalationsAndIncidents() throws Exception {
    List<String> tierA = List.of(register("C001", "OPS-1"), register("C002", "OPS-2"));
    String tierC = register("C014", "OPS-3");

    Task overdue =
        taskService.createTaskQuery().processInstanceBusinessKey(tierA.get(0)).singleResult();
    overdue.setDueDate(Date.from(java.time.Instant.now().minusSeconds(3600)));
    taskService.saveTask(overdue);

    String firstInstance = overdue.getProcessInstanceId();
    Job escalationTimer =
        managementService
            .createJobQuery()
            .processInstanceId(firstInstance)
            .timers()
            .orderByJobDuedate()
            .asc()
            .list()
            .get(0);
    managementService.executeJob(escalationTimer.getId());

    String waitingExecution =
        taskService
            .createTaskQuery()
            .processInstanceBusinessKey(tierC)
            .singleResult()
            .getExecutionId();
    runtimeService.createIncident("failedJob", waitingExecution, "simulated", "printer on fire");

    metrics.refresh();
    HttpResponse<String> unauthenticated = get("/actuator/prometheus", null);
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    String scrape = get("/actuator/prometheus", "admin").body();

    assertThat(sum(scrape, "qms_complaints_open", "tier=\"A\"")).isEqualTo(2);
    assertThat(sum(scrape, "qms_complaints_open", "tier=\"C\"")).isEqualTo(1);
    assertThat(sum(scrape, "qms_tasks_overdue", "group=\"customer-service\"")).isEqualTo(1);
    assertThat(sum(scrape, "qms_escalations_today", "level=\"1\"")).isEqualTo(1);
    assertThat(sum(scrape, "qms_incidents_open", "process=\"complaint-handling\"")).isEqualTo(1);

    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode components = json.readTree(health.body()).get("components");
    assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
    assertThat(components.has("processEngine")).isTrue();
    assertThat(components.has("jobExecutor")).isTrue();
    assertThat(components.get("incidents").get("details").get("openIncidents").asInt())
        .isEqualTo(1);
  }

  private String register(String customer, String batch) throws Exception {
    String body = json.writeValueAsString(ComplaintScenario.intake(customer, batch, "BREAKAGE"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/complaints"))
                .header("Authorization", WebSecurityTest.basic("clerk"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("complaintNumber").asText();
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header("Authorization", WebSecurityTest.basic(user));
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sum of a gauge's samples whose labels contain the given label. */
  private static double sum(String scrape, String metric, String label) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} ([0-9.Ee+-]+)$").matcher(scrape);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains(label)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
