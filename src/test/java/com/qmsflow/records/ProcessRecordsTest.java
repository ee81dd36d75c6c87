package com.qmsflow.records;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.access.Reader;
import com.qmsflow.capa.CorrectiveActionController;
import com.qmsflow.capa.CorrectiveActionVariables;
import com.qmsflow.complaint.ComplaintFindings;
import com.qmsflow.complaint.ComplaintOpenDue;
import com.qmsflow.complaint.ComplaintRecordService;
import com.qmsflow.complaint.ComplaintRecordService.ComplaintRecord;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.complaint.FindingColumns;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.register.ComplaintRegister;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
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
 * The record of complaints and 8Ds in the project's tables (issue 16.1 and 16.2): written as the
 * processes run, written once however often a completion is recorded, unchanged by Camunda's
 * history cleanup, and backfilled once from history for instances that ran before it existed.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:process-records-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ProcessRecordsTest {

  static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  /** A serious complaint's steps before its 8D starts. */
  static final List<String> TO_EIGHT_D =
      List.of(
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock");

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
          "userTaskStandardiseImprovement");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired ComplaintRecordService complaintRecords;
  @Autowired ProcessRecords records;
  @Autowired ProcessRecorder recorder;
  @Autowired RecordBackfill backfill;
  @Autowired PartyBackfill partyBackfill;
  @Autowired CorrectiveActionController eightDReports;
  @Autowired ComplaintFindings findings;
  @Autowired ComplaintOpenDue openDue;
  @Autowired ComplaintRegister register;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    // earlier complaints of the same customer and defect would make the next one a recurrence
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

  private ComplaintScenario minorComplaint(String batch) {
    ComplaintScenario c = ComplaintScenario.start(engine, intake("C010", batch, "BREAKAGE"));
    MINOR_PATH.forEach(c::complete);
    return c.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
  }

  private String number(ComplaintScenario c) {
    // the complaint number is the business key of its (possibly ended) instance
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processInstanceId(c.instance().getId())
        .singleResult()
        .getBusinessKey();
  }

  @Test
  void aMinorComplaintIsRecordedStepByStepWithItsFindingsAndDecisions() {
    long started = System.nanoTime();
    ComplaintScenario c = minorComplaint("B-REC-MINOR");
    System.out.printf(
        "minor complaint path (14 user tasks) with recording: %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    ComplaintRecord record = complaintRecords.find(number(c)).orElseThrow();

    assertThat(record.complaint().status()).isEqualTo("CLOSED");
    ProcessRecord process = record.process();
    assertThat(process.processKey()).isEqualTo(ComplaintVariables.PROCESS_KEY);
    assertThat(process.businessKey()).isEqualTo(number(c));
    assertThat(process.endState()).isEqualTo("COMPLETED");
    assertThat(process.steps())
        .extracting(ProcessRecord.Step::taskDefinitionKey)
        .containsExactlyInAnyOrderElementsOf(concat(MINOR_PATH, "userTaskArchiveComplaintRecords"));
    assertThat(process.steps())
        .allSatisfy(
            step -> {
              assertThat(step.outcome()).isEqualTo("COMPLETED");
              assertThat(step.endedAt()).isNotNull();
              assertThat(step.candidateGroups()).isNotBlank();
              if (step.dueAt() != null) {
                assertThat(step.onTime()).isTrue();
              }
            });
    assertThat(process.steps("userTaskConfirmWithCustomer").get(0).nameEn())
        .isEqualTo("Confirm complaint");
    // the findings of a step are what its submission set
    ProcessRecord.Step analysis = process.steps("userTaskAnalyseValidityAndCause").get(0);
    assertThat(analysis.dueAt()).isNotNull();
    assertThat(analysis.values())
        .containsEntry(
            "causeAnalysis", "Corner protectors missing at packing line 3 since the shift change.")
        .containsEntry("responsibility", "productQuality")
        .containsEntry("causeOrigin", "ownPlant")
        .containsEntry("batchWide", false)
        .containsEntry("compensationAmount", 0);
    assertThat(process.steps("userTaskReplyInWriting").get(0).values())
        .containsEntry("replySentDate", ComplaintScenario.TODAY);
    // decisions the process took itself (severity, tier) are in the current values
    assertThat(process.values())
        .containsEntry("severity", "minor")
        .containsEntry("tier", "B")
        .containsEntry("complaintNumber", number(c))
        .containsEntry("archiveLocation", "QA archive cabinet 3 / 2026");
    assertThat(process.value("receivedAt")).isInstanceOf(Date.class);
  }

  @Test
  void aSeriousComplaintsEightDIsRecordedAsCalledByIt() {
    ComplaintScenario c = seriousComplaint("B-REC-8D");
    TO_EIGHT_D.forEach(c::complete);
    c.runJobs();
    ProcessInstance eightD = eightDOf(c);
    completeWithoutEightD(eightD);
    c.runJobs();

    ComplaintRecord record = complaintRecords.find(number(c)).orElseThrow();
    assertThat(record.correctiveActions()).hasSize(1);
    ProcessRecord eightDRecord = record.correctiveActions().get(0);
    assertThat(eightDRecord.processKey()).isEqualTo(CorrectiveActionVariables.PROCESS_KEY);
    assertThat(eightDRecord.businessKey()).isEqualTo(eightD.getBusinessKey());
    assertThat(eightDRecord.ended()).isTrue();
    assertThat(eightDRecord.steps())
        .extracting(ProcessRecord.Step::taskDefinitionKey)
        .containsExactly("userTaskD0EmergencyResponse", "userTaskCorrectWithoutEightD");
    assertThat(eightDRecord.steps("userTaskD0EmergencyResponse").get(0).values())
        .containsEntry("eightDApplicability", "notApplicable");
    // the 8D's results reached the complaint and are recorded there
    assertThat(record.process().values())
        .containsEntry("eightDNumber", eightD.getBusinessKey())
        .containsEntry(
            "permanentActions", "Operator re-trained on the laminator recipe selection.");
    assertThat(record.process().ended()).isFalse();
    assertThat(record.process().steps("userTaskVerifyEffectiveness").get(0).outcome()).isNull();
    assertThat(eightDReports.report(eightD.getBusinessKey()))
        .contains("D0 Emergency response", "Transport damage, handled by the carrier claim");
  }

  @Test
  void theComplaintsEarliestOpenDueDateFollowsTheStepsOfItsTreeAndTheirChangedDueDates() {
    ComplaintScenario c = seriousComplaint("B-REC-DUE");
    String number = number(c);
    Instant first = assertOpenDue(number, c.instance().getId());
    assertThat(first).as("the confirmation has a deadline").isNotNull();
    // not overdue until its earliest open due date has passed, then overdue
    assertThat(overdue()).doesNotContain(number);
    ClockUtil.setCurrentTime(Date.from(first.plusSeconds(60)));
    assertThat(overdue()).contains(number);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    // a due date changed in Tasklist counts from the change: moved into the past, then removed
    Task confirm =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .singleResult();
    confirm.setDueDate(Date.from(MONDAY_MORNING.toInstant().minusSeconds(3600)));
    engine.getTaskService().saveTask(confirm);
    assertThat(assertOpenDue(number, c.instance().getId()))
        .isEqualTo(MONDAY_MORNING.toInstant().minusSeconds(3600));
    assertThat(overdue()).contains(number);
    confirm.setDueDate(null);
    engine.getTaskService().saveTask(confirm);
    assertThat(assertOpenDue(number, c.instance().getId())).isNull();
    assertThat(overdue()).doesNotContain(number);
    confirm.setDueDate(Date.from(first));
    engine.getTaskService().saveTask(confirm);
    assertThat(assertOpenDue(number, c.instance().getId())).isEqualTo(first);
    for (String step : TO_EIGHT_D) {
      c.complete(step);
      assertOpenDue(number, c.instance().getId());
    }
    c.runJobs();
    ProcessInstance eightD = eightDOf(c);
    // the 8D's open step counts for its complaint
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(eightD.getId()).list())
        .isNotEmpty();
    Instant withEightD = assertOpenDue(number, c.instance().getId());
    assertThat(withEightD).isNotNull();
    completeWithoutEightD(eightD);
    c.runJobs();
    assertOpenDue(number, c.instance().getId());
    // a step whose due date the recorder did not see (as before V37): the migration's statement
    // puts it right, and a second run writes nothing
    jdbc.sql("update complaint set open_due_at = null where complaint_number = ?")
        .param(number)
        .update();
    assertThat(openDue.fillAll()).isPositive();
    assertOpenDue(number, c.instance().getId());
    assertThat(openDue.fillAll()).as("second run").isZero();
  }

  /** The complaints the register finds overdue now. */
  private List<String> overdue() {
    return register
        .page(
            new Reader("quality", java.util.Set.of("quality")),
            Map.of("status", new String[] {"overdue"}))
        .items()
        .stream()
        .map(ComplaintRegister.Row::number)
        .toList();
  }

  /**
   * Checks the complaint's earliest open due date against the engine: the earliest due date of the
   * open tasks of its tree (the complaint and the instances it called); that date.
   */
  private Instant assertOpenDue(String number, String complaintInstance) {
    List<String> tree = new java.util.ArrayList<>(List.of(complaintInstance));
    for (int i = 0; i < tree.size(); i++) {
      engine
          .getRuntimeService()
          .createProcessInstanceQuery()
          .superProcessInstanceId(tree.get(i))
          .list()
          .forEach(p -> tree.add(p.getId()));
    }
    Instant expected =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceIdIn(tree.toArray(String[]::new))
            .list()
            .stream()
            .map(Task::getDueDate)
            .filter(d -> d != null)
            .map(Date::toInstant)
            .min(Comparator.naturalOrder())
            .orElse(null);
    Instant column =
        jdbc.sql("select open_due_at from complaint where complaint_number = ?")
            .param(number)
            .query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class))
            .optional()
            .map(java.time.OffsetDateTime::toInstant)
            .orElse(null);
    assertThat(column).as("earliest open due date of %s", number).isEqualTo(expected);
    return expected;
  }

  /** A safety-related (serious) complaint of C002, started. */
  private ComplaintScenario seriousComplaint(String batch) {
    Map<String, Object> serious = intake("C002", batch, "BREAKAGE");
    serious.put("safetyRelated", true);
    return ComplaintScenario.start(engine, serious);
  }

  /** The 8D the complaint called. */
  private ProcessInstance eightDOf(ComplaintScenario c) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(c.instance().getId())
        .singleResult();
  }

  private void completeWithoutEightD(ProcessInstance eightD) {
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

  private List<String> parties(String processInstanceId) {
    return jdbc.sql(
            "select root_process_instance_id || ' ' || party from process_party"
                + " where process_instance_id = ? order by party")
        .param(processInstanceId)
        .query(String.class)
        .list();
  }

  @Test
  void whoHadATaskIsRecordedWithEachStepAndBackfilledOnceForOlderSteps() {
    ComplaintScenario c = minorComplaint("B-REC-PARTIES");
    String pi = c.instance().getId();
    List<String> recorded = parties(pi);
    // the candidate groups of the minor path's steps, under the complaint as the tree's root
    assertThat(recorded)
        .contains(pi + " group:customer-service", pi + " group:production", pi + " group:quality");
    assertThat(recorded).doesNotHaveDuplicates();

    // steps recorded before process_party existed: the start-up backfill writes the same, once
    jdbc.sql("delete from process_party where process_instance_id = ?").param(pi).update();
    jdbc.sql("delete from record_backfill where name = ?").param(PartyBackfill.MARKER).update();
    assertThat(partyBackfill.backfill()).isGreaterThanOrEqualTo(recorded.size());
    assertThat(parties(pi)).isEqualTo(recorded);
    assertThat(partyBackfill.backfill()).as("run again").isZero();
    assertThat(parties(pi)).isEqualTo(recorded);
  }

  @Test
  void theSameCompletionRecordedTwiceWritesOnce() {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C010", "B-REC-TWICE", "BREAKAGE"));
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey("userTaskConfirmWithCustomer")
            .singleResult();
    Map<String, Object> submission = ComplaintScenario.validSubmission(task.getTaskDefinitionKey());
    engine.getTaskService().setVariables(task.getId(), submission);
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    int rounds = 200;
    long started = System.nanoTime();
    configuration
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              TaskEntity entity = context.getTaskManager().findTaskById(task.getId());
              for (int i = 0; i < rounds; i++) {
                recorder.taskCompleted(entity);
              }
              return null;
            });
    System.out.printf(
        "recording one completion again (nothing to write): %.2f ms per call%n",
        (System.nanoTime() - started) / 1e6 / rounds);
    int values = valueRows(task.getId());
    // what the submission changed: the intake already set customerPrescribesReportFormat = false
    assertThat(
            jdbc.sql("select name from record_value where task_id = ?")
                .param(task.getId())
                .query(String.class)
                .list())
        .containsExactlyInAnyOrderElementsOf(
            submission.keySet().stream()
                .filter(name -> !name.equals("customerPrescribesReportFormat"))
                .toList());
    // the engine's own completion with the same submission writes nothing more
    engine.getTaskService().complete(task.getId(), submission);
    assertThat(valueRows(task.getId())).isEqualTo(values);
    assertThat(
            jdbc.sql("select count(*) from process_step where task_id = ?")
                .param(task.getId())
                .query(Integer.class)
                .single())
        .isOne();
  }

  private int valueRows(String taskId) {
    return jdbc.sql("select count(*) from record_value where task_id = ?")
        .param(taskId)
        .query(Integer.class)
        .single();
  }

  @Test
  void recordsAndTheEightDReportSurviveHistoryCleanup() {
    // a short history TTL for every model, so the cleanup removes these instances' history
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
    ComplaintScenario c = minorComplaint("B-REC-CLEANUP");
    ProcessInstance eightD =
        engine
            .getFormService()
            .submitStartForm(
                engine
                    .getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(CorrectiveActionVariables.PROCESS_KEY)
                    .latestVersion()
                    .singleResult()
                    .getId(),
                new HashMap<>(
                    Map.of(
                        "problemTitle", "Cracked glass after lamination on line 2",
                        "productName", "Mono PERC module 550 W",
                        "productModel", "M550-144",
                        "batchNumber", "B-REC-CLEANUP",
                        "defectCode", "BREAKAGE",
                        "description", "Internal audit found micro-cracks.",
                        "customerPrescribesReportFormat", false)));
    completeWithoutEightD(eightD);
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(eightD.getId())
                .count())
        .isZero();
    ComplaintRecord before = complaintRecords.find(number(c)).orElseThrow();
    Map<String, Object> findingsBefore = FindingColumns.assertRecorded(jdbc, number(c));
    ProcessRecord eightDBefore = records.byInstance(eightD.getId()).orElseThrow();
    String reportBefore = eightDReports.report(eightD.getBusinessKey());

    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusDays(3).toInstant()));
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());

    for (String id : List.of(c.instance().getId(), eightD.getId())) {
      assertThat(
              engine
                  .getHistoryService()
                  .createHistoricProcessInstanceQuery()
                  .processInstanceId(id)
                  .count())
          .as("history of %s cleaned up", id)
          .isZero();
      assertThat(
              engine
                  .getHistoryService()
                  .createHistoricVariableInstanceQuery()
                  .processInstanceId(id)
                  .count())
          .isZero();
    }
    assertThat(complaintRecords.find(before.complaint().complaintNumber()).orElseThrow())
        .isEqualTo(before);
    assertThat(FindingColumns.of(jdbc, before.complaint().complaintNumber()))
        .isEqualTo(findingsBefore)
        .containsEntry("cause_origin", "ownPlant")
        .containsEntry("responsible_department", "production");
    assertThat(before.process().steps()).hasSize(MINOR_PATH.size() + 1);
    assertThat(records.byInstance(eightD.getId()).orElseThrow()).isEqualTo(eightDBefore);
    assertThat(eightDReports.report(eightD.getBusinessKey()))
        .isEqualTo(reportBefore)
        .contains("Correction without 8D", "Operator re-trained");
  }

  @Test
  void instancesFromBeforeTheRecordsAreBackfilledOnceFromHistory() {
    ComplaintScenario c = minorComplaint("B-REC-BACKFILL");
    String id = c.instance().getId();
    ProcessRecord live = records.byInstance(id).orElseThrow();
    Map<String, Object> liveFindings = FindingColumns.assertRecorded(jdbc, number(c));
    // as if the complaint had run before the records existed
    for (String table : List.of("record_value", "process_step", "process_record")) {
      jdbc.sql("delete from " + table + " where process_instance_id = ?").param(id).update();
    }
    jdbc.sql("delete from record_backfill").update();
    assertThat(records.byInstance(id)).isEmpty();

    assertThat(backfill.backfill()).isPositive();
    ProcessRecord backfilled = records.byInstance(id).orElseThrow();
    assertThat(backfill.backfill()).as("second run").isZero();
    assertThat(records.byInstance(id).orElseThrow()).isEqualTo(backfilled);
    assertThat(jdbc.sql("select count(*) from record_backfill").query(Integer.class).single())
        .isOne();

    assertThat(backfilled.businessKey()).isEqualTo(live.businessKey());
    assertThat(backfilled.endState()).isEqualTo(live.endState());
    assertThat(backfilled.startedAt()).isEqualTo(live.startedAt());
    assertThat(backfilled.endedAt()).isEqualTo(live.endedAt());
    // every step with who, when, due and on time (history does not say which step set a value)
    assertThat(withoutValues(backfilled.steps())).isEqualTo(withoutValues(live.steps()));
    assertThat(backfilled.values()).containsAllEntriesOf(live.values());
    // the backfilled values fill the register's columns as the recorder did
    assertThat(FindingColumns.assertRecorded(jdbc, number(c))).isEqualTo(liveFindings);
  }

  @Test
  void theRegistersFindingsAreTheRecordedOnesFromTheStepThatSetThem() {
    ComplaintScenario c =
        ComplaintScenario.start(engine, intake("C010", "B-REC-FINDINGS", "BREAKAGE"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite");
    String number = number(c);
    assertThat(FindingColumns.of(jdbc, number))
        .containsEntry("severity", null)
        .containsEntry("cause_origin", null);
    c.complete(
        "userTaskAnalyseValidityAndCause",
        "causeOrigin",
        "supplier",
        "responsibleDepartment",
        "material-control");
    // written with the completion, in its transaction; the classification after the analysis
    // puts its severity into the register while the complaint is open
    assertThat(FindingColumns.assertRecorded(jdbc, number))
        .containsEntry("severity", "minor")
        .containsEntry("cause_origin", "supplier")
        .containsEntry("responsible_department", "material-control")
        .containsEntry("responsibility", "productQuality");
    int values =
        jdbc.sql("select count(*) from record_value where process_instance_id = ?")
            .param(c.instance().getId())
            .query(Integer.class)
            .single();
    Map<String, Object> recorded = FindingColumns.of(jdbc, number);
    // a later step that changes nothing writes nothing; filling again writes the same
    c.complete("userTaskReviewMinorSeverity");
    findings.fill(c.instance().getId());
    assertThat(FindingColumns.of(jdbc, number)).isEqualTo(recorded);
    assertThat(
            jdbc.sql(
                    "select count(*) from record_value where process_instance_id = ? and name in"
                        + " ('causeOrigin', 'responsibleDepartment')")
                .param(c.instance().getId())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(values).isPositive();
  }

  @Test
  void complaintsFromBeforeTheColumnsAreFilledByTheMigrationsStatementIdempotently() {
    ComplaintScenario c = minorComplaint("B-REC-FILL");
    String number = number(c);
    Map<String, Object> live = FindingColumns.assertRecorded(jdbc, number);
    // as the complaint was before V29: the columns empty, severity set at closure
    jdbc.sql(
            "update complaint set responsibility = null, responsible_department = null,"
                + " cause_origin = null, cause_analysis = null, root_cause = null,"
                + " correction_actions = null, permanent_actions = null, eight_d_number = null,"
                + " compensation_decision = null, compensation_amount = null,"
                + " approved_compensation_amount = null, reply_sent_date = null"
                + " where complaint_number = ?")
        .param(number)
        .update();
    assertThat(findings.fillAll()).isPositive();
    Map<String, Object> filled = FindingColumns.assertRecorded(jdbc, number);
    assertThat(filled).isEqualTo(live).containsEntry("cause_origin", "ownPlant");
    assertThat(findings.fillAll()).as("second run").isPositive();
    assertThat(FindingColumns.of(jdbc, number)).isEqualTo(filled);
  }

  private static List<ProcessRecord.Step> withoutValues(List<ProcessRecord.Step> steps) {
    return steps.stream()
        .map(
            s ->
                new ProcessRecord.Step(
                    s.taskId(),
                    s.taskDefinitionKey(),
                    s.name(),
                    s.candidateGroups(),
                    s.assignee(),
                    s.createdAt(),
                    s.dueAt(),
                    s.endedAt(),
                    s.completedBy(),
                    s.outcome(),
                    s.onTime(),
                    Map.of(),
                    s.escalations()))
        .sorted(Comparator.comparing(ProcessRecord.Step::taskId))
        .toList();
  }

  private static List<String> concat(List<String> list, String last) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(last)).toList();
  }
}
