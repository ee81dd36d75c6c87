package com.qmsflow.overdue;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.web.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Overdue work" for managers (issue 18.6): every overdue or escalated open task of all groups, on
 * {@code GET /api/overdue-work} and the page {@code /overdue/}, for sales management, quality
 * management, the general manager and administrators only.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:overdue-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@AutoConfigureMockMvc
class OverdueWorkTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  @Autowired MockMvc mvc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOverdueAndEscalatedTaskOfAnyGroupIsListedWithNumberCustomerDueDateAndLevel()
      throws Exception {
    ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
    ClockUtil.setCurrentTime(Date.from(monday.toInstant()));
    ComplaintScenario late =
        ComplaintScenario.start(engine, intake("C010", "OVERDUE-1", "BREAKAGE"));
    String lateNumber = (String) late.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    // due at 13:00 plant time (4 hours); at 14:30 it is overdue and escalated to sales management
    ClockUtil.setCurrentTime(Date.from(monday.plusHours(5).plusMinutes(30).toInstant()));
    EscalationTimers.fire(
        engine.getManagementService(), late.instance().getId(), "userTaskConfirmWithCustomer", 1);
    ComplaintScenario onTime =
        ComplaintScenario.start(engine, intake("C010", "OVERDUE-2", "BREAKAGE"));
    String onTimeNumber = (String) onTime.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);

    mvc.perform(get("/api/overdue-work").header(HttpHeaders.AUTHORIZATION, basic("qualitymanager")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.number == '" + onTimeNumber + "')]").isEmpty())
        .andExpect(jsonPath("$[?(@.number == '" + lateNumber + "')].kind").value("complaint"))
        .andExpect(
            jsonPath("$[?(@.number == '" + lateNumber + "')].customer")
                .value("Tianrun Components (C010)"))
        .andExpect(
            jsonPath("$[?(@.number == '" + lateNumber + "')].taskName")
                .value("Confirm complaint (与客户确认投诉)"))
        .andExpect(
            jsonPath("$[?(@.number == '" + lateNumber + "')].candidateGroups")
                .value("customer-service"))
        .andExpect(jsonPath("$[?(@.number == '" + lateNumber + "')].escalationLevel").value(1))
        .andExpect(
            jsonPath("$[?(@.number == '" + lateNumber + "')].escalatedTo")
                .value("sales-management"))
        .andExpect(
            jsonPath("$[?(@.number == '" + lateNumber + "')].recordUrl")
                .value("/complaints/" + lateNumber));

    for (String language : new String[] {"en", "zh-CN"}) {
      mvc.perform(
              get("/overdue/")
                  .session(WebTestSupport.signedIn("gm"))
                  .header(HttpHeaders.ACCEPT_LANGUAGE, language))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("href=\"/complaints/" + lateNumber + "\"")))
          .andExpect(content().string(not(containsString(onTimeNumber))))
          // due 13:00 plant time, 1 hour 30 minutes ago; escalated once
          .andExpect(content().string(containsString("2026-03-02 13:00")))
          .andExpect(
              content()
                  .string(
                      containsString(
                          language.equals("en")
                              ? "level 1 to sales-management"
                              : "第 1 级，至 sales-management")))
          .andExpect(
              content().string(containsString(language.equals("en") ? "0 d 1 h" : "0 天 1 小时")))
          .andExpect(content().string(containsString("href=\"/overdue/\"")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"salesmanager", "qualitymanager", "gm", "admin"})
  void managementAndAdministratorsReadTheOverview(String user) throws Exception {
    mvc.perform(get("/api/overdue-work").header(HttpHeaders.AUTHORIZATION, basic(user)))
        .andExpect(status().isOk());
    mvc.perform(get("/overdue/").session(WebTestSupport.signedIn(user)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"overdue\"")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"clerk", "sales", "quality", "engineer", "owner"})
  void staffAreRefusedInTheirLanguage(String user) throws Exception {
    mvc.perform(
            get("/api/overdue-work")
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("/problems/forbidden"))
        .andExpect(jsonPath("$.detail").value(containsString("超期工作总览仅供")))
        .andExpect(jsonPath("$.detail").value(containsString(user)));
    mvc.perform(get("/overdue/").session(WebTestSupport.signedIn(user)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(not(containsString("href=\"/overdue/\""))));
    mvc.perform(get("/api/overdue-work")).andExpect(status().isUnauthorized());
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
