package com.qmsflow.dashboard;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.change.ChangeSubmissions;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.records.OnTimeCounts;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every figure of the dashboard API against a history whose every number is known: five complaints
 * driven through the engine with Camunda's clock set so that some deadlines are met (one exactly at
 * the due date) and some missed, one escalation fired by its timer, three internal 8Ds with known
 * discipline durations, plus complaints, surveys and escalations written straight into the
 * project's tables where the engine path would be long (closed complaints, surveys). "Now" is
 * Tuesday 31 March 2026, 12:00 in Shanghai; the chosen month is March 2026.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:dashboard-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = at(2026, 3, 31, 12, 0);

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;

  private final Map<String, String> numbers = new HashMap<>();

  static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI);
  }

  static String basic(String demoUser) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((demoUser + ":" + demoUser).getBytes(StandardCharsets.UTF_8));
  }

  private static void clock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private static ZonedDateTime clock() {
    return ClockUtil.getCurrentTime().toInstant().atZone(SHANGHAI);
  }

  // --- the known history ----------------------------------------------------------------------

  @BeforeAll
  void fillHistory() {
    // K5, February: C003 (tier A) confirmed one hour late
    clock(at(2026, 2, 16, 9, 0));
    ComplaintScenario k5 = start("K5", "C003", "B-K5", "BREAKAGE", "quality");
    late(k5, "userTaskConfirmWithCustomer", Duration.ofHours(1));

    // K1, March: C010 (tier B), minor, from confirmation to the written reply
    clock(at(2026, 3, 2, 9, 0));
    ComplaintScenario k1 = start("K1", "C010", "B-K1", "BREAKAGE", "quality");
    onTime(k1, "userTaskConfirmWithCustomer", Duration.ofHours(1));
    later(k1, "userTaskInvestigateOnSite");
    late(k1, "userTaskAnalyseValidityAndCause", Duration.ofHours(2));
    later(k1, "userTaskReviewMinorSeverity");
    later(k1, "userTaskCommitImprovementDate");
    onTime(k1, "userTaskContainSuspectStock", Duration.ofHours(1));
    onTime(k1, "userTaskCorrectNonconformity", Duration.ZERO); // exactly at the due date: on time
    later(k1, "userTaskCollectImprovementEvidence");
    later(k1, "userTaskVerifyEffectiveness");
    late(
        k1,
        "userTaskReplyInWriting",
        Duration.ofHours(1),
        "lateReason",
        "The sample analysis took longer.");
    // the follow-up stays open (sales)

    // K2: C013 (tier C), confirmation escalated to sales-management by its timer, then done late;
    // the analysis stays open and becomes overdue
    clock(at(2026, 3, 3, 9, 0));
    ComplaintScenario k2 = start("K2", "C013", "B-K2", "BREAKAGE", "quality");
    clock(at(2026, 3, 3, 13, 30));
    EscalationTimers.fire(
        engine.getManagementService(), k2.instance().getId(), "userTaskConfirmWithCustomer", 1);
    k2.runJobs();
    assertThat(
            engine
                .getTaskService()
                .getIdentityLinksForTask(task(k2, "userTaskConfirmWithCustomer").getId()))
        .extracting(link -> link.getGroupId())
        .contains("customer-service", "sales-management");
    clock(at(2026, 3, 3, 14, 0));
    k2.complete("userTaskConfirmWithCustomer");
    clock(at(2026, 3, 3, 15, 0));
    k2.complete("userTaskInvestigateOnSite");
    assertThat(task(k2, "userTaskAnalyseValidityAndCause").getDueDate())
        .as("two working days")
        .isEqualTo(Date.from(at(2026, 3, 5, 15, 0).toInstant()));

    // K3: C001 (tier A), a delivery complaint confirmed two hours early; investigation open
    clock(at(2026, 3, 4, 9, 0));
    ComplaintScenario k3 = start("K3", "C001", "B-K3", "LATE-DELIVERY", "delivery");
    onTime(k3, "userTaskConfirmWithCustomer", Duration.ofHours(2));

    // K4: C002 (tier A), confirmation never done: open and overdue
    clock(at(2026, 3, 5, 9, 0));
    start("K4", "C002", "B-K4", "APPEARANCE", "quality");

    // three internal 8Ds: D0 took 1, 2 and 6 hours; the first one's D1 took 26 hours (late)
    clock(at(2026, 3, 9, 9, 0));
    ProcessInstance e1 = raiseEightD();
    clock(at(2026, 3, 9, 10, 0));
    completeEightD(e1, "userTaskD0EmergencyResponse");
    Task d1 = task(e1, "userTaskD1FormTeam");
    assertThat(d1.getDueDate()).isEqualTo(Date.from(at(2026, 3, 10, 9, 0).toInstant()));
    clock(at(2026, 3, 10, 12, 0));
    completeEightD(e1, "userTaskD1FormTeam");
    clock(at(2026, 3, 11, 9, 0));
    ProcessInstance e2 = raiseEightD();
    clock(at(2026, 3, 11, 11, 0));
    completeEightD(e2, "userTaskD0EmergencyResponse");
    clock(at(2026, 3, 12, 9, 0));
    ProcessInstance e3 = raiseEightD();
    clock(at(2026, 3, 12, 15, 0));
    completeEightD(e3, "userTaskD0EmergencyResponse");

    // a contract change of C013 (tier C): re-determination with the customer on time, then
    // withdrawn
    // (its cancelled review tasks are not "completed" and count nowhere)
    clock(at(2026, 3, 16, 9, 0));
    ProcessInstance change =
        engine
            .getFormService()
            .submitStartForm(
                engine
                    .getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionKey("contract-change")
                    .latestVersion()
                    .singleResult()
                    .getId(),
                ChangeSubmissions.request());
    runJobs(change);
    Task redetermine = task(change, "userTaskConfirmWithCustomer");
    assertThat(redetermine.getDueDate()).as("the change's first step has a deadline").isNotNull();
    clock(redetermine.getDueDate().toInstant().atZone(SHANGHAI).minusMinutes(30));
    engine
        .getFormService()
        .submitTaskForm(
            redetermine.getId(), ChangeSubmissions.valid("userTaskConfirmWithCustomer"));
    runJobs(change);
    engine
        .getRuntimeService()
        .deleteProcessInstance(change.getId(), "withdrawn for the dashboard test");
    escalation(
        jdbc.sql("select change_number from change_request").query(String.class).single(),
        "t-change",
        1,
        "sales-management",
        at(2026, 3, 17, 10, 0));

    // the register beyond the engine: closed and older complaints
    complaint(
        "CC-2026-900001",
        "C004",
        "A",
        "service",
        "SLOW-RESPONSE",
        at(2026, 1, 20, 10, 0),
        at(2026, 3, 10, 10, 0));
    complaint(
        "CC-2025-900002",
        "C009",
        "B",
        "quality",
        "PACKAGING",
        at(2025, 12, 10, 10, 0),
        at(2026, 1, 15, 10, 0));
    complaint("CC-2025-900003", "C014", "C", "quality", "BREAKAGE", at(2025, 3, 5, 10, 0), null);
    complaint("CC-2026-900004", "C005", "A", "quality", "PACKAGING", at(2026, 3, 20, 10, 0), null);
    complaint(
        "CC-2025-900005",
        "C006",
        "A",
        "delivery",
        "LATE-DELIVERY",
        at(2025, 2, 1, 10, 0),
        at(2025, 6, 15, 10, 0));

    // customers' decisions on the reply (issue 19.3): A rejects in February, asked again accepts
    // in March; B accepts by default in January; A (quality) rejects in March
    decision("CC-2026-900001", 1, "REJECTED", at(2026, 2, 20, 10, 0));
    decision("CC-2026-900001", 2, "ACCEPTED", at(2026, 3, 2, 10, 0));
    decision("CC-2025-900002", 1, "ACCEPTED_BY_DEFAULT", at(2026, 1, 10, 10, 0));
    decision("CC-2026-900004", 1, "REJECTED", at(2026, 3, 25, 10, 0));

    survey("CC-2026-900001", "C004", "A", at(2026, 3, 12, 10, 0), 5, 4, 3, 2);
    survey("CC-2026-900004", "C005", "A", at(2026, 3, 25, 10, 0), 4, 4, 5, 1);
    survey("CC-2025-900002", "C009", "B", at(2026, 1, 20, 10, 0), 2, 5, 4, 4);
    // the yearly campaign (source CAMPAIGN, no complaint): C004 (A) in March, C013 (C) in February
    jdbc.sql(
            """
            insert into survey_campaign (campaign_number, campaign_year, questionnaire_version, aspects,
              starts_on, customer_selection, customer_count, planned_by, planned_at)
            values ('SC-2026-01', 2026, 'Q-2026', 'quality,delivery,service,responsiveness',
              date '2026-02-02', 'LISTED', 2, 'salesmanager', ?)\
            """)
        .param(ts(at(2026, 2, 1, 10, 0)))
        .update();
    campaignSurvey("SV-2026-00001", 1, "C004", "A", at(2026, 3, 18, 10, 0), 3, 5, 4, 4);
    campaignSurvey("SV-2026-00002", 2, "C013", "C", at(2026, 2, 5, 10, 0), 4, 2, 5, 1);

    jdbc.sql(
            "insert into corrective_action (eight_d_number, complaint_number, problem_title,"
                + " raised_at) values (?, ?, ?, ?)")
        .params(
            "8D-2026-0900",
            "CC-2026-900001",
            "Slow answers to the customer",
            ts(at(2026, 2, 1, 10, 0)))
        .update();
    escalation("8D-2026-0900", "t-8d-d0", 1, "quality-management", at(2026, 2, 10, 10, 0));
    escalation("CC-2026-900001", "t-reply", 2, "general-manager", at(2026, 3, 15, 10, 0));
  }

  @BeforeEach
  void now() {
    clock(NOW);
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  private ComplaintScenario start(
      String name, String customer, String batch, String defect, String category) {
    Map<String, Object> intake = intake(customer, batch, defect);
    intake.put("category", category);
    ComplaintScenario scenario = ComplaintScenario.start(engine, intake);
    numbers.put(name, (String) scenario.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR));
    return scenario;
  }

  private Task task(ComplaintScenario c, String key) {
    return task(c.instance(), key);
  }

  private Task task(ProcessInstance pi, String key) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey(key)
            .singleResult();
    assertThat(task).as("open task %s", key).isNotNull();
    return task;
  }

  /** Completes the task {@code before} its due date (which must lie that far ahead). */
  private void onTime(ComplaintScenario c, String key, Duration before) {
    ZonedDateTime due = task(c, key).getDueDate().toInstant().atZone(SHANGHAI);
    ZonedDateTime when = due.minus(before);
    assertThat(when).as("%s can still be done on time", key).isAfterOrEqualTo(clock());
    clock(when);
    c.complete(key);
  }

  /** Completes the task {@code after} its due date (or after now, when it is overdue already). */
  private void late(ComplaintScenario c, String key, Duration after, Object... overrides) {
    ZonedDateTime due = task(c, key).getDueDate().toInstant().atZone(SHANGHAI);
    clock((due.isAfter(clock()) ? due : clock()).plus(after));
    c.complete(key, overrides);
  }

  /** Completes a task an hour later, whatever its deadline. */
  private void later(ComplaintScenario c, String key) {
    clock(clock().plusHours(1));
    c.complete(key);
  }

  private ProcessInstance raiseEightD() {
    Map<String, Object> v = new HashMap<>();
    v.put("problemTitle", "Cracked glass after lamination on line 2");
    v.put("productName", "Mono PERC module 550 W");
    v.put("productModel", "M550-144");
    v.put("batchNumber", "B-8D-0001");
    v.put("defectCode", "BREAKAGE");
    v.put("description", "Internal audit found micro-cracks in 3 % of laminated modules.");
    v.put("customerPrescribesReportFormat", false);
    ProcessInstance pi =
        engine
            .getFormService()
            .submitStartForm(
                engine
                    .getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionKey("corrective-action")
                    .latestVersion()
                    .singleResult()
                    .getId(),
                v);
    runJobs(pi);
    return pi;
  }

  private void completeEightD(ProcessInstance pi, String key) {
    Map<String, Object> v = new HashMap<>();
    if (key.equals("userTaskD0EmergencyResponse")) {
      v.put("emergencyActions", "Line 2 laminator stopped; all modules of the shift on hold.");
      v.put("eightDApplicability", "applicable");
    } else {
      v.put("teamLeader", "quality");
      v.put("teamMembers", "engineer, production");
      v.put("teamFunctions", "quality (lead), engineering, production");
    }
    engine.getFormService().submitTaskForm(task(pi, key).getId(), v);
    runJobs(pi);
  }

  private void runJobs(ProcessInstance pi) {
    for (int round = 0; round < 5; round++) {
      List<Job> jobs =
          engine
              .getManagementService()
              .createJobQuery()
              .processInstanceId(pi.getId())
              .messages()
              .list();
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private static Timestamp ts(ZonedDateTime time) {
    return time == null ? null : Timestamp.from(time.toInstant());
  }

  private void decision(String number, int round, String decision, ZonedDateTime recorded) {
    jdbc.sql(
            """
            insert into customer_decision (complaint_number, process_instance_id, round, decision,
              source, recorded_at) values (?, 'none', ?, ?, 'SALES', ?)\
            """)
        .params(number, round, decision, ts(recorded))
        .update();
  }

  private void complaint(
      String number,
      String customer,
      String tier,
      String category,
      String defect,
      ZonedDateTime received,
      ZonedDateTime closed) {
    jdbc.sql(
            """
            insert into complaint (complaint_number, customer_code, tier, category, channel, product_name,
              batch_number, defect_code, description, status, received_at, closed_at)
            values (?, ?, ?, ?, 'email', 'Mono PERC module 550 W', ?, ?, 'Registered before the engine', ?, ?, ?)\
            """)
        .params(
            number,
            customer,
            tier,
            category,
            "B-" + number,
            defect,
            closed == null ? "OPEN" : "CLOSED",
            ts(received),
            ts(closed))
        .update();
  }

  private void survey(
      String number,
      String customer,
      String tier,
      ZonedDateTime at,
      int quality,
      int delivery,
      int service,
      int responsiveness) {
    Map<String, Integer> scores =
        Map.of(
            "quality",
            quality,
            "delivery",
            delivery,
            "service",
            service,
            "responsiveness",
            responsiveness);
    scores.forEach(
        (aspect, score) ->
            jdbc.sql(
                    """
                    insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score, surveyed_at)
                    values (?, ?, ?, ?, ?, ?)\
                    """)
                .params(number, customer, tier, aspect, score, ts(at))
                .update());
  }

  private void campaignSurvey(
      String number,
      int position,
      String customer,
      String tier,
      ZonedDateTime at,
      int quality,
      int delivery,
      int service,
      int responsiveness) {
    jdbc.sql(
            """
            insert into customer_survey (survey_number, campaign_number, customer_code, position, tier,
              sales_rep, state, channel, answered_at, answered_via)
            values (?, 'SC-2026-01', ?, ?, ?, 'sales', 'ANSWERED', 'MAIL', ?, 'PAGE')\
            """)
        .params(number, customer, position, tier, ts(at))
        .update();
    Map.of(
            "quality",
            quality,
            "delivery",
            delivery,
            "service",
            service,
            "responsiveness",
            responsiveness)
        .forEach(
            (aspect, score) ->
                jdbc.sql(
                        """
                        insert into satisfaction_survey (source, survey_number, customer_code, tier, aspect, score, surveyed_at)
                        values ('CAMPAIGN', ?, ?, ?, ?, ?, ?)\
                        """)
                    .params(number, customer, tier, aspect, score, ts(at))
                    .update());
  }

  private void escalation(
      String businessKey, String taskId, int level, String group, ZonedDateTime at) {
    jdbc.sql(
            """
            insert into escalation (business_key, process_instance_id, task_id, task_definition_key, task_name,
              escalation_level, escalated_to_group, due_date, escalated_at)
            values (?, 'pi-' || ?, ?, 'userTaskSomething', 'Something', ?, ?, ?, ?)\
            """)
        .params(businessKey, taskId, taskId, level, group, ts(at.minusHours(4)), ts(at))
        .update();
  }

  // --- reading the API ------------------------------------------------------------------------

  private JsonNode figure(String path) throws Exception {
    MvcResult result =
        mvc.perform(
                get("/api/dashboard/" + path)
                    .header(HttpHeaders.AUTHORIZATION, basic("salesmanager")))
            .andExpect(status().isOk())
            .andReturn();
    return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  /** The figure's rows, each its values in column order joined by "|". */
  private List<String> rows(String path) throws Exception {
    JsonNode figure = figure(path);
    List<String> rows = new ArrayList<>();
    for (JsonNode row : figure.get("rows")) {
      List<String> values = new ArrayList<>();
      for (JsonNode column : figure.get("columns")) {
        JsonNode value = row.get(column.asText());
        values.add(value == null || value.isNull() ? "null" : value.asText());
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  private String csv(String path, String accept) throws Exception {
    var request =
        get("/api/dashboard/" + path).header(HttpHeaders.AUTHORIZATION, basic("qualitymanager"));
    if (accept != null) {
      request.header(HttpHeaders.ACCEPT, accept);
    }
    MvcResult result =
        mvc.perform(request)
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8"))
            .andReturn();
    assertThat(result.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment; filename=");
    byte[] bytes = result.getResponse().getContentAsByteArray();
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return text.substring(1);
  }

  // --- the figures ----------------------------------------------------------------------------

  @Test
  void onTimeRatePerDeadlineDepartmentAndTier() throws Exception {
    JsonNode figure = figure("on-time-rates?month=2026-03");
    assertThat(figure.get("from").asText()).isEqualTo("2025-04");
    assertThat(figure.get("to").asText()).isEqualTo("2026-03");
    assertThat(rows("on-time-rates?month=2026-03"))
        .containsExactly(
            "2026-02|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskAnalyseValidityAndCause|Analyse validity and cause"
                + " (分析投诉成立与原因)|quality|B|1|0|1|0.0",
            // the committed improvement date (end of 6 March) passed an hour before
            "2026-03|complaint-handling|userTaskCollectImprovementEvidence|Collect improvement"
                + " evidence (收集改善证据)|sales|B|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskCommitImprovementDate|Commit improvement date"
                + " (向客户承诺改善日期)|sales|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|B|1|1|0|100.0",
            // escalated to sales-management on the way, still counted for the department it was
            // given to
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|C|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskContainSuspectStock|Contain suspect stock"
                + " (围堵可疑库存)|quality|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskCorrectNonconformity|Correct nonconformity"
                + " (纠正不合格)|production|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskInvestigateOnSite|Investigate on site"
                + " (现场调查取样)|sales|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskInvestigateOnSite|Investigate on site"
                + " (现场调查取样)|sales|C|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskReplyInWriting|Reply in writing"
                + " (书面回复客户)|sales|B|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskReviewMinorSeverity|Review minor severity"
                + " (复核一般投诉)|quality-management|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskVerifyEffectiveness|Verify effectiveness"
                + " (验证改善效果)|quality|B|1|1|0|100.0",
            "2026-03|contract-change|userTaskConfirmWithCustomer|Re-determine requirement"
                + " (与客户重新确定要求)|sales|C|1|1|0|100.0",
            "2026-03|corrective-action|userTaskD0EmergencyResponse|D0 Emergency response"
                + " (紧急响应)|quality|-|3|3|0|100.0",
            "2026-03|corrective-action|userTaskD1FormTeam|D1 Form the team"
                + " (成立小组)|quality|-|1|0|1|0.0");
    // tier C: the complaint K2 and the contract change
    assertThat(rows("on-time-rates?month=2026-03&tier=C"))
        .containsExactly(
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|C|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskInvestigateOnSite|Investigate on site"
                + " (现场调查取样)|sales|C|1|1|0|100.0",
            "2026-03|contract-change|userTaskConfirmWithCustomer|Re-determine requirement"
                + " (与客户重新确定要求)|sales|C|1|1|0|100.0");
  }

  @Test
  void onTimeRateFiltered() throws Exception {
    assertThat(rows("on-time-rates?month=2026-03&department=quality"))
        .containsExactly(
            "2026-03|complaint-handling|userTaskAnalyseValidityAndCause|Analyse validity and cause"
                + " (分析投诉成立与原因)|quality|B|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskContainSuspectStock|Contain suspect stock"
                + " (围堵可疑库存)|quality|B|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskVerifyEffectiveness|Verify effectiveness"
                + " (验证改善效果)|quality|B|1|1|0|100.0",
            "2026-03|corrective-action|userTaskD0EmergencyResponse|D0 Emergency response"
                + " (紧急响应)|quality|-|3|3|0|100.0",
            "2026-03|corrective-action|userTaskD1FormTeam|D1 Form the team"
                + " (成立小组)|quality|-|1|0|1|0.0");
    assertThat(rows("on-time-rates?month=2026-03&tier=A"))
        .containsExactly(
            "2026-02|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|0|1|0.0",
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|1|0|100.0");
    assertThat(rows("on-time-rates?month=2026-03&category=delivery"))
        .containsExactly(
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|1|0|100.0");
    // February as the chosen month: March is not in its window
    assertThat(rows("on-time-rates?month=2026-02"))
        .containsExactly(
            "2026-02|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|0|1|0.0");
  }

  @Test
  void paretoOfDefectCodesWithCumulativeShare() throws Exception {
    assertThat(rows("defect-pareto?month=2026-03"))
        .containsExactly(
            "BREAKAGE|Breakage, cracks or chipped product|2|40.0|40.0",
            "APPEARANCE|Appearance defect: colour difference, scratches, stains|1|20.0|60.0",
            "LATE-DELIVERY|Late delivery|1|20.0|80.0",
            "PACKAGING|Packaging damaged, wrong or insufficient|1|20.0|100.0");
    assertThat(rows("defect-pareto?month=2026-03&tier=A"))
        .containsExactly(
            "APPEARANCE|Appearance defect: colour difference, scratches, stains|1|33.3|33.3",
            "LATE-DELIVERY|Late delivery|1|33.3|66.7",
            "PACKAGING|Packaging damaged, wrong or insufficient|1|33.3|100.0");
    assertThat(rows("defect-pareto?month=2026-02"))
        .containsExactly("BREAKAGE|Breakage, cracks or chipped product|1|100.0|100.0");
    assertThat(rows("defect-pareto?month=2026-03&category=service")).isEmpty();
  }

  @Test
  void paretoAsCsv() throws Exception {
    assertThat(csv("defect-pareto?month=2026-03&format=csv", null))
        .isEqualTo(
            """
            defectCode,description,complaints,percent,cumulativePercent\r
            BREAKAGE,"Breakage, cracks or chipped product",2,40.0,40.0\r
            APPEARANCE,Appearance defect: colour difference, scratches, stains,1,20.0,60.0\r
            LATE-DELIVERY,Late delivery,1,20.0,80.0\r
            PACKAGING,"Packaging damaged, wrong or insufficient",1,20.0,100.0\r
            """
                .replace(
                    "Appearance defect: colour difference, scratches, stains",
                    "\"Appearance defect: colour difference, scratches, stains\""));
  }

  @Test
  void openAndOverdueTasksPerGroupWithAge() throws Exception {
    assertThat(rows("open-tasks"))
        .containsExactly(
            // E1's D2, assigned to the team leader: created 10 March 12:00, due 10 March 09:00
            "(8D team)|1|1|0|0|0|1|21.0|21.1",
            // K4's confirmation: created 5 March 09:00, due 13:00
            "customer-service|1|1|0|0|0|1|26.1|26.0",
            // K2's analysis (created 3 March 15:00, due 5 March 15:00), the D1 of E2 and E3
            "quality|3|3|0|0|0|3|27.9|25.9",
            // K5's and K3's investigation, K1's follow-up
            "sales|3|3|0|0|0|3|42.9|33.5");
    assertThat(rows("open-tasks?tier=A"))
        .containsExactly("customer-service|1|1|0|0|0|1|26.1|26.0", "sales|2|2|0|0|0|2|42.9|33.5");
    assertThat(rows("open-tasks?department=quality"))
        .containsExactly("quality|3|3|0|0|0|3|27.9|25.9");
  }

  @Test
  void openTasksAgeBucketsMoveWithTime() throws Exception {
    // on 11 March 12:00 the same tasks were younger (the figure reads the runtime tables, so tasks
    // created later still appear: only the rows of tasks that existed then are checked)
    clock(at(2026, 3, 11, 12, 0));
    // K4's confirmation: 6 days 3 hours old, 5 days 23 hours overdue
    assertThat(rows("open-tasks?department=customer-service"))
        .containsExactly("customer-service|1|1|0|0|1|0|6.1|6.0");
    // E1's D2: exactly one day old counts as "1 to 3 days"
    assertThat(rows("open-tasks?department=(8D team)"))
        .containsExactly("(8D team)|1|1|0|1|0|0|1.0|1.1");
  }

  @Test
  void customersDecisionsPerMonthCountTheRejectedOnes() throws Exception {
    List<String> rows = rows("customer-decisions?month=2026-03");
    assertThat(rows).hasSize(12);
    assertThat(rows.subList(9, 12))
        .containsExactly("2026-01|0|0|1|0.0", "2026-02|0|1|0|100.0", "2026-03|1|1|0|50.0");
    assertThat(rows.get(0)).isEqualTo("2025-04|0|0|0|null");
    assertThat(rows("customer-decisions?month=2026-03&tier=B").subList(9, 12))
        .containsExactly("2026-01|0|0|1|0.0", "2026-02|0|0|0|null", "2026-03|0|0|0|null");
    assertThat(rows("customer-decisions?month=2026-03&category=quality").subList(10, 12))
        .containsExactly("2026-02|0|0|0|null", "2026-03|0|1|0|100.0");
    assertThat(csv("customer-decisions?month=2026-03", "text/csv"))
        .startsWith("month,accepted,rejected,acceptedByDefault,rejectedPercent\r\n")
        .endsWith("2026-03,1,1,0,50.0\r\n");
  }

  @Test
  void intakeAndClosurePerMonth() throws Exception {
    List<String> expected =
        List.of(
            "2025-04|0|0|2",
            "2025-05|0|0|2",
            "2025-06|0|1|1",
            "2025-07|0|0|1",
            "2025-08|0|0|1",
            "2025-09|0|0|1",
            "2025-10|0|0|1",
            "2025-11|0|0|1",
            "2025-12|1|0|2",
            "2026-01|1|1|2",
            "2026-02|1|0|3",
            "2026-03|5|1|7");
    assertThat(rows("intake-closure?month=2026-03")).containsExactlyElementsOf(expected);
    assertThat(csv("intake-closure?month=2026-03", "text/csv"))
        .isEqualTo(
            "month,received,closed,openAtMonthEnd\r\n"
                + String.join(
                    "", expected.stream().map(r -> r.replace('|', ',') + "\r\n").toList()));
    assertThat(rows("intake-closure?month=2026-03&tier=A"))
        .containsExactly(
            "2025-04|0|0|1",
            "2025-05|0|0|1",
            "2025-06|0|1|0",
            "2025-07|0|0|0",
            "2025-08|0|0|0",
            "2025-09|0|0|0",
            "2025-10|0|0|0",
            "2025-11|0|0|0",
            "2025-12|0|0|0",
            "2026-01|1|0|1",
            "2026-02|1|0|2",
            "2026-03|3|1|4");
  }

  @Test
  void satisfactionDistributionPerSourceTierAndAspect() throws Exception {
    List<String> complaint =
        List.of(
            "2026-01|COMPLAINT|B|delivery|1|0|0|0|0|1|100.0|0.0",
            "2026-01|COMPLAINT|B|quality|1|0|1|0|0|0|0.0|100.0",
            "2026-01|COMPLAINT|B|responsiveness|1|0|0|0|1|0|100.0|0.0",
            "2026-01|COMPLAINT|B|service|1|0|0|0|1|0|100.0|0.0",
            "2026-03|COMPLAINT|A|delivery|2|0|0|0|2|0|100.0|0.0",
            "2026-03|COMPLAINT|A|quality|2|0|0|0|1|1|100.0|0.0",
            "2026-03|COMPLAINT|A|responsiveness|2|1|1|0|0|0|0.0|100.0",
            "2026-03|COMPLAINT|A|service|2|0|0|1|0|1|50.0|0.0");
    List<String> campaign =
        List.of(
            "2026-02|CAMPAIGN|C|delivery|1|0|1|0|0|0|0.0|100.0",
            "2026-02|CAMPAIGN|C|quality|1|0|0|0|1|0|100.0|0.0",
            "2026-02|CAMPAIGN|C|responsiveness|1|1|0|0|0|0|0.0|100.0",
            "2026-02|CAMPAIGN|C|service|1|0|0|0|0|1|100.0|0.0",
            "2026-03|CAMPAIGN|A|delivery|1|0|0|0|0|1|100.0|0.0",
            "2026-03|CAMPAIGN|A|quality|1|0|0|1|0|0|0.0|0.0",
            "2026-03|CAMPAIGN|A|responsiveness|1|0|0|0|1|0|100.0|0.0",
            "2026-03|CAMPAIGN|A|service|1|0|0|0|1|0|100.0|0.0");
    // both sources, each row with its source: month, then campaign before complaint
    assertThat(rows("satisfaction?month=2026-03"))
        .containsExactly(
            complaint.get(0),
            complaint.get(1),
            complaint.get(2),
            complaint.get(3),
            campaign.get(0),
            campaign.get(1),
            campaign.get(2),
            campaign.get(3),
            campaign.get(4),
            campaign.get(5),
            campaign.get(6),
            campaign.get(7),
            complaint.get(4),
            complaint.get(5),
            complaint.get(6),
            complaint.get(7));
    assertThat(rows("satisfaction?month=2026-03&source=COMPLAINT"))
        .containsExactlyElementsOf(complaint);
    assertThat(rows("satisfaction?month=2026-03&source=CAMPAIGN"))
        .containsExactlyElementsOf(campaign);
    assertThat(figure("satisfaction?month=2026-03&source=CAMPAIGN").get("filters").toString())
        .isEqualTo("{\"source\":\"CAMPAIGN\"}");
    assertThat(rows("satisfaction?month=2026-03&source=CAMPAIGN&tier=A"))
        .containsExactlyElementsOf(campaign.subList(4, 8));
    // the category is a complaint's: a campaign answer has none
    assertThat(rows("satisfaction?month=2026-03&category=service"))
        .containsExactly(
            "2026-03|COMPLAINT|A|delivery|1|0|0|0|1|0|100.0|0.0",
            "2026-03|COMPLAINT|A|quality|1|0|0|0|0|1|100.0|0.0",
            "2026-03|COMPLAINT|A|responsiveness|1|0|1|0|0|0|0.0|100.0",
            "2026-03|COMPLAINT|A|service|1|0|0|1|0|0|0.0|0.0");
    assertThat(rows("satisfaction?month=2026-03&category=service&source=CAMPAIGN")).isEmpty();
    assertThat(rows("satisfaction?month=2026-02&tier=B"))
        .containsExactlyElementsOf(complaint.subList(0, 4));
    // the source filter is the satisfaction figure's only: another figure ignores it
    assertThat(rows("defect-pareto?month=2026-03&source=CAMPAIGN"))
        .isEqualTo(rows("defect-pareto?month=2026-03"));
    assertThat(figure("defect-pareto?month=2026-03&source=CAMPAIGN").get("filters").size())
        .isZero();
  }

  @Test
  void satisfactionAsCsvNamesTheSource() throws Exception {
    assertThat(csv("satisfaction?month=2026-03&tier=A&format=csv", null))
        .isEqualTo(
            """
            month,source,tier,aspect,answers,score1,score2,score3,score4,score5,satisfiedPercent,dissatisfiedPercent\r
            2026-03,CAMPAIGN,A,delivery,1,0,0,0,0,1,100.0,0.0\r
            2026-03,CAMPAIGN,A,quality,1,0,0,1,0,0,0.0,0.0\r
            2026-03,CAMPAIGN,A,responsiveness,1,0,0,0,1,0,100.0,0.0\r
            2026-03,CAMPAIGN,A,service,1,0,0,0,1,0,100.0,0.0\r
            2026-03,COMPLAINT,A,delivery,2,0,0,0,2,0,100.0,0.0\r
            2026-03,COMPLAINT,A,quality,2,0,0,0,1,1,100.0,0.0\r
            2026-03,COMPLAINT,A,responsiveness,2,1,1,0,0,0,0.0,100.0\r
            2026-03,COMPLAINT,A,service,2,0,0,1,0,1,50.0,0.0\r
            """);
  }

  @Test
  void eightDCycleTimePerDiscipline() throws Exception {
    assertThat(rows("eight-d-cycle-times?month=2026-03"))
        .containsExactly(
            "userTaskD0EmergencyResponse|D0 Emergency response"
                + " (紧急响应)|3|1.0|1.5|2.0|4.0|5.2|6.0|3.0",
            "userTaskD1FormTeam|D1 Form the team (成立小组)|1|26.0|26.0|26.0|26.0|26.0|26.0|26.0");
    assertThat(rows("eight-d-cycle-times?month=2026-02")).isEmpty();
    // internal 8Ds belong to no complaint, so no tier
    assertThat(rows("eight-d-cycle-times?month=2026-03&tier=A")).isEmpty();
  }

  @Test
  void eightDPercentilesOfLongDurations() throws Exception {
    // durations of 4, 6, 7 and 13 hours in January 2025 (H2 once failed on such values as double)
    int i = 0;
    for (int hours : new int[] {4, 7, 6, 13}) {
      ZonedDateTime started = at(2025, 1, 6 + i, 9, 0);
      jdbc.sql(
              """
              insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, root_proc_inst_id_, proc_inst_id_, name_,
                start_time_, end_time_, duration_, due_date_, delete_reason_)
              values (?, 'userTaskD4RootCause', 'corrective-action', ?, ?, 'D4 Find the root cause (根本原因分析)', ?, ?, ?, ?, 'completed')\
              """)
          .params(
              "old-d4-" + i,
              "old-8d-" + i,
              "old-8d-" + i,
              ts(started),
              ts(started.plusHours(hours)),
              hours * 3_600_000L,
              ts(started.plusDays(5)))
          .update();
      i++;
    }
    // tasks known only to the engine's history (ended before the records existed) reach the
    // on-time summary through the upgrade's count (V33)
    try (Connection connection = dataSource.getConnection()) {
      OnTimeCounts.rebuild(connection, SHANGHAI);
    }
    assertThat(rows("eight-d-cycle-times?month=2025-06"))
        .containsExactly(
            "userTaskD4RootCause|D4 Find the root cause (根本原因分析)|4|4.0|5.5|6.5|8.5|11.2|13.0|7.5");
    // they were done before their due dates: on time, department unknown (no identity link)
    assertThat(rows("on-time-rates?month=2025-01"))
        .containsExactly(
            "2025-01|corrective-action|userTaskD4RootCause|D4 Find the root cause (根本原因分析)|(8D"
                + " team)|-|4|4|0|100.0");
  }

  @Test
  void escalationsPerMonthLevelAndGroup() throws Exception {
    assertThat(rows("escalations?month=2026-03"))
        .containsExactly(
            "2026-02|1|quality-management|1",
            "2026-03|1|sales-management|2",
            "2026-03|2|general-manager|1");
    // the 8D's escalation counts for the tier of the complaint that raised it
    assertThat(rows("escalations?month=2026-03&tier=A"))
        .containsExactly("2026-02|1|quality-management|1", "2026-03|2|general-manager|1");
    // tier C: K2's confirmation and the contract change (tier of the change's customer)
    assertThat(rows("escalations?month=2026-03&tier=C"))
        .containsExactly("2026-03|1|sales-management|2");
    assertThat(rows("escalations?month=2026-03&category=quality"))
        .containsExactly("2026-03|1|sales-management|1");
    assertThat(rows("escalations?month=2026-03&department=general-manager"))
        .containsExactly("2026-03|2|general-manager|1");
    assertThat(
            jdbc.sql(
                    "select business_key from escalation where task_definition_key ="
                        + " 'userTaskConfirmWithCustomer'")
                .query(String.class)
                .single())
        .isEqualTo(numbers.get("K2"));
  }

  // --- who may read, bad input ----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"salesmanager", "qualitymanager", "quality", "gm", "admin"})
  void managersQualityEngineersAndAdministratorsMayRead(String user) throws Exception {
    mvc.perform(get("/api/dashboard").header(HttpHeaders.AUTHORIZATION, basic(user)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.user").value(user))
        .andExpect(jsonPath("$.currentMonth").value("2026-03"))
        .andExpect(jsonPath("$.figures.length()").value(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/on-time-rates", "/defect-pareto?format=csv", "/open-tasks"})
  void clerksAreRefusedAndStrangersMustLogIn(String path) throws Exception {
    mvc.perform(get("/api/dashboard" + path).header(HttpHeaders.AUTHORIZATION, basic("clerk")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("clerk")));
    for (String user : List.of("sales", "engineer", "production")) {
      mvc.perform(get("/api/dashboard" + path).header(HttpHeaders.AUTHORIZATION, basic(user)))
          .andExpect(status().isForbidden());
    }
    mvc.perform(get("/api/dashboard" + path)).andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/dashboard" + path)
                .header(
                    HttpHeaders.AUTHORIZATION,
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("owner:wrong".getBytes(StandardCharsets.UTF_8))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void badFiltersAreRefusedWithTheReason() throws Exception {
    for (String query :
        List.of(
            "month=2026-13",
            "month=March",
            "tier=D",
            "category=price",
            "department=nobody",
            "source=complaint",
            "source=survey",
            "format=xlsx")) {
      mvc.perform(
              get("/api/dashboard/on-time-rates?" + query)
                  .header(HttpHeaders.AUTHORIZATION, basic("gm")))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value("/problems/validation"))
          .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
    }
    mvc.perform(get("/api/dashboard/revenue").header(HttpHeaders.AUTHORIZATION, basic("gm")))
        .andExpect(status().isNotFound());
  }

  @Test
  void thePageAndItsChartingLibraryAreServedByTheApplication() throws Exception {
    mvc.perform(get("/dashboard"))
        .andExpect(status().is3xxRedirection())
        .andExpect(header().string(HttpHeaders.LOCATION, "/dashboard/"));
    String page =
        mvc.perform(get("/dashboard/").session(com.qmsflow.web.WebTestSupport.signedIn("gm")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains(
            "src=\"/dashboard/vendor/echarts/echarts.min.js\"",
            "src=\"/dashboard/dashboard.js\"",
            "href=\"/app/app.css\"")
        .doesNotContain("//cdn", "https://");
    assertThat(
            mvc.perform(get("/dashboard/vendor/echarts/echarts.min.js"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray()
                .length)
        .isGreaterThan(500_000);
    mvc.perform(get("/dashboard/dashboard.js")).andExpect(status().isOk());
    // the Cockpit plugin that links the page from Cockpit's header
    assertThat(
            getClass()
                .getClassLoader()
                .getResource(
                    "META-INF/resources/webjars/camunda/app/cockpit/scripts/dashboard-link.js"))
        .isNotNull();
  }

  @Test
  void withoutAMonthTheCurrentMonthIsShown() throws Exception {
    JsonNode figure = figure("defect-pareto");
    assertThat(figure.get("month").asText()).isEqualTo("2026-03");
    assertThat(figure.get("rows").size()).isEqualTo(4);
  }
}
