package com.qmsflow.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qmsflow.complaint.ComplaintScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Malformed and hostile requests against complaint intake and task completion: wrong types,
 * oversized strings, expression and script payloads in every text field, unknown variables, huge
 * numbers. Every one must be answered 4xx with a message, and nothing may be created or changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:hostile-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class HostileInputTest {

  private static final String PWNED = "/tmp/qms-hostile-input-evaluated";
  private static final List<String> TEXT_ATTACKS =
      List.of(
          "${7*7}",
          "#{7*7}",
          "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch " + PWNED + "')}",
          "#{T(java.lang.Runtime).getRuntime().exec('touch " + PWNED + "')}",
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "x".repeat(100_000),
          "bad\u0000byte",
          "${execution.setVariable('severity','minor')}");

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;
  @Autowired private HistoryService historyService;
  @Autowired private RuntimeService runtimeService;
  @Autowired private TaskService taskService;
  @Autowired private JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> refusals = new ArrayList<>();

  @Test
  void everyMalformedOrHostileRequestIsRefusedAndChangesNothing() throws Exception {
    new java.io.File(PWNED).delete();
    ObjectNode valid = json.valueToTree(ComplaintScenario.intake("C002", "HOSTILE-1", "BREAKAGE"));
    HttpResponse<String> created = post("/api/complaints", valid.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String number = json.readTree(created.body()).get("complaintNumber").asText();
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    Map<String, Object> variablesBefore = runtimeService.getVariables(task.getProcessInstanceId());
    long instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
    int rowsBefore = jdbc.sql("select count(*) from complaint").query(Integer.class).single();

    intakeAttacks(valid);
    taskAttacks(task, ComplaintScenario.validSubmission(task.getTaskDefinitionKey()));

    System.out.printf(
        "HostileInputTest: %d malformed or hostile requests, all refused with 4xx%n",
        refusals.size());
    assertThat(refusals).hasSizeGreaterThanOrEqualTo(200);
    assertThat(historyService.createHistoricProcessInstanceQuery().count())
        .isEqualTo(instancesBefore);
    assertThat(jdbc.sql("select count(*) from complaint").query(Integer.class).single())
        .isEqualTo(rowsBefore);
    Task after = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(after.getId()).isEqualTo(task.getId());
    assertThat(runtimeService.getVariables(task.getProcessInstanceId())).isEqualTo(variablesBefore);
    assertThat(new java.io.File(PWNED)).doesNotExist();

    // the same valid data still goes through: the refusals were about the data, not the endpoint
    Map<String, Object> submission = new LinkedHashMap<>();
    ComplaintScenario.validSubmission(task.getTaskDefinitionKey())
        .forEach((k, v) -> submission.put(k, Map.of("value", v)));
    HttpResponse<String> ok =
        post(
            "/engine-rest/task/" + task.getId() + "/submit-form",
            json.writeValueAsString(Map.of("variables", submission)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
  }

  private void intakeAttacks(ObjectNode valid) throws Exception {
    for (Map.Entry<String, ComplaintRequest.Kind> field : ComplaintRequest.FIELDS.entrySet()) {
      String key = field.getKey();
      List<JsonNode> attacks = new ArrayList<>();
      switch (field.getValue()) {
        case TEXT -> {
          TEXT_ATTACKS.forEach(a -> attacks.add(json.getNodeFactory().textNode(a)));
          attacks.add(json.readTree("42"));
          attacks.add(json.readTree("[\"x\"]"));
          attacks.add(json.readTree("{\"a\":1}"));
        }
        case INTEGER -> {
          for (String raw :
              List.of(
                  "\"12\"",
                  "\"abc\"",
                  "-5",
                  "1.5",
                  "1e400",
                  "99999999999999999999999",
                  "true",
                  "\"${1}\"")) {
            attacks.add(json.readTree(raw));
          }
        }
        case DATE -> {
          for (String raw :
              List.of(
                  "\"2026-13-45\"",
                  "\"${now()}\"",
                  "20260101",
                  "\"yesterday\"",
                  "\"<b>2026-01-01</b>\"")) {
            attacks.add(json.readTree(raw));
          }
        }
        case BOOLEAN -> {
          for (String raw : List.of("\"yes\"", "1", "\"${true}\"")) {
            attacks.add(json.readTree(raw));
          }
        }
      }
      for (JsonNode attack : attacks) {
        ObjectNode body = valid.deepCopy();
        body.set(key, attack);
        body.put(
            "batchNumber",
            key.equals("batchNumber") ? body.get("batchNumber").asText() : "HOSTILE-X");
        if (key.equals("batchNumber")) {
          body.set(key, attack);
        }
        expectRefused(
            post("/api/complaints", body.toString()),
            "intake " + key + "=" + abbreviate(attack.toString()));
      }
    }
    for (String unknown :
        List.of("evil", "processDefinitionKey", "businessKey", "variables", "severity")) {
      ObjectNode body = valid.deepCopy();
      body.put(unknown, "minor");
      expectRefused(post("/api/complaints", body.toString()), "intake unknown " + unknown);
    }
    for (String malformed :
        List.of(
            "{",
            "[]",
            "null",
            "\"text\"",
            "{\"customerCode\": }",
            "",
            "{\"a\":" + "[".repeat(2000))) {
      expectRefused(
          post("/api/complaints", malformed), "intake malformed " + abbreviate(malformed));
    }
  }

  private void taskAttacks(Task task, Map<String, Object> valid) throws Exception {
    List<Map<String, Object>> typedAttacks = new ArrayList<>();
    TEXT_ATTACKS.forEach(a -> typedAttacks.add(Map.of("value", a, "type", "String")));
    typedAttacks.add(Map.of("value", "abc", "type", "Integer"));
    typedAttacks.add(Map.of("value", "1e400", "type", "Double"));
    typedAttacks.add(Map.of("value", "99999999999999999999999", "type", "Long"));
    typedAttacks.add(Map.of("value", "{\"a\":\"${7*7}\"}", "type", "Json"));
    typedAttacks.add(
        Map.of(
            "value",
            "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName",
                "java.util.HashMap",
                "serializationDataFormat",
                "application/x-java-serialized-object")));
    typedAttacks.add(
        Map.of(
            "value",
            "{}",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName",
                "java.lang.ProcessBuilder",
                "serializationDataFormat",
                "application/json")));
    for (String endpoint : List.of("submit-form", "complete")) {
      for (String key : valid.keySet()) {
        for (Map<String, Object> attack : typedAttacks) {
          Map<String, Object> variables = new LinkedHashMap<>();
          valid.forEach((k, v) -> variables.put(k, Map.of("value", v)));
          variables.put(key, attack);
          expectRefused(
              post(
                  "/engine-rest/task/" + task.getId() + "/" + endpoint,
                  json.writeValueAsString(Map.of("variables", variables))),
              endpoint + " " + key + "=" + abbreviate(String.valueOf(attack.get("value"))));
        }
      }
      for (String unknown : List.of("evil", "complaintNumber", "severity", "taskPriority")) {
        Map<String, Object> variables = new LinkedHashMap<>();
        valid.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        variables.put(unknown, Map.of("value", "minor"));
        expectRefused(
            post(
                "/engine-rest/task/" + task.getId() + "/" + endpoint,
                json.writeValueAsString(Map.of("variables", variables))),
            endpoint + " unknown " + unknown);
      }
    }
  }

  private void expectRefused(HttpResponse<String> response, String what) {
    assertThat(response.statusCode())
        .as(what + " -> " + abbreviate(response.body()))
        .isBetween(400, 499);
    assertThat(response.body()).as(what + ": the answer says why").isNotBlank();
    assertThat(response.body())
        .as(what)
        .doesNotContain("\"49\"")
        .doesNotContain(":49,")
        .doesNotContain("Exception\",\"message\":\"null");
    refusals.add(what);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("clerk:clerk".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
