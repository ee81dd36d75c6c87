package com.qmsflow.browser;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.CustomerDecisions;
import com.qmsflow.complaint.SatisfactionSurveyRepository;
import com.qmsflow.processtest.EscalationTimers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The web interface in a real browser (the system Chromium driven by {@code
 * src/test/browser/web-ui.mjs}, see {@link BrowserScript}), against the application on a random
 * port with the demo users:
 *
 * <ul>
 *   <li>the sales manager logs in to the Camunda webapps, opens {@code /dashboard/} and sees every
 *       ECharts chart drawn from figures with rows, and downloads one figure as CSV;
 *   <li>the clerk opens "My group's tasks" in Tasklist, finds the complaint by its number, claims
 *       the confirmation, is stopped by the form's validation on a wrong entry, then completes the
 *       Camunda Form, after which the investigation waits for the sales group.
 * </ul>
 *
 * The history is filled through the engine (complaints, a fired escalation timer, an 8D) and the
 * survey repository, so that every figure of the current month has data. Screenshots go to {@code
 * target/browser/}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:web-ui-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserIT {

  private static final String CONFIRM = "userTaskConfirmWithCustomer";
  private static final String INVESTIGATE = "userTaskInvestigateOnSite";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired SatisfactionSurveyRepository surveys;
  @Autowired CustomerDecisions decisions;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private ComplaintScenario forTheClerk;

  @BeforeAll
  void fillHistory() {
    // confirmed on time and investigated: on-time rate, intake, Pareto; the analysis stays open
    ComplaintScenario confirmed =
        ComplaintScenario.start(engine, intake("C010", "B-WEB-1", "BREAKAGE"))
            .complete(CONFIRM)
            .complete(INVESTIGATE);
    String confirmedNumber = (String) confirmed.variable("complaintNumber");
    Map<String, Integer> scores =
        Map.of("quality", 4, "delivery", 5, "service", 3, "responsiveness", 2);
    scores.forEach(
        (aspect, score) ->
            surveys.recordOnce(
                confirmedNumber,
                "C010",
                (String) confirmed.variable("tier"),
                aspect,
                score,
                Instant.now()));

    // an answer of the yearly campaign (source CAMPAIGN): the dashboard shows both sources
    jdbc.sql(
            "insert into survey_campaign (campaign_number, campaign_year, questionnaire_version,"
                + " aspects, starts_on, customer_selection, customer_count, planned_by, planned_at)"
                + " values ('SC-WEB-01', 2026, 'Q-WEB', 'quality,delivery,service,responsiveness',"
                + " current_date, 'LISTED', 1, 'salesmanager', current_timestamp)")
        .update();
    jdbc.sql(
            "insert into customer_survey (survey_number, campaign_number, customer_code, position,"
                + " tier, sales_rep, state, answered_at) values ('SV-WEB-00001', 'SC-WEB-01',"
                + " 'C001', 1, 'A', 'sales', 'ANSWERED', current_timestamp)")
        .update();
    scores.forEach(
        (aspect, score) ->
            jdbc.sql(
                    "insert into satisfaction_survey (source, survey_number, customer_code, tier,"
                        + " aspect, score, surveyed_at) values ('CAMPAIGN', 'SV-WEB-00001', 'C001',"
                        + " 'A', ?, ?, ?)")
                .params(aspect, 6 - score, java.sql.Timestamp.from(Instant.now()))
                .update());

    // the customer rejected the reply to an earlier complaint: the customers' decisions figure
    decisions.recordOnce(
        confirmedNumber,
        confirmed.instance().getId(),
        CustomerDecisions.REJECTED,
        "The replacement parts arrived scratched again.",
        CustomerDecisions.SALES,
        "phone",
        "sales",
        Instant.now());

    // a confirmation escalated by its timer (fired now instead of in four working hours)
    ComplaintScenario escalated =
        ComplaintScenario.start(engine, intake("C001", "B-WEB-2", "APPEARANCE"));
    EscalationTimers.fire(
        engine.getManagementService(),
        escalated.instance().getId(),
        "userTaskConfirmWithCustomer",
        1);
    escalated.runJobs();

    // an internal 8D raised three hours ago whose D0 is done now: the 8D cycle time
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofHours(3))));
    ProcessInstance eightD =
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
                eightDRequest());
    runJobs(eightD);
    ClockUtil.reset();
    Task d0 =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(eightD.getId())
            .taskDefinitionKey("userTaskD0EmergencyResponse")
            .singleResult();
    engine
        .getFormService()
        .submitTaskForm(
            d0.getId(),
            Map.of(
                "emergencyActions", "Line 2 laminator stopped; all modules of the shift on hold.",
                "eightDApplicability", "applicable"));
    runJobs(eightD);

    // the complaint the clerk confirms in Tasklist
    forTheClerk = ComplaintScenario.start(engine, intake("C013", "B-WEB-3", "BREAKAGE"));
  }

  @Test
  void managerSeesTheDashboardChartsWithDataAndDownloadsCsv() throws Exception {
    BrowserScript.requireChromiumAndNode("WebUiBrowserIT");
    BrowserScript.Result browser =
        BrowserScript.runScript(
            "web-ui.mjs",
            Map.of(
                "SCENARIO", "dashboard",
                "BASE_URL", "http://localhost:" + port,
                "USER", "salesmanager",
                "PASSWORD", "salesmanager"),
            3);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    assertThat(BrowserScript.outputDir().resolve("dashboard.png")).exists();
  }

  @Test
  void clerkConfirmsTheComplaintThroughTheTasklistForm() throws Exception {
    BrowserScript.requireChromiumAndNode("WebUiBrowserIT");
    String number = (String) forTheClerk.variable("complaintNumber");
    Task confirm =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(forTheClerk.instance().getId())
            .taskDefinitionKey(CONFIRM)
            .singleResult();
    assertThat(confirm).isNotNull();

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "web-ui.mjs",
            Map.of(
                "SCENARIO",
                "tasklist",
                "BASE_URL",
                "http://localhost:" + port,
                "USER",
                "clerk",
                "PASSWORD",
                "clerk",
                "COMPLAINT_NUMBER",
                number,
                "TASK_ID",
                confirm.getId()),
            3);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    HistoricTaskInstance done =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .taskId(confirm.getId())
            .singleResult();
    assertThat(done.getEndTime()).as("the confirmation is completed").isNotNull();
    assertThat(done.getAssignee()).isEqualTo("clerk");
    Map<String, Object> variables = new HashMap<>();
    engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(forTheClerk.instance().getId())
        .list()
        .forEach(v -> variables.put(v.getName(), v.getValue()));
    assertThat(variables)
        .containsEntry("confirmationMethod", "phone")
        .containsEntry("confirmedItems", "1. cracked glass at two corners; 2. pallet 7 only")
        .containsEntry("defectExtent", "10 of 1000 modules")
        .containsEntry("defectTrend", "increasing")
        .containsEntry("customerPrescribesReportFormat", true);

    Task next =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(forTheClerk.instance().getId())
            .singleResult();
    assertThat(next.getTaskDefinitionKey()).as("the next department's step").isEqualTo(INVESTIGATE);
    List<IdentityLink> links = engine.getTaskService().getIdentityLinksForTask(next.getId());
    assertThat(links).extracting(IdentityLink::getGroupId).contains("sales");
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskCandidateGroup("sales")
                .processInstanceBusinessKey(number)
                .count())
        .isEqualTo(1);
    Path out = BrowserScript.outputDir();
    assertThat(out.resolve("tasklist-1-validation.png")).exists();
    assertThat(out.resolve("tasklist-3-completed.png")).exists();
  }

  private static Map<String, Object> eightDRequest() {
    Map<String, Object> v = new HashMap<>();
    v.put("problemTitle", "Cracked glass after lamination on line 2");
    v.put("productName", "Mono PERC module 550 W");
    v.put("productModel", "M550-144");
    v.put("batchNumber", "B-8D-WEB");
    v.put("defectCode", "BREAKAGE");
    v.put("description", "Internal audit found micro-cracks in 3 % of laminated modules.");
    v.put("customerPrescribesReportFormat", false);
    return v;
  }

  private void runJobs(ProcessInstance pi) {
    for (int round = 0; round < 5; round++) {
      engine
          .getManagementService()
          .createJobQuery()
          .processInstanceId(pi.getId())
          .messages()
          .list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }
}
