package com.qmsflow.recordview;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.web.WebTestSupport;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The record pages and the printed records (issue 16.4, 16.5, 16.6): a closed complaint and a
 * closed 8D report are printed once by a job queued at closure and stored with their SHA-256; every
 * download gives the stored bytes; the PDF holds the record in English and Chinese; pages and PDFs
 * follow the access rules of complaint data; history cleanup changes neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:record-pages-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class RecordPagesTest {

  static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  static final List<String> MINOR_PATH =
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
          "userTaskArchiveComplaintRecords");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired RecordPrints prints;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    // earlier complaints of the same batch and defect would make the next one a recurrence
    for (String table :
        List.of(
            "satisfaction_survey",
            "escalation",
            "notification",
            "recurrence_meeting",
            "complaint")) {
      jdbc.sql("delete from " + table).update();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ComplaintScenario closedMinorComplaint(String batch) {
    ComplaintScenario c = ComplaintScenario.start(engine, intake("C010", batch, "BREAKAGE"));
    MINOR_PATH.forEach(
        task -> {
          c.complete(task);
          c.runJobs();
        });
    return c;
  }

  private String number(ProcessInstance instance) {
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId())
        .singleResult()
        .getBusinessKey();
  }

  private List<Job> printJobs() {
    return engine.getManagementService().createJobQuery().list().stream()
        .filter(
            j ->
                PrintAtClosurePlugin.JOB_TYPE.equals(
                    ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j)
                        .getJobHandlerType()))
        .toList();
  }

  private void runPrintJobs() {
    printJobs().forEach(job -> engine.getManagementService().executeJob(job.getId()));
  }

  private MockHttpServletResponse api(String path, String user) throws Exception {
    var request = get(path);
    if (user != null) {
      request.header(
          HttpHeaders.AUTHORIZATION,
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private MockHttpServletResponse page(String path, String user, String language) throws Exception {
    return mvc.perform(
            get(path)
                .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .session(WebTestSupport.signedIn(user)))
        .andReturn()
        .getResponse();
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** Renders the first page to /tmp for a look at it (and checks that it renders). */
  static void firstPageAsPng(byte[] pdf, String name) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 80);
      assertThat(image.getWidth()).isGreaterThan(500);
      ImageIO.write(image, "png", new File(System.getProperty("java.io.tmpdir"), name));
    }
  }

  @Test
  void aClosedComplaintIsPrintedOnceAtClosureAndEveryDownloadGivesTheStoredBytes()
      throws Exception {
    ComplaintScenario c = closedMinorComplaint("B-PRINT-1");
    String number = number(c.instance());
    assertThat(
            jdbc.sql("select status from complaint where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("CLOSED");
    // the closure queued one print job; nothing is printed before it runs
    assertThat(printJobs()).hasSize(1);
    assertThat(count(number)).isZero();
    runPrintJobs();
    assertThat(printJobs()).isEmpty();
    assertThat(count(number)).isOne();

    byte[] stored =
        jdbc.sql("select content from printed_record where owner_number = ?")
            .param(number)
            .query(byte[].class)
            .single();
    String sha256 =
        jdbc.sql("select sha256 from printed_record where owner_number = ?")
            .param(number)
            .query(String.class)
            .single();
    assertThat(sha256).isEqualTo(PrintedRecords.sha256(stored)).hasSize(64);

    MockHttpServletResponse first = api("/api/complaints/" + number + "/record.pdf", "quality");
    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(first.getContentType()).isEqualTo("application/pdf");
    assertThat(first.getHeader("X-Content-SHA256")).isEqualTo(sha256);
    assertThat(first.getHeader(HttpHeaders.CONTENT_DISPOSITION))
        .contains("attachment", number + "-record.pdf");
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(40).toInstant()));
    MockHttpServletResponse second = api("/api/complaints/" + number + "/record.pdf", "clerk");
    assertThat(first.getContentAsByteArray())
        .isEqualTo(second.getContentAsByteArray())
        .isEqualTo(stored);

    // a second print job (as after a retry) stores nothing new
    assertThat(prints.storeClosed(OwnerKind.COMPLAINT, number).content()).isEqualTo(stored);
    assertThat(count(number)).isOne();

    String text = text(stored);
    assertThat(text)
        .contains("Complaint record " + number, "客诉记录 " + number)
        .contains("B-PRINT-1", "Mono PERC module 550 W", "BREAKAGE")
        .contains("Timeline of every step", "各步骤时间线")
        .contains("Confirm complaint", "on time (按时)")
        .contains("Corner protectors missing at packing line 3")
        .contains("Reply sent to the customer (给客户的书面答复)")
        .contains("Evidence files (证据文件)", TestEvidence.PNG_SHA256.substring(0, 16))
        .contains("Closed (已结案)");
    firstPageAsPng(stored, "complaint-record.png");
  }

  private int count(String number) {
    return jdbc.sql("select count(*) from printed_record where owner_number = ?")
        .param(number)
        .query(Integer.class)
        .single();
  }

  @Test
  void
      theComplaintRecordPageShowsHeaderTimelineFindingsEvidenceAndTheOpenTaskToThoseWhoMayWorkOnIt()
          throws Exception {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C010", "B-PAGE-1", "BREAKAGE"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite");
    String number = number(c.instance());
    Task open =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .singleResult();

    String en = page("/complaints/" + number, "quality", "en").getContentAsString();
    assertThat(en)
        .contains("Complaint record " + number, "B-PAGE-1", "Mono PERC module 550 W")
        .contains("Confirm complaint", "Investigate on site", open.getName().split(" \\(")[0])
        .contains("Timeline of every step", "Findings and decisions")
        .contains("/tasklist/default/#/?task=" + open.getId())
        .contains("href=\"/api/complaints/" + number + "/record.pdf\"")
        .doesNotContain("??");
    String zh = page("/complaints/" + number, "quality", "zh-CN").getContentAsString();
    assertThat(zh).contains("客诉记录 " + number, "各步骤时间线", "调查结果与决定");
    // sales may read it but the open task (quality's analysis) is not theirs
    String sales = page("/complaints/" + number, "sales", "en").getContentAsString();
    assertThat(sales).contains("Complaint record " + number).doesNotContain("?task=");
  }

  @Test
  void aFailedPrintNeverUndoesTheClosureItIsRetriedAndThenAnIncident() throws Exception {
    ComplaintScenario c = closedMinorComplaint("B-PRINT-FAIL");
    String number = number(c.instance());
    Job print = printJobs().get(0);
    // as if printing broke: without its ended process record the complaint does not print
    jdbc.sql(
            "update process_record set ended_at = null, end_state = null"
                + " where process_instance_id = ?")
        .param(c.instance().getId())
        .update();
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> engine.getManagementService().executeJob(print.getId())))
        .hasMessageContaining("is not closed");
    Job retried =
        engine.getManagementService().createJobQuery().jobId(print.getId()).singleResult();
    assertThat(retried.getRetries()).isEqualTo(2);
    assertThat(retried.getExceptionMessage()).contains(number);
    assertThat(
            jdbc.sql("select status from complaint where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("CLOSED");
    assertThat(count(number)).isZero();

    engine.getManagementService().setJobRetries(print.getId(), 1);
    org.assertj.core.api.Assertions.catchThrowable(
        () -> engine.getManagementService().executeJob(print.getId()));
    assertThat(
            engine
                .getRuntimeService()
                .createIncidentQuery()
                .configuration(print.getId())
                .singleResult())
        .isNotNull()
        .satisfies(i -> assertThat(i.getProcessDefinitionId()).isNotNull());

    // repaired, "Retry" in Cockpit prints it
    jdbc.sql(
            "update process_record set ended_at = started_at, end_state = 'COMPLETED'"
                + " where process_instance_id = ?")
        .param(c.instance().getId())
        .update();
    engine.getManagementService().setJobRetries(print.getId(), 1);
    engine.getManagementService().executeJob(print.getId());
    assertThat(count(number)).isOne();
  }

  @Test
  void readersFollowTheRulesOfComplaintDataOnPagesAndPdfs() throws Exception {
    ComplaintScenario c = closedMinorComplaint("B-ACCESS-1");
    runPrintJobs();
    String number = number(c.instance());
    String path = "/api/complaints/" + number + "/record.pdf";
    for (String reader :
        List.of("clerk", "sales", "salesmanager", "quality", "qualitymanager", "gm", "admin")) {
      assertThat(api(path, reader).getStatus()).as(reader).isEqualTo(200);
      assertThat(page("/complaints/" + number, reader, "en").getStatus()).as(reader).isEqualTo(200);
    }
    // production corrected the nonconformity (its task), engineering and general affairs had none
    assertThat(api(path, "production").getStatus()).isEqualTo(200);
    for (String outsider : List.of("engineer", "affairs", "material")) {
      MockHttpServletResponse refused = api(path, outsider);
      assertThat(refused.getStatus()).as(outsider).isEqualTo(403);
      assertThat(refused.getContentType()).isEqualTo("application/problem+json");
      MockHttpServletResponse pageRefused = page("/complaints/" + number, outsider, "en");
      assertThat(pageRefused.getStatus()).isEqualTo(403);
      assertThat(pageRefused.getContentAsString())
          .contains("Record not available")
          .doesNotContain("B-ACCESS-1");
    }
    assertThat(api(path, null).getStatus()).isEqualTo(401);
    assertThat(api("/api/complaints/CC-2026-999999/record.pdf", "quality").getStatus())
        .isEqualTo(404);
    assertThat(page("/complaints/CC-2026-999999", "quality", "en").getStatus()).isEqualTo(404);
  }

  @Test
  void aClosedEightDIsPrintedInTheSectionsOfTheVdaReport() throws Exception {
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
                new HashMap<>(
                    Map.of(
                        "problemTitle", "Cracked glass after lamination on line 2",
                        "productName", "Mono PERC module 550 W",
                        "productModel", "M550-144",
                        "batchNumber", "B-PRINT-8D",
                        "defectCode", "BREAKAGE",
                        "description", "Internal audit found micro-cracks.",
                        "customerPrescribesReportFormat", false)));
    complete(
        eightD,
        "userTaskD0EmergencyResponse",
        Map.of(
            "emergencyActions", "Pallets of the batch on hold.",
            "eightDApplicability", "notApplicable",
            "notApplicableReason", "Transport damage, handled by the carrier claim"));
    complete(
        eightD,
        "userTaskCorrectWithoutEightD",
        Map.of(
            "simpleCorrection",
            "Operator re-trained on the laminator recipe selection.",
            "simpleCorrectionVerified",
            true));
    for (Job job :
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(eightD.getId())
            .messages()
            .list()) {
      engine.getManagementService().executeJob(job.getId());
    }
    String number = eightD.getBusinessKey();
    assertThat(printJobs()).hasSize(1);
    runPrintJobs();

    MockHttpServletResponse pdf =
        api("/api/corrective-actions/" + number + "/report.pdf", "quality");
    assertThat(pdf.getStatus()).isEqualTo(200);
    String text = text(pdf.getContentAsByteArray());
    assertThat(text)
        .contains("8D report " + number, "8D报告 " + number)
        .contains("D0 Emergency response (D0 紧急响应)", "D8 Closure and team recognition")
        .contains("Pallets of the batch on hold.", "Transport damage, handled by the carrier claim")
        .contains("Not reached. (尚未进行。)");
    firstPageAsPng(pdf.getContentAsByteArray(), "eight-d-report.png");
    assertThat(
            api("/api/corrective-actions/" + number + "/report.pdf", "quality")
                .getContentAsByteArray())
        .isEqualTo(pdf.getContentAsByteArray());

    String page =
        page("/corrective-actions/" + number, "qualitymanager", "en").getContentAsString();
    assertThat(page)
        .contains("8D report " + number, "D0 Emergency response", "D4 Root cause and escape point")
        .contains("Operator re-trained on the laminator recipe selection.");
    // raised by QA without a complaint: sales has no access
    assertThat(api("/api/corrective-actions/" + number + "/report.pdf", "sales").getStatus())
        .isEqualTo(403);
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
