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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

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

  private ResultActions section(
      String user, String code, String section, Map<String, String> params) throws Exception {
    return section(user, code, section, params, "en");
  }

  /** A section of the history ({@code ""}: the first pages of all). */
  private ResultActions section(
      String user, String code, String section, Map<String, String> params, String language)
      throws Exception {
    MockHttpServletRequestBuilder request =
        get("/api/customers/" + code + "/history" + (section.isEmpty() ? "" : "/" + section))
            .header(HttpHeaders.AUTHORIZATION, basic(user))
            .header(HttpHeaders.ACCEPT_LANGUAGE, language);
    params.forEach(request::param);
    return mvc.perform(request);
  }

  private JsonNode pageOf(String code, String section, int page, int size) throws Exception {
    return json.readTree(
        section(
                "quality",
                code,
                section,
                Map.of("page", String.valueOf(page), "size", String.valueOf(size)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  /** A complaint row as the register keeps it, without a process (loaded, as after a migration). */
  private void complaint(String code, String number, Instant receivedAt) {
    jdbc.sql(
            "insert into complaint (complaint_number, customer_code, category, channel,"
                + " product_name, batch_number, defect_code, description, received_at)"
                + " values (?, ?, 'QUALITY', 'PHONE', 'Mono PERC module 550 W', ?, 'BREAKAGE',"
                + " 'loaded', ?)")
        .params(number, code, "B-" + number, Timestamp.from(receivedAt))
        .update();
  }

  private List<String> numbers(JsonNode page, String field) {
    List<String> numbers = new ArrayList<>();
    page.get("items").forEach(item -> numbers.add(item.get(field).asText()));
    return numbers;
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
    assertThat(open.get("complaints").get("total").asLong()).isEqualTo(1);
    JsonNode entry = open.get("complaints").get("items").get(0);
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
    JsonNode late = historyOf("quality", code).get("complaints").get("items").get(0);
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

    JsonNode surveys = historyOf("sales", code).get("surveys").get("items");
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
      JsonNode changes = history.get("changes");
      assertThat(changes.get("items")).as(involved).hasSize(1);
      assertThat(changes.get("total").asLong()).as(involved).isEqualTo(1);
      assertThat(changes.get("items").get(0).get("changeNumber").asText()).isEqualTo(number);
      assertThat(changes.get("items").get(0).get("state").asText()).isNotBlank();
      assertThat(changes.get("items").get(0).has("processInstanceId")).isFalse();
      assertThat(changes.get("notShown").asInt()).isZero();
      assertThat(history.get("changesNotShown").asInt()).isZero();
    }
    // quality reads the archive but is not involved in this change (confidential, 002 §4.2 C)
    JsonNode quality = historyOf("quality", code);
    assertThat(quality.get("changes").get("items")).isEmpty();
    assertThat(quality.get("changes").get("total").asLong()).isZero();
    assertThat(quality.get("changes").get("notShown").asInt()).isEqualTo(1);
    assertThat(quality.get("changesNotShown").asInt()).isEqualTo(1);
  }

  @Test
  void complaintsArePagedNewestFirstWithTheTotalOfTheCustomer() throws Exception {
    String code = newCustomer();
    Instant first = Instant.parse("2026-01-05T02:00:00Z");
    for (int i = 1; i <= 5; i++) {
      complaint(code, "HP-" + code + "-" + i, first.plusSeconds(3600L * i));
    }
    // the same instant twice: the number decides, so that pages never overlap
    complaint(code, "HP-" + code + "-0", first.plusSeconds(3600L * 5));

    JsonNode page0 = pageOf(code, "complaints", 0, 2);
    assertThat(numbers(page0, "complaintNumber"))
        .containsExactly("HP-" + code + "-5", "HP-" + code + "-0");
    assertThat(page0.get("page").asInt()).isZero();
    assertThat(page0.get("size").asInt()).isEqualTo(2);
    assertThat(page0.get("total").asLong()).isEqualTo(6);
    JsonNode page1 = pageOf(code, "complaints", 1, 2);
    assertThat(numbers(page1, "complaintNumber"))
        .containsExactly("HP-" + code + "-4", "HP-" + code + "-3");
    assertThat(page1.get("total").asLong()).isEqualTo(6);
    JsonNode page2 = pageOf(code, "complaints", 2, 4);
    assertThat(numbers(page2, "complaintNumber")).isEmpty();
    assertThat(page2.get("total").asLong()).isEqualTo(6);
    JsonNode last = pageOf(code, "complaints", 1, 4);
    assertThat(numbers(last, "complaintNumber"))
        .containsExactly("HP-" + code + "-2", "HP-" + code + "-1");
    assertThat(last.get("total").asLong()).isEqualTo(6);
    JsonNode entry = last.get("items").get(1);
    assertThat(entry.get("batchNumber").asText()).isEqualTo("B-HP-" + code + "-1");
    assertThat(entry.get("receivedAt").asText()).isEqualTo("2026-01-05T03:00:00Z");
    assertThat(entry.hasNonNull("onTime")).as("no step had a due date").isFalse();

    // the first pages of every section, 20 by default
    JsonNode all = historyOf("quality", code);
    assertThat(all.get("complaints").get("size").asInt()).isEqualTo(20);
    assertThat(all.get("complaints").get("items")).hasSize(6);
    assertThat(all.get("complaints").get("total").asLong()).isEqualTo(6);
    JsonNode small =
        json.readTree(
            section("quality", code, "", Map.of("size", "3"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(small.get("complaints").get("items")).hasSize(3);
    assertThat(small.get("complaints").get("total").asLong()).isEqualTo(6);
    assertThat(small.get("surveys").get("total").asLong()).isZero();
    assertThat(small.get("changes").get("total").asLong()).isZero();
  }

  @Test
  void surveysArePagedOnePerSurveyNewestFirst() throws Exception {
    String code = newCustomer();
    Instant first = Instant.parse("2026-02-01T02:00:00Z");
    for (int i = 1; i <= 3; i++) {
      String number = "HS-" + code + "-" + i;
      complaint(code, number, first);
      for (String aspect : new String[] {"quality", "service"}) {
        jdbc.sql(
                "insert into satisfaction_survey (complaint_number, customer_code, tier,"
                    + " aspect, score, surveyed_at) values (?, ?, 'A', ?, ?, ?)")
            .params(number, code, aspect, i, Timestamp.from(first.plusSeconds(86_400L * i)))
            .update();
      }
    }
    JsonNode page0 = pageOf(code, "surveys", 0, 2);
    assertThat(numbers(page0, "complaintNumber"))
        .containsExactly("HS-" + code + "-3", "HS-" + code + "-2");
    assertThat(page0.get("total").asLong()).isEqualTo(3);
    assertThat(page0.get("items").get(0).get("scores").get("quality").asInt()).isEqualTo(3);
    assertThat(page0.get("items").get(0).get("scores").get("service").asInt()).isEqualTo(3);
    JsonNode page1 = pageOf(code, "surveys", 1, 2);
    assertThat(numbers(page1, "complaintNumber")).containsExactly("HS-" + code + "-1");
    assertThat(page1.get("total").asLong()).isEqualTo(3);
    assertThat(page1.get("items").get(0).get("surveyedAt").asText())
        .isEqualTo("2026-02-02T02:00:00Z");
  }

  @Test
  void badPagingParametersAreFieldErrorsInTheCallersLanguage() throws Exception {
    String code = newCustomer();
    section("quality", code, "complaints", Map.of("page", "-1", "size", "201", "sort", "received"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.errors.length()").value(3))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'page')].message").value("page must be at least 0"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'size')].message").value("size must be at most 200"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'sort')].message")
                .value("sort is not a field of page, size"));
    section("quality", code, "surveys", Map.of("size", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"))
        .andExpect(jsonPath("$.errors[0].message").value("size must be at least 1"));
    section("quality", code, "changes", Map.of("page", "two"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("page"))
        .andExpect(jsonPath("$.errors[0].message").value("page must be a whole number"));
    // the first pages of all sections take a size, not a page
    section("quality", code, "", Map.of("page", "1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("page"))
        .andExpect(jsonPath("$.errors[0].message").value("page is not a field of size"));
    section("quality", code, "complaints", Map.of("size", "201"), "zh-CN")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"))
        .andExpect(jsonPath("$.errors[0].message").value("size 不能大于 200"));
    section("quality", code, "complaints", Map.of("page", "x"), "zh-CN")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value("page 必须是整数"));
  }

  @Test
  void changesArePagedAmongThoseTheCallerMayRead() throws Exception {
    String code = newCustomer();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T01:00:00Z")));
    List<String> raised = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
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
      raised.add(0, json.readTree(answer).get("changeNumber").asText());
    }
    JsonNode page0 =
        json.readTree(
            section("sales", code, "changes", Map.of("page", "0", "size", "2"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(numbers(page0, "changeNumber")).containsExactlyElementsOf(raised.subList(0, 2));
    assertThat(page0.get("total").asLong()).isEqualTo(3);
    assertThat(page0.get("notShown").asInt()).isZero();
    JsonNode page1 =
        json.readTree(
            section("sales", code, "changes", Map.of("page", "1", "size", "2"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(numbers(page1, "changeNumber")).containsExactly(raised.get(2));
    assertThat(page1.get("total").asLong()).isEqualTo(3);
    // quality may read none of them: no page shows one, all are counted as not shown
    JsonNode quality = pageOf(code, "changes", 0, 2);
    assertThat(quality.get("items")).isEmpty();
    assertThat(quality.get("total").asLong()).isZero();
    assertThat(quality.get("notShown").asInt()).isEqualTo(3);
  }

  @Test
  void onlyTheArchivesReadersSeeTheHistory() throws Exception {
    String code = newCustomer();
    for (String reader :
        new String[] {"clerk", "sales", "salesmanager", "quality", "qualitymanager", "gm"}) {
      history(reader, code)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.complaints.items").isArray());
      for (String section : new String[] {"complaints", "changes", "surveys"}) {
        section(reader, code, section, Map.of()).andExpect(status().isOk());
      }
    }
    for (String other : new String[] {"engineer", "production", "material", "affairs", "owner"}) {
      history(other, code)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.type").value("/problems/forbidden"));
      section(other, code, "complaints", Map.of()).andExpect(status().isForbidden());
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
    section("clerk", "C999999", "surveys", Map.of("page", "1"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("/problems/not-found"));
    mvc.perform(get("/api/customers/" + code + "/history")).andExpect(status().isUnauthorized());
  }
}
