package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A refused form submission answers with the refusals in the browser's language and each refused
 * field named with its form component, on the engine REST API and on the webapps' REST API that
 * Tasklist uses; other errors keep Camunda's answer. Its own context: a context cached from early
 * in the run and reused after later ones would meet the engine that the later ones registered as
 * "default" in the webapps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:form-refusal-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class FormRefusalResponseTest {

  private static final AtomicInteger BATCH = new AtomicInteger();

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;
  @Autowired private ProcessEngine engine;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRefusedStartFormNamesTheFieldInChinese() throws Exception {
    Map<String, Object> intake = ComplaintScenario.intake("C999", "REF-1", "BREAKAGE");
    HttpResponse<String> answer =
        submit(
            "/engine-rest/process-definition/key/complaint-handling/submit-form",
            "clerk",
            "zh-CN,zh;q=0.9",
            variables(intake));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("type").asText()).as("Camunda's type stays").isNotBlank();
    assertThat(body.get("message").asText())
        .startsWith("请更正：\n")
        .contains("客户代码 C999 不在客户档案中")
        .doesNotContain("customerCode")
        .doesNotContain("Cannot instantiate", "complaint-handling:");
    JsonNode field = body.get("fieldErrors").get(0);
    assertThat(field.get("field").asText()).isEqualTo("customerCode");
    assertThat(field.get("componentId").asText()).isNotBlank();
    assertThat(field.get("label").asText()).contains("Customer");
    assertThat(field.get("message").asText()).isEqualTo("客户代码 C999 不在客户档案中");
  }

  @Test
  void anEmptyDateIsRefusedByTheRuleThatNeedsItNotAsANullValue() throws Exception {
    ComplaintScenario complaint =
        ComplaintScenario.start(
                engine,
                ComplaintScenario.intake("C002", "REF-" + BATCH.incrementAndGet(), "BREAKAGE"))
            .runJobs()
            .complete("userTaskConfirmWithCustomer")
            .runJobs();
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(complaint.instance().getId())
            .taskDefinitionKey("userTaskInvestigateOnSite")
            .singleResult();
    Map<String, Object> submission = new LinkedHashMap<>();
    submission.put("investigationFindings", Map.of("value", "Cracked corners on pallet 7."));
    submission.put("sampleTaken", Map.of("value", true));
    submission.put("sampleReceivedDate", nullValue());
    submission.put("productReturnedForAnalysis", Map.of("value", false));

    WebappLogin tasklist = WebappLogin.of(http, URI.create("http://localhost:" + port), "sales");
    for (String path :
        new String[] {
          "/engine-rest/task/" + task.getId() + "/submit-form",
          "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form"
        }) {
      HttpRequest.Builder request =
          path.startsWith("/camunda")
              ? tasklist.request(path)
              : HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", basic("sales"));
      HttpResponse<String> english =
          http.send(
              request
                  .header("Accept-Language", "en-US,en;q=0.9")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          json.writeValueAsString(Map.of("variables", submission))))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(english.statusCode()).as(path + ": " + english.body()).isEqualTo(400);
      JsonNode body = json.readTree(english.body());
      assertThat(body.get("message").asText())
          .isEqualTo(
              "Please correct:\n" + "Sample received on is required when a sample was taken");
      assertThat(body.at("/fieldErrors/0/field").asText()).isEqualTo("sampleReceivedDate");
      assertThat(body.at("/fieldErrors/0/componentId").asText())
          .isEqualTo("fieldSampleReceivedDate");
    }
    HttpResponse<String> chinese =
        submit(
            "/engine-rest/task/" + task.getId() + "/submit-form",
            "sales",
            "zh-CN",
            Map.of("variables", submission));
    assertThat(json.readTree(chinese.body()).at("/fieldErrors/0/message").asText())
        .isEqualTo("样品接收日期：已取样时必填");
    assertThat(engine.getTaskService().getVariable(task.getId(), "investigationFindings"))
        .as("nothing of the refused submission is stored")
        .isNull();
  }

  @Test
  void aFieldOfTheFormIsNamedByItsLabelInTheBrowsersLanguageOnly() throws Exception {
    ComplaintScenario complaint =
        ComplaintScenario.start(
                engine,
                ComplaintScenario.intake("C002", "REF-" + BATCH.incrementAndGet(), "BREAKAGE"))
            .runJobs()
            .complete("userTaskConfirmWithCustomer")
            .runJobs();
    String task = openTask(complaint, "userTaskInvestigateOnSite");
    Map<String, Object> submission = new LinkedHashMap<>();
    submission.put("investigationFindings", nullValue());
    submission.put("sampleTaken", Map.of("value", false));
    submission.put("productReturnedForAnalysis", Map.of("value", false));
    String path = "/engine-rest/task/" + task + "/submit-form";

    JsonNode chinese =
        json.readTree(submit(path, "sales", "zh-CN", Map.of("variables", submission)).body());
    assertThat(chinese.at("/fieldErrors/0/field").asText()).isEqualTo("investigationFindings");
    assertThat(chinese.at("/fieldErrors/0/message").asText()).isEqualTo("现场调查结果为必填项");
    assertThat(chinese.get("message").asText()).isEqualTo("请更正：\n现场调查结果为必填项");
    JsonNode english =
        json.readTree(submit(path, "sales", "en-US", Map.of("variables", submission)).body());
    assertThat(english.at("/fieldErrors/0/message").asText())
        .isEqualTo("On-site findings is required");
  }

  @Test
  void aMissingEvidenceFileIsRefusedAsTheStepsEvidenceInTheBrowsersLanguage() throws Exception {
    ComplaintScenario complaint =
        ComplaintScenario.start(
                engine,
                ComplaintScenario.intake("C003", "REF-" + BATCH.incrementAndGet(), "BREAKAGE"))
            .runJobs();
    for (String step :
        new String[] {
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock",
          "userTaskCorrectNonconformity"
        }) {
      complaint.complete(step).runJobs();
    }
    String task = openTask(complaint, "userTaskCollectImprovementEvidence");
    Map<String, Object> submission =
        Map.of(
            "improvementEvidence", Map.of("value", "Photos of 20 pallets packed with protectors"));
    String path = "/engine-rest/task/" + task + "/submit-form";

    JsonNode chinese =
        json.readTree(submit(path, "sales", "zh-CN", Map.of("variables", submission)).body());
    JsonNode refusal = chinese.at("/fieldErrors/0");
    assertThat(refusal.get("field").asText()).isEqualTo("evidenceFiles");
    assertThat(refusal.get("componentId").isNull()).as("no field of the form").isTrue();
    assertThat(refusal.get("message").asText())
        .startsWith("证据文件：完成任务前，请通过本表单的上传链接为“向客户报告的改善证据")
        .doesNotContain("evidenceFiles", "the improvement evidence");
    JsonNode english =
        json.readTree(submit(path, "sales", "en", Map.of("variables", submission)).body());
    assertThat(english.at("/fieldErrors/0/message").asText())
        .startsWith("Evidence files: attach at least one file")
        .contains("for the improvement evidence reported to the customer")
        .doesNotContain("evidenceFiles");
  }

  private String openTask(ComplaintScenario complaint, String key) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(complaint.instance().getId())
        .taskDefinitionKey(key)
        .singleResult()
        .getId();
  }

  @Test
  void otherErrorsKeepCamundasAnswer() throws Exception {
    HttpResponse<String> answer =
        submit(
            "/engine-rest/task/no-such-task/submit-form",
            "sales",
            "zh-CN",
            Map.of("variables", Map.of()));
    assertThat(answer.statusCode()).isNotEqualTo(200).isNotEqualTo(204);
    assertThat(json.readTree(answer.body()).has("fieldErrors")).isFalse();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> nullValue() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("value", null);
    value.put("type", "Null");
    return value;
  }

  private static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((k, v) -> typed.put(k, Map.of("value", v)));
    return Map.of("variables", typed);
  }

  private HttpResponse<String> submit(String path, String user, String language, Object body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user))
            .header("Accept-Language", language)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
