package com.qmsflow.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.evidence.TestEvidence;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The register stays complete after Camunda's history cleanup (issue 16.2/16.3): a complaint run
 * through the engine to its closure is listed and exported the same, and the department that had a
 * task in it still sees it, after the cleanup removed the instance's whole history. The same holds
 * for the evidence files, the record page and its PDF: they are decided by the one access rule from
 * the project's tables (access/RecordAccess), not from the engine's history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:register-cleanup-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class RegisterHistoryCleanupTest {

  static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  @Autowired ProcessEngine engine;
  @Autowired MockMvc mvc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private String body(String user, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(
            request.header(
                HttpHeaders.AUTHORIZATION,
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private int statusOf(String user, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(
            request.header(
                HttpHeaders.AUTHORIZATION,
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  /** A complaint run to its closure, and its number. */
  private record Closed(ComplaintScenario scenario, String number) {}

  /** A minor complaint with the given batch, run to its closure under a history TTL of one day. */
  private Closed closedComplaintWithShortHistory(String batch) {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    engine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .list()
        .forEach(
            d ->
                engine
                    .getRepositoryService()
                    .updateProcessDefinitionHistoryTimeToLive(d.getId(), 1));
    engine
        .getRepositoryService()
        .createDecisionDefinitionQuery()
        .list()
        .forEach(
            d ->
                engine
                    .getRepositoryService()
                    .updateDecisionDefinitionHistoryTimeToLive(d.getId(), 1));
    ComplaintScenario c =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C010", batch, "BREAKAGE"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    RegisterBrowserIT.MINOR_PATH.forEach(c::complete);
    c.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
    return new Closed(c, number);
  }

  /** Runs Camunda's history cleanup three days later and checks the instance's history is gone. */
  private void cleanUpHistory(ComplaintScenario c) {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(3).toInstant()));
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(c.instance().getId())
                .count())
        .as("history cleaned up")
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceId(c.instance().getId())
                .count())
        .isZero();
  }

  @Test
  void theRegisterListsAndExportsTheSameAfterHistoryCleanup() throws Exception {
    Closed closed = closedComplaintWithShortHistory("B-REG-CLEANUP");
    String number = closed.number();

    String list = body("quality", get("/api/complaints").param("q", "B-REG-CLEANUP"));
    String csv = body("quality", get("/api/complaints/export.csv").param("q", "B-REG-CLEANUP"));
    String production = body("production", get("/api/complaints").param("q", "B-REG-CLEANUP"));
    assertThat(list)
        .contains("\"number\":\"" + number + "\"", "\"status\":\"CLOSED\"")
        .contains("\"responsibleDepartment\":\"production\"", "\"replyOnTime\":");
    assertThat(csv.lines().count()).isEqualTo(2);
    assertThat(csv).contains(number, "B-REG-CLEANUP", "Production", "Closed");
    assertThat(production).contains("\"number\":\"" + number + "\"");
    assertThat(body("engineer", get("/api/complaints").param("q", "B-REG-CLEANUP")))
        .contains("\"total\":0");

    cleanUpHistory(closed.scenario());

    assertThat(body("quality", get("/api/complaints").param("q", "B-REG-CLEANUP"))).isEqualTo(list);
    assertThat(body("quality", get("/api/complaints/export.csv").param("q", "B-REG-CLEANUP")))
        .isEqualTo(csv);
    assertThat(body("production", get("/api/complaints").param("q", "B-REG-CLEANUP")))
        .isEqualTo(production);
  }

  @Test
  void whoHadATaskStillSeesTheEvidenceRecordAndPdfAfterHistoryCleanup() throws Exception {
    Closed closed = closedComplaintWithShortHistory("B-EVIDENCE-CLEANUP");
    String number = closed.number();
    String files = "/api/complaints/" + number + "/attachments";
    String record = "/api/complaints/" + number + "/record.pdf";

    // production had the correction and evidence steps; engineering had no task in this complaint
    String seenBefore = body("production", get(files));
    assertThat(seenBefore).contains("\"ownerNumber\":\"" + number + "\"", "photo.png");
    assertThat(statusOf("production", get(record))).isEqualTo(200);
    assertThat(statusOf("engineer", get(files))).isEqualTo(403);

    cleanUpHistory(closed.scenario());

    assertThat(body("production", get(files))).isEqualTo(seenBefore);
    long id = Long.parseLong(seenBefore.replaceFirst("(?s)^\\[\\{\"id\":(\\d+),.*$", "$1"));
    assertThat(
            mvc.perform(
                    get("/api/attachments/" + id + "/content")
                        .header(
                            HttpHeaders.AUTHORIZATION,
                            "Basic "
                                + Base64.getEncoder()
                                    .encodeToString(
                                        "production:production".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray())
        .isEqualTo(TestEvidence.PNG);
    assertThat(statusOf("production", get(record))).isEqualTo(200);
    assertThat(statusOf("quality", get(files))).isEqualTo(200);
    assertThat(statusOf("engineer", get(files))).isEqualTo(403);
    assertThat(statusOf("engineer", get(record))).isEqualTo(403);
  }
}
