package com.qmsflow.recordview;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.evidence.TestEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser: a QA engineer ({@code quality}) logs in to Tasklist, opens a closed complaint's
 * record page ({@code src/test/browser/record-page.mjs}) in English and Chinese, narrows the
 * timeline to late steps and downloads the PDF; the file is the print stored at closure, byte for
 * byte. Screenshots: {@code target/browser/record-page-en.png}, {@code record-page-zh.png}. Skipped
 * (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:record-page-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordPageBrowserIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  @Test
  void aQualityEngineerOpensAClosedComplaintsRecordAndDownloadsItsPdf() throws Exception {
    BrowserScript.requireChromiumAndNode("RecordPageBrowserIT");

    // a complaint of a Monday morning, handled the same day (the clock of engine and application)
    ClockUtil.setCurrentTime(
        Date.from(
            ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant()));
    ComplaintScenario c = ComplaintScenario.start(engine, intake("C010", "B-BROWSER-REC", "LABEL"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    for (String task :
        List.of(
            "userTaskConfirmWithCustomer",
            "userTaskInvestigateOnSite",
            "userTaskAnalyseValidityAndCause",
            "userTaskReviewMinorSeverity",
            "userTaskCommitImprovementDate",
            "userTaskContainSuspectStock",
            "userTaskCorrectNonconformity",
            "userTaskCollectImprovementEvidence",
            "userTaskVerifyEffectiveness",
            "userTaskReplyInWriting",
            "userTaskRecordCustomerDecision",
            "userTaskFollowUpAfterDelivery",
            "userTaskAssessProcessStability",
            "userTaskStandardiseImprovement",
            "userTaskArchiveComplaintRecords")) {
      c.complete(task).runJobs();
    }
    for (Job job : engine.getManagementService().createJobQuery().list()) {
      if (PrintAtClosurePlugin.JOB_TYPE.equals(((JobEntity) job).getJobHandlerType())) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
    String eightD = closedEightD();
    ClockUtil.reset();
    byte[] stored =
        jdbc.sql("select content from printed_record where owner_number = ?")
            .param(number)
            .query(byte[].class)
            .single();

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "record-page.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "TASKLIST_USER",
                "quality",
                "TASKLIST_PASSWORD",
                "quality",
                "COMPLAINT_NUMBER",
                number,
                "EIGHT_D_NUMBER",
                eightD),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    Path out = BrowserScript.outputDir();
    assertThat(Files.readAllBytes(out.resolve("record.pdf"))).isEqualTo(stored);
    assertThat(out.resolve("record-page-en.png")).exists();
    assertThat(out.resolve("record-page-zh.png")).exists();
    assertThat(out.resolve("eight-d-page-en.png")).exists();
  }

  /** An 8D raised by QA that D0 found not to fit, corrected without 8D and closed. */
  private String closedEightD() {
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
                new HashMap<>(
                    Map.of(
                        "problemTitle", "Cracked glass after lamination on line 2",
                        "productName", "Mono PERC module 550 W",
                        "productModel", "M550-144",
                        "batchNumber", "B-BROWSER-8D",
                        "defectCode", "BREAKAGE",
                        "description", "Internal audit found micro-cracks.",
                        "customerPrescribesReportFormat", false)));
    complete(
        pi,
        "userTaskD0EmergencyResponse",
        Map.of(
            "emergencyActions", "Pallets of the batch on hold.",
            "eightDApplicability", "notApplicable",
            "notApplicableReason", "Transport damage, handled by the carrier claim"));
    complete(
        pi,
        "userTaskCorrectWithoutEightD",
        Map.of(
            "simpleCorrection",
            "Operator re-trained on the laminator recipe selection.",
            "simpleCorrectionVerified",
            true));
    engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(pi.getId())
        .messages()
        .list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    return pi.getBusinessKey();
  }

  private void complete(ProcessInstance pi, String key, Map<String, Object> values) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey(key)
            .singleResult();
    TestEvidence.attachIfRequired(engine, task);
    engine.getTaskService().complete(task.getId(), new HashMap<>(values));
  }
}
