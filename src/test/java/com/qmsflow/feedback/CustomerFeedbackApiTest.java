package com.qmsflow.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.change.ChangeSubmissions;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code GET /api/customers/{code}/history}: the feedback history of the customer page. Each test
 * creates its own customer, so the tests do not depend on each other or on the demo complaints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:customer-feedback-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class CustomerFeedbackApiTest {

  private static final AtomicInteger CODES = new AtomicInteger(700);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions history(String user, String code) throws Exception {
    return mvc.perform(
        get("/api/customers/" + code + "/history")
            .header(HttpHeaders.AUTHORIZATION, basic(user))
            .header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
  }

  private JsonNode historyOf(String user, String code) throws Exception {
    return json.readTree(
        history(user, code)
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private String newCustomer() throws Exception {
    String code = "C" + CODES.incrementAndGet();
    mvc.perform(
            post("/api/customers")
                .header(HttpHeaders.AUTHORIZATION, basic("clerk"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("code", code, "name", "东方光伏 " + code))))
        .andExpect(status().isCreated());
    return code;
  }

  @Test
  void aComplaintIsListedWithItsProductBatchDefectAndStatusAndTurnsLateWhenAStepIsOverdue()
      throws Exception {
    String code = newCustomer();
    ComplaintScenario complaint =
        ComplaintScenario.start(engine, ComplaintScenario.intake(code, "B-HIST-1", "BREAKAGE"));
    String number = (String) complaint.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);

    JsonNode open = historyOf("quality", code);
    assertThat(open.get("customerCode").asText()).isEqualTo(code);
    JsonNode entry = open.get("complaints").get(0);
    assertThat(entry.get("complaintNumber").asText()).isEqualTo(number);
    assertThat(entry.get("productName").asText()).isEqualTo("Mono PERC module 550 W");
    assertThat(entry.get("productModel").asText()).isEqualTo("M550-144");
    assertThat(entry.get("batchNumber").asText()).isEqualTo("B-HIST-1");
    assertThat(entry.get("defectCode").asText()).isEqualTo("BREAKAGE");
    assertThat(entry.get("defectDescription").asText()).isNotBlank();
    assertThat(entry.get("status").asText()).isEqualTo("OPEN");
    assertThat(entry.get("receivedAt").asText()).isNotBlank();
    // the first step (confirm with the customer) is open and not yet due
    assertThat(entry.get("openSteps").toString()).contains("Confirm complaint");
    assertThat(entry.get("onTime").asBoolean()).isTrue();
    assertThat(entry.get("lateSteps").asInt()).isZero();

    // a month later the open step is past its due date: the complaint is late
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(31L * 24 * 3600)));
    JsonNode late = historyOf("quality", code).get("complaints").get(0);
    assertThat(late.get("onTime").asBoolean()).isFalse();
    assertThat(late.get("lateSteps").asInt()).isEqualTo(1);
  }

  @Test
  void satisfactionAnswersAreGroupedPerComplaint() throws Exception {
    String code = newCustomer();
    ComplaintScenario complaint =
        ComplaintScenario.start(engine, ComplaintScenario.intake(code, "B-HIST-2", "BREAKAGE"));
    String number = (String) complaint.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    Map<String, Integer> scores = new HashMap<>(Map.of("quality", 4, "delivery", 2));
    scores.forEach(
        (aspect, score) ->
            jdbc.sql(
                    "insert into satisfaction_survey (complaint_number, customer_code, tier,"
                        + " aspect, score, surveyed_at) values (?, ?, 'C', ?, ?, ?)")
                .params(number, code, aspect, score, Timestamp.from(Instant.now()))
                .update());

    JsonNode surveys = historyOf("sales", code).get("surveys");
    assertThat(surveys).hasSize(1);
    assertThat(surveys.get(0).get("complaintNumber").asText()).isEqualTo(number);
    assertThat(surveys.get(0).get("scores").get("quality").asInt()).isEqualTo(4);
    assertThat(surveys.get(0).get("scores").get("delivery").asInt()).isEqualTo(2);
  }

  @Test
  void aChangeIsListedOnlyToWhoMayReadItAndCountedForTheOthers() throws Exception {
    String code = newCustomer();
    // the day the change submissions are written for (their requested date lies ahead of it)
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T01:00:00Z")));
    Map<String, Object> change = new HashMap<>(ChangeSubmissions.request());
    change.put("customerCode", code);
    String answer =
        mvc.perform(
                post("/api/changes")
                    .header(HttpHeaders.AUTHORIZATION, basic("sales"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(change)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String number = json.readTree(answer).get("changeNumber").asText();

    for (String involved : new String[] {"sales", "salesmanager", "gm"}) {
      JsonNode history = historyOf(involved, code);
      assertThat(history.get("changes")).as(involved).hasSize(1);
      assertThat(history.get("changes").get(0).get("changeNumber").asText()).isEqualTo(number);
      assertThat(history.get("changes").get(0).get("state").asText()).isNotBlank();
      assertThat(history.get("changesNotShown").asInt()).isZero();
    }
    // quality reads the archive but is not involved in this change (confidential, 002 §4.2 C)
    JsonNode quality = historyOf("quality", code);
    assertThat(quality.get("changes")).isEmpty();
    assertThat(quality.get("changesNotShown").asInt()).isEqualTo(1);
  }

  @Test
  void onlyTheArchivesReadersSeeTheHistory() throws Exception {
    String code = newCustomer();
    for (String reader :
        new String[] {"clerk", "sales", "salesmanager", "quality", "qualitymanager", "gm"}) {
      history(reader, code)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.complaints").isArray());
    }
    for (String other : new String[] {"engineer", "production", "material", "affairs", "owner"}) {
      history(other, code)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.type").value("/problems/forbidden"));
    }
    mvc.perform(
            get("/api/customers/" + code + "/history")
                .header(HttpHeaders.AUTHORIZATION, basic("engineer"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("客户档案")));
    history("clerk", "C999999")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("/problems/not-found"));
    mvc.perform(get("/api/customers/" + code + "/history")).andExpect(status().isUnauthorized());
  }
}
