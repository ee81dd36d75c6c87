package com.qmsflow.taskcontext;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The complaint forms in Tasklist in a real browser (the system Chromium driven by {@code
 * src/test/browser/task-forms.mjs}), in English and Chinese, each opened by a user of the task's
 * group: containment shows the cause analysis, the severity review the findings, the verification
 * the corrective actions (and no empty 8D fields), the archive the record's summary, the recurrence
 * meeting its complaints; category and channel as labels, times in plant time (issue 18.2); the
 * Chinese interface's own texts translated (18.8); text typed at human speed right after a number
 * field is kept whole (18.7); refusals at their field or at the evidence link, gone once corrected,
 * and the date picker in Chinese with ISO dates (18). Screenshots go to {@code target/browser/}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:task-forms-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskFormsBrowserIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  private String containTask;
  private String typingTask;
  private String reviewTask;
  private String verifyTask;
  private String archiveTask;
  private String meetingTask;
  private List<String> recurrenceNumbers;
  private String dateTaskZh;
  private String dateTaskEn;
  private String evidenceTask;

  private static final List<String> TO_CONTAINMENT =
      List.of(
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate");

  /** Each complaint of another customer: a customer's repeated defect would make it serious. */
  @BeforeAll
  void complaints() {
    // the scenario's dates (ComplaintScenario.TODAY) are that Monday: every reply is on time
    ClockUtil.setCurrentTime(Date.from(TaskContextsTest.MONDAY_MORNING.toInstant()));
    try {
      prepare();
    } finally {
      ClockUtil.reset();
    }
  }

  private void prepare() {
    jdbc.sql("delete from recurrence_meeting").update();
    ComplaintScenario review =
        ComplaintScenario.start(engine, intake("C010", "B-FORM-1", "BREAKAGE"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause");
    reviewTask = task(review, "userTaskReviewMinorSeverity");

    ComplaintScenario contain =
        ComplaintScenario.start(engine, intake("C013", "B-FORM-2", "BREAKAGE"));
    TO_CONTAINMENT.forEach(contain::complete);
    containTask = task(contain, "userTaskContainSuspectStock");

    ComplaintScenario typing =
        ComplaintScenario.start(engine, intake("C001", "B-FORM-3", "BREAKAGE"));
    TO_CONTAINMENT.forEach(typing::complete);
    typingTask = task(typing, "userTaskContainSuspectStock");

    ComplaintScenario verify =
        ComplaintScenario.start(engine, intake("C005", "B-FORM-4", "BREAKAGE"));
    TO_CONTAINMENT.forEach(verify::complete);
    verify
        .complete("userTaskContainSuspectStock")
        .complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence");
    verifyTask = task(verify, "userTaskVerifyEffectiveness");

    ComplaintScenario archive =
        ComplaintScenario.start(engine, intake("C014", "B-FORM-5", "BREAKAGE"));
    TO_CONTAINMENT.forEach(archive::complete);
    List.of(
            "userTaskContainSuspectStock",
            "userTaskCorrectNonconformity",
            "userTaskCollectImprovementEvidence",
            "userTaskVerifyEffectiveness",
            "userTaskReplyInWriting",
            "userTaskRecordCustomerDecision",
            "userTaskFollowUpAfterDelivery",
            "userTaskAssessProcessStability",
            "userTaskStandardiseImprovement")
        .forEach(archive::complete);
    archive.runJobs();
    archiveTask = task(archive, "userTaskArchiveComplaintRecords");

    for (String customer : List.of("C006", "C007")) {
      ComplaintScenario investigate =
          ComplaintScenario.start(engine, intake(customer, "B-FORM-DATE-" + customer, "BREAKAGE"))
              .complete("userTaskConfirmWithCustomer");
      String task = task(investigate, "userTaskInvestigateOnSite");
      if (dateTaskZh == null) {
        dateTaskZh = task;
      } else {
        dateTaskEn = task;
      }
    }

    ComplaintScenario evidence =
        ComplaintScenario.start(engine, intake("C008", "B-FORM-EVIDENCE", "BREAKAGE"));
    TO_CONTAINMENT.forEach(evidence::complete);
    evidence.complete("userTaskContainSuspectStock").complete("userTaskCorrectNonconformity");
    evidenceTask = task(evidence, "userTaskCollectImprovementEvidence");

    ComplaintScenario last = null;
    for (String customer : List.of("C002", "C003", "C004")) {
      last =
          ComplaintScenario.start(engine, intake(customer, "B-FORM-REPEAT", "PULL-STRENGTH"))
              .complete("userTaskConfirmWithCustomer")
              .complete("userTaskInvestigateOnSite");
    }
    meetingTask = task(last, "userTaskHoldQualityAnalysisMeeting");
    recurrenceNumbers =
        jdbc.sql(
                "select complaint_number from complaint where batch_number = 'B-FORM-REPEAT'"
                    + " order by complaint_number")
            .query(String.class)
            .list();
  }

  private String task(ComplaintScenario c, String key) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey(key)
            .singleResult();
    assertThat(task).as("open task %s", key).isNotNull();
    return task.getId();
  }

  private BrowserScript.Result run(String scenario, Map<String, String> extra) throws Exception {
    BrowserScript.requireChromiumAndNode("TaskFormsBrowserIT");
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("SCENARIO", scenario);
    env.put("BASE_URL", "http://localhost:" + port);
    return BrowserScript.runScript("task-forms.mjs", env, 6);
  }

  @Test
  void eachFormShowsTheContextToDecideInEnglishAndChinese() throws Exception {
    BrowserScript.Result browser =
        run(
            "context",
            Map.of(
                "CONTAIN_TASK", containTask,
                "REVIEW_TASK", reviewTask,
                "VERIFY_TASK", verifyTask,
                "ARCHIVE_TASK", archiveTask,
                "MEETING_TASK", meetingTask,
                "RECURRENCE_NUMBERS", recurrenceNumbers.stream().collect(Collectors.joining(","))));
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    for (String lang : List.of("en", "zh")) {
      for (String form : List.of("contain", "review", "verify", "archive", "meeting")) {
        assertThat(BrowserScript.outputDir().resolve("form-" + form + "-" + lang + ".png"))
            .exists();
      }
    }
  }

  @Test
  void refusalsStandWhereTheUserLooksAndGoWhenCorrectedAndTheDatePickerSpeaksChinese()
      throws Exception {
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    BrowserScript.Result browser =
        run(
            "refusals",
            Map.of(
                "DATE_TASK_ZH", dateTaskZh,
                "DATE_TASK_EN", dateTaskEn,
                "EVIDENCE_TASK", evidenceTask,
                "TODAY", today));
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
    // the date typed in the Chinese interface is what the task stored, as an ISO date
    String instance =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .taskId(dateTaskZh)
            .singleResult()
            .getProcessInstanceId();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance)
                .variableName("sampleReceivedDate")
                .singleResult()
                .getValue())
        .isEqualTo(today);
    assertThat(BrowserScript.outputDir().resolve("refusal-evidence-zh.png")).exists();
  }

  @Test
  void textTypedAtHumanSpeedAfterANumberFieldIsKeptWhole() throws Exception {
    BrowserScript.Result browser = run("typing", Map.of("TYPING_TASK", typingTask));
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();
  }
}
