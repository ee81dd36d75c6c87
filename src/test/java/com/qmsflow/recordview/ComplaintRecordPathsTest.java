package com.qmsflow.recordview;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintRecordService;
import com.qmsflow.complaint.ComplaintRecordService.ComplaintRecord;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.FindingColumns;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.records.ProcessRecord;
import com.qmsflow.records.RecordRepository;
import com.qmsflow.records.RecordRetention;
import com.qmsflow.records.RecordsProperties;
import java.time.Clock;
import java.time.Period;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The record after every path of complaint handling (issue 16.2, 16.7): for each path, the steps it
 * went through are recorded in order with who, when and the outcome, its findings and decisions are
 * in the record, and the PDF printed at closure shows them (in English and Chinese). Also: history
 * cleanup changes neither the record nor the print; the retention purge removes old records.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:complaint-record-paths-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ComplaintRecordPathsTest {

  static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  /** From the correction to the archive, as a minor complaint ends. */
  static final List<String> TO_THE_END =
      List.of(
          "userTaskCorrectNonconformity",
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness",
          "userTaskReplyInWriting",
          "userTaskRecordCustomerDecision",
          "userTaskFollowUpAfterDelivery",
          "userTaskAssessProcessStability",
          "userTaskStandardiseImprovement");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired ComplaintRecordService complaintRecords;
  @Autowired RecordPrints prints;
  @Autowired RecordViews views;
  @Autowired RecordPrinter printer;
  @Autowired RecordRetention retention;
  @Autowired RecordRepository recordRepository;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
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

  private ComplaintScenario toAnalysis(Map<String, Object> intake) {
    return ComplaintScenario.start(engine, intake)
        .complete("userTaskConfirmWithCustomer")
        .complete("userTaskInvestigateOnSite");
  }

  private ComplaintScenario toTheEnd(ComplaintScenario c) {
    TO_THE_END.forEach(c::complete);
    return archive(c);
  }

  private ComplaintScenario archive(ComplaintScenario c) {
    return c.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
  }

  private String number(ComplaintScenario c) {
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processInstanceId(c.instance().getId())
        .singleResult()
        .getBusinessKey();
  }

  /** The closed complaint's record, after its print job ran. */
  private Closed closed(ComplaintScenario c) throws Exception {
    String number = number(c);
    for (Job job : engine.getManagementService().createJobQuery().list()) {
      if (PrintAtClosurePlugin.JOB_TYPE.equals(((JobEntity) job).getJobHandlerType())) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
    ComplaintRecord record = complaintRecords.find(number).orElseThrow();
    assertThat(record.complaint().status()).isEqualTo("CLOSED");
    assertThat(record.process().endState()).isEqualTo("COMPLETED");
    assertThat(record.process().steps()).allSatisfy(s -> assertThat(s.outcome()).isNotNull());
    byte[] pdf =
        jdbc.sql(
                "select content from printed_record where owner_kind = 'complaint' and owner_number"
                    + " = ?")
            .param(number)
            .query(byte[].class)
            .single();
    return new Closed(
        number,
        record,
        RecordPagesTest.text(pdf),
        // the register's finding columns hold what the record says, after every path (V29)
        FindingColumns.assertRecorded(jdbc, number));
  }

  record Closed(String number, ComplaintRecord record, String pdf, Map<String, Object> findings) {
    List<String> path() {
      return record.process().steps().stream().map(ProcessRecord.Step::taskDefinitionKey).toList();
    }

    Map<String, Object> values(String task) {
      return record.process().steps(task).get(0).values();
    }
  }

  @Test
  void aSeriousComplaintWithItsEightD() throws Exception {
    Map<String, Object> serious = intake("C002", "B-PATH-8D", "BREAKAGE");
    serious.put("safetyRelated", true);
    ComplaintScenario c =
        toAnalysis(serious)
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .runJobs();
    ProcessInstance eightD =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(c.instance().getId())
            .singleResult();
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
    c.runJobs();
    List.of(
            "userTaskVerifyEffectiveness",
            "userTaskReplyInWriting",
            "userTaskRecordCustomerDecision",
            "userTaskFollowUpAfterDelivery",
            "userTaskSurveyCustomerSatisfaction",
            "userTaskAssessProcessStability",
            "userTaskStandardiseImprovement")
        .forEach(c::complete);
    Closed closed = closed(archive(c));

    assertThat(closed.path())
        .doesNotContain("userTaskReviewMinorSeverity", "userTaskCorrectNonconformity")
        .containsSubsequence(
            "userTaskAnalyseValidityAndCause",
            "userTaskContainSuspectStock",
            "userTaskVerifyEffectiveness",
            "userTaskSurveyCustomerSatisfaction",
            "userTaskArchiveComplaintRecords");
    assertThat(closed.record().process().values())
        .containsEntry("severity", "serious")
        .containsEntry("eightDNumber", eightD.getBusinessKey())
        .containsEntry(
            "permanentActions", "Operator re-trained on the laminator recipe selection.");
    assertThat(closed.findings())
        .containsEntry("severity", "serious")
        .containsEntry("eight_d_number", eightD.getBusinessKey())
        .containsEntry(
            "permanent_actions", "Operator re-trained on the laminator recipe selection.");
    assertThat(closed.record().correctiveActions())
        .singleElement()
        .satisfies(e -> assertThat(e.endState()).isEqualTo("COMPLETED"));
    assertThat(closed.pdf())
        .contains("serious (严重)", eightD.getBusinessKey(), "8D report (8D报告)")
        .contains("Operator re-trained on the laminator recipe selection.");
    // the 8D's own print was stored at its closure, before the complaint's
    assertThat(prints.storeClosed(OwnerKind.CORRECTIVE_ACTION, eightD.getBusinessKey()).content())
        .isNotEmpty();
  }

  @Test
  void anInvalidComplaintExplainedToTheCustomer() throws Exception {
    ComplaintScenario c =
        toAnalysis(intake("C014", "B-PATH-INVALID", "BREAKAGE"))
            .complete(
                "userTaskAnalyseValidityAndCause",
                "complaintValidity",
                "invalid",
                "responsibility",
                "customerStorageOrUsage")
            .complete("userTaskExplainInvalidComplaint");
    Closed closed = closed(archive(c));
    assertThat(closed.path())
        .containsExactly(
            "userTaskConfirmWithCustomer",
            "userTaskInvestigateOnSite",
            "userTaskAnalyseValidityAndCause",
            "userTaskExplainInvalidComplaint",
            "userTaskArchiveComplaintRecords");
    assertThat(closed.values("userTaskAnalyseValidityAndCause"))
        .containsEntry("complaintValidity", "invalid")
        .containsEntry("responsibility", "customerStorageOrUsage");
    assertThat(closed.findings()).containsEntry("responsibility", "customerStorageOrUsage");
    assertThat(closed.pdf()).contains("Explain invalid complaint").doesNotContain("Reply sent");
  }

  @Test
  void aDisputeUpheldBySalesManagement() throws Exception {
    ComplaintScenario c =
        toAnalysis(intake("C014", "B-PATH-DISPUTE", "BREAKAGE"))
            .complete("userTaskAnalyseValidityAndCause", "complaintValidity", "invalid")
            .complete("userTaskExplainInvalidComplaint", "customerDisputes", true)
            .complete("userTaskSettleDispute");
    Closed closed = closed(archive(c));
    assertThat(closed.path())
        .containsSubsequence(
            "userTaskExplainInvalidComplaint",
            "userTaskSettleDispute",
            "userTaskArchiveComplaintRecords");
    assertThat(closed.values("userTaskSettleDispute"))
        .containsEntry("disputeDecision", "upholdInvalid")
        .containsEntry("disputeReason", "Storage photos are conclusive.");
    assertThat(closed.record().process().steps("userTaskSettleDispute").get(0).candidateGroups())
        .isEqualTo("sales-management");
    assertThat(closed.pdf()).contains("Storage photos are conclusive.", "sales-management");
  }

  @Test
  void returnAndRecallApprovedByTheGeneralManager() throws Exception {
    ComplaintScenario c =
        toAnalysis(intake("C011", "B-PATH-RETURN", "BREAKAGE"))
            .complete(
                "userTaskAnalyseValidityAndCause",
                "returnExchangeRequested",
                true,
                "recallRequested",
                true)
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .complete("userTaskApproveReturnExchange")
            .complete("userTaskTakeBackGoods")
            .complete("userTaskApproveRecall")
            .complete("userTaskRecallBatch");
    Closed closed = closed(toTheEnd(c));
    assertThat(closed.path())
        .containsSubsequence(
            "userTaskApproveReturnExchange",
            "userTaskTakeBackGoods",
            "userTaskApproveRecall",
            "userTaskRecallBatch",
            "userTaskArchiveComplaintRecords");
    for (String approval : List.of("userTaskApproveReturnExchange", "userTaskApproveRecall")) {
      assertThat(closed.record().process().steps(approval).get(0).candidateGroups())
          .isEqualTo("general-manager");
    }
    assertThat(closed.values("userTaskApproveRecall")).isNotEmpty();
    assertThat(closed.pdf()).contains("Approve recall", "Recall batch", "general-manager");
  }

  @Test
  void compensationApprovedAtTheLevelOfItsAmount() throws Exception {
    ComplaintScenario c =
        toAnalysis(intake("C013", "B-PATH-COMP", "BREAKAGE"))
            .complete("userTaskAnalyseValidityAndCause", "compensationAmount", 20000)
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .complete("userTaskApproveCompensation", "approvedCompensationAmount", 18000);
    Closed closed = closed(toTheEnd(c));
    ProcessRecord.Step approval =
        closed.record().process().steps("userTaskApproveCompensation").get(0);
    assertThat(approval.candidateGroups()).isEqualTo("quality-management");
    assertThat(approval.values()).containsEntry("approvedCompensationAmount", 18000);
    assertThat(closed.values("userTaskAnalyseValidityAndCause"))
        .containsEntry("compensationAmount", 20000);
    assertThat(closed.findings())
        .containsEntry("compensation_amount", "20000")
        .containsEntry("approved_compensation_amount", "18000");
    assertThat(closed.pdf()).contains("18000", "quality-management");
  }

  @Test
  void anEnvironmentalComplaint() throws Exception {
    Map<String, Object> intake = intake("C015", "B-PATH-ENV", "ENV-NOISE");
    intake.put("category", "environmental");
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake)
            .complete("userTaskInvestigateEnvironmentalComplaint")
            .complete("userTaskEnterEnvironmentalSolution");
    Closed closed = closed(archive(c));
    assertThat(closed.path())
        .containsExactly(
            "userTaskInvestigateEnvironmentalComplaint",
            "userTaskEnterEnvironmentalSolution",
            "userTaskArchiveComplaintRecords");
    assertThat(
            closed
                .record()
                .process()
                .steps("userTaskInvestigateEnvironmentalComplaint")
                .get(0)
                .candidateGroups())
        .isEqualTo("general-affairs");
    assertThat(closed.findings().get("responsible_department"))
        .isEqualTo(closed.record().process().values().get("environmentalResponsibleDepartment"))
        .isNotNull();
    assertThat(closed.pdf()).contains("Environmental (环境投诉)", "general-affairs");
  }

  @Test
  void aUsageQuestionAnsweredOnTheSpot() throws Exception {
    Map<String, Object> intake = intake("C005", "B-PATH-SPOT", "USAGE-QUESTION");
    intake.put("category", "service");
    intake.put("usageQuestion", true);
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake).complete("userTaskAnswerOnTheSpot");
    Closed closed = closed(archive(c));
    assertThat(closed.path())
        .containsExactly("userTaskAnswerOnTheSpot", "userTaskArchiveComplaintRecords");
    assertThat(closed.values("userTaskAnswerOnTheSpot"))
        .containsEntry("onTheSpotAnswer", "Explained the correct torque for the mounting clamps.");
    assertThat(closed.pdf()).contains("Explained the correct torque for the mounting clamps.");
  }

  @Test
  void theThirdComplaintOfABatchAndDefectHoldsTheQualityAnalysisMeeting() throws Exception {
    toAnalysis(intake("C002", "B-PATH-REPEAT", "PULL-STRENGTH"));
    toAnalysis(intake("C003", "B-PATH-REPEAT", "PULL-STRENGTH"));
    ComplaintScenario third =
        toAnalysis(intake("C004", "B-PATH-REPEAT", "PULL-STRENGTH"))
            .complete("userTaskHoldQualityAnalysisMeeting");
    ComplaintRecord record = complaintRecords.find(number(third)).orElseThrow();
    assertThat(record.process().values()).containsEntry("sameBatchDefectCount", 3);
    ProcessRecord.Step meeting =
        record.process().steps("userTaskHoldQualityAnalysisMeeting").get(0);
    assertThat(meeting.candidateGroups()).isEqualTo("quality");
    assertThat(meeting.values()).containsKey("meetingResolution");
    // the page's view of the open record: the meeting in the findings, the analysis open
    RecordView view = views.complaint(number(third), null);
    assertThat(view.closed()).isFalse();
    assertThat(view.steps()).last().satisfies(s -> assertThat(s.state()).isEqualTo("open"));
    String html = printer.html(view);
    assertThat(html)
        .contains("Hold quality meeting (召开质量分析会)")
        .contains("Complaints of the same batch and defect (同批次同缺陷投诉数)");
  }

  @Test
  void theRecordAndItsPrintAreTheSameAfterHistoryCleanupAndGoneAfterTheRetentionPurge()
      throws Exception {
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
        toAnalysis(intake("C010", "B-PATH-CLEANUP", "BREAKAGE"))
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock");
    Closed before = closed(toTheEnd(c));
    RecordView viewBefore = views.complaint(before.number(), null);
    String htmlBefore = printer.html(viewBefore);
    byte[] printBefore = prints.download(OwnerKind.COMPLAINT, before.number()).content();

    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(3).toInstant()));
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(c.instance().getId())
                .count())
        .isZero();

    assertThat(complaintRecords.find(before.number()).orElseThrow()).isEqualTo(before.record());
    assertThat(views.complaint(before.number(), null)).isEqualTo(viewBefore);
    assertThat(prints.download(OwnerKind.COMPLAINT, before.number()).content())
        .isEqualTo(printBefore);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    assertThat(printer.html(views.complaint(before.number(), null))).isEqualTo(htmlBefore);

    // retention (qms.records.retention): by default nothing is removed; with a period, records
    // of processes that ended before it are removed (the stored print stays)
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(3).toInstant()));
    assertThat(retention.purge()).isZero();
    RecordRetention oneDay =
        new RecordRetention(
            recordRepository,
            new RecordsProperties(Period.ofDays(1), null),
            Clock.fixed(MONDAY_MORNING.plusDays(3).toInstant(), ZoneId.of("UTC")));
    assertThat(oneDay.purge()).isPositive();
    assertThat(complaintRecords.find(before.number()).orElseThrow().process()).isNull();
    assertThat(prints.download(OwnerKind.COMPLAINT, before.number()).content())
        .isEqualTo(printBefore);
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
