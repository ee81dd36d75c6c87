package com.qmsflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.change.ChangeSubmissions;
import com.qmsflow.change.ChangeVariables;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/changes} and {@code GET /api/changes/{number}} on the demo profile, without the
 * job executor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:change-api-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ChangeApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(
        java.util.Date.from(
            java.time.ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant()));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  /** HTTP Basic of a demo user (password = user id); ignored until authentication is on. */
  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions postChange(Object body) throws Exception {
    return mvc.perform(
        post("/api/changes")
            .header("Authorization", basic("sales"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body instanceof String s ? s : json.writeValueAsString(body)));
  }

  private ResultActions getChange(String number) throws Exception {
    return mvc.perform(get("/api/changes/" + number).header("Authorization", basic("sales")));
  }

  private static Map<String, Object> request(Object... overrides) {
    Map<String, Object> body = new HashMap<>(ChangeSubmissions.request());
    for (int i = 0; i < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        body.remove((String) overrides[i]);
      } else {
        body.put((String) overrides[i], overrides[i + 1]);
      }
    }
    return body;
  }

  private String created(Map<String, Object> body) throws Exception {
    String answer =
        postChange(body)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(answer).get("changeNumber").asText();
  }

  @Test
  void aValidRequestStartsAChangeWhoseStateCanBeRead() throws Exception {
    postChange(request("externalReference", "PORTAL-1"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.changeNumber", matchesPattern("CR-2026-\\d{4}")))
        .andExpect(header().string("Location", matchesPattern("/api/changes/CR-2026-\\d{4}")));
    String number =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(ChangeVariables.PROCESS_KEY)
            .variableValueEquals("externalReference", "PORTAL-1")
            .singleResult()
            .getBusinessKey();

    getChange(number)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changeNumber").value(number))
        .andExpect(jsonPath("$.state").value("CUSTOMER_CONFIRMATION"))
        .andExpect(jsonPath("$.tier").value("C"))
        .andExpect(jsonPath("$.changeType").value("customer-cost-optimisation"))
        .andExpect(jsonPath("$.aspects", contains("material")))
        .andExpect(jsonPath("$.costImpact").value(8000))
        .andExpect(jsonPath("$.externalReference").value("PORTAL-1"))
        .andExpect(jsonPath("$.reviews", hasSize(0)))
        .andExpect(jsonPath("$.openTasks", hasSize(1)))
        .andExpect(
            jsonPath("$.openTasks[0].taskDefinitionKey").value("userTaskConfirmWithCustomer"))
        .andExpect(jsonPath("$.openTasks[0].candidateGroups", contains("sales")))
        .andExpect(jsonPath("$.openTasks[0].due").value("2026-03-04T01:00:00Z"));
  }

  @Test
  void theSameExternalReferenceStartsNothingNew() throws Exception {
    String number = created(request("externalReference", "PORTAL-2"));
    long instances =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(ChangeVariables.PROCESS_KEY)
            .count();
    postChange(request("externalReference", "PORTAL-2", "changeDescription", "sent twice"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changeNumber").value(number));
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(ChangeVariables.PROCESS_KEY)
                .count())
        .isEqualTo(instances);
  }

  @Test
  void reviewsAndTheirStateAreShown() throws Exception {
    String number = created(request());
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult()
            .getId();
    complete(pi, "userTaskConfirmWithCustomer");
    complete(
        pi,
        "userTaskEngineeringReview",
        "engineeringVerdict",
        "NG",
        "engineeringComments",
        "Needs UL re-test");
    getChange(number)
        .andExpect(jsonPath("$.state").value("IN_REVIEW"))
        .andExpect(jsonPath("$.reviews", hasSize(1)))
        .andExpect(jsonPath("$.reviews[0].reviewerGroup").value("engineering"))
        .andExpect(jsonPath("$.reviews[0].verdict").value("NG"))
        .andExpect(jsonPath("$.reviews[0].comments").value("Needs UL re-test"))
        .andExpect(
            jsonPath("$.openTasks[*].taskDefinitionKey", contains("userTaskMaterialReview")));
    complete(pi, "userTaskMaterialReview");
    getChange(number)
        .andExpect(jsonPath("$.state").value("RETURNED"))
        .andExpect(
            jsonPath("$.openTasks[*].taskDefinitionKey", contains("userTaskReviseOrWithdraw")));
  }

  @Test
  void aChangeRaisedByAnEightDShowsTheEightDNumber() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("correctiveActionNumber", "8D-2026-0077");
    variables.put("changeType", "engineering-process");
    variables.put("changeDescription", "Recipe lock");
    variables.put("touchesMethod", true);
    String pi =
        runtime
            .createMessageCorrelation(ChangeVariables.MESSAGE_FROM_CORRECTIVE_ACTION)
            .setVariables(variables)
            .correlateStartMessage()
            .getId();
    String number = (String) runtime.getVariable(pi, "changeNumber");
    getChange(number)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.correctiveActionNumber").value("8D-2026-0077"));
  }

  @Test
  void aChangeIsShownOnlyToTheGroupsInvolvedAndToManagement() throws Exception {
    String number = created(request());
    // general affairs is not involved in this change: it is answered like an unknown number
    mvc.perform(get("/api/changes/" + number).header("Authorization", basic("affairs")))
        .andExpect(status().isNotFound());
    // engineering does not review it yet (the customer has not confirmed it)
    mvc.perform(get("/api/changes/" + number).header("Authorization", basic("engineer")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/changes/" + number).header("Authorization", basic("salesmanager")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changeNumber").value(number));
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult()
            .getId();
    complete(pi, "userTaskConfirmWithCustomer");
    // now engineering reviews it and may read it
    mvc.perform(get("/api/changes/" + number).header("Authorization", basic("engineer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("IN_REVIEW"));
  }

  @Test
  void theRequesterIsTheCallerAndOnlyRequestingGroupsMayRaiseChanges() throws Exception {
    String answer =
        mvc.perform(
                post("/api/changes")
                    .header("Authorization", basic("engineer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(request())))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String pi = json.readTree(answer).get("processInstanceId").asText();
    assertThat(runtime.getVariable(pi, "requester")).isEqualTo("engineer");
    assertThat(runtime.getVariable(pi, "requesterGroup")).isEqualTo("engineering");
    // customer service does not raise contract changes (PermissionModel.CHANGE_REQUESTERS)
    long before =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(ChangeVariables.PROCESS_KEY)
            .count();
    mvc.perform(
            post("/api/changes")
                .header("Authorization", basic("clerk"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(request())))
        .andExpect(status().isForbidden());
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(ChangeVariables.PROCESS_KEY)
                .count())
        .isEqualTo(before);
  }

  @Test
  void withoutCredentialsNothingIsAnswered() throws Exception {
    mvc.perform(
            post("/api/changes")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(request())))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anUnknownNumberIs404() throws Exception {
    getChange("CR-2026-9999")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("No change with number CR-2026-9999"));
  }

  @Test
  void missingFieldsAreNamed() throws Exception {
    postChange(Map.of("touchesMaterial", true))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("contractReference")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("changeType")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("customerCode")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("changeDescription")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("requestedEffectiveDate")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("costImpact")));
  }

  @Test
  void wrongTypesAndUnknownFieldsAreNamed() throws Exception {
    postChange(
            request(
                "costImpact",
                "a lot",
                "touchesMan",
                "yes",
                "requestedEffectiveDate",
                "01.04.2026",
                "colour",
                "red"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.errors[*].field",
                containsInAnyOrder(
                    "colour", "requestedEffectiveDate", "touchesMan", "costImpact")));
  }

  @Test
  void formRulesApply() throws Exception {
    postChange(request("changeType", "whim"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", contains("changeType")));
    postChange(request("customerCode", "C999"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message", matchesPattern(".*C999.*customer archive.*")));
    postChange(request("requestedEffectiveDate", "2026-03-01"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", contains("requestedEffectiveDate")));
    postChange(request("touchesMaterial", false))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message", matchesPattern(".*5M1E.*")));
    postChange(request("costImpact", -1))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", contains("costImpact")));
    postChange(request("costImpact", 100.001))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", contains("costImpact")));
    postChange(request("contractReference", "a b"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", contains("contractReference")));
  }

  @Test
  void expressionsAndMarkupAreRefused() throws Exception {
    postChange(
            request(
                "changeDescription",
                "cost ${execution.getVariable('x')}",
                "externalReference",
                "<script>x</script>"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.errors[*].field", containsInAnyOrder("changeDescription", "externalReference")));
  }

  @Test
  void aBodyThatIsNoObjectIs400() throws Exception {
    postChange("[1, 2]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    postChange("{not json")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
  }

  @Test
  void nothingIsStartedByARefusedRequest() throws Exception {
    long before =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(ChangeVariables.PROCESS_KEY)
            .count();
    postChange(request("customerCode", null)).andExpect(status().isBadRequest());
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(ChangeVariables.PROCESS_KEY)
                .count())
        .isEqualTo(before);
  }

  private void complete(String pi, String key, Object... overrides) {
    Map<String, Object> values = ChangeSubmissions.valid(key);
    for (int i = 0; i < overrides.length; i += 2) {
      values.put((String) overrides[i], overrides[i + 1]);
    }
    forms.submitTaskForm(
        tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId(),
        values);
    // the job executor is off here: run the async continuations (e.g. before the review join)
    managementService
        .createJobQuery()
        .processInstanceId(pi)
        .messages()
        .list()
        .forEach(job -> managementService.executeJob(job.getId()));
  }
}
