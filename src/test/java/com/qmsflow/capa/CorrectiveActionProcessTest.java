package com.qmsflow.capa;

import static com.qmsflow.processtest.FormRejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.forms.FormSubmissionRejectedException;
import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.processtest.ProcessTest;
import com.qmsflow.variable.Variable;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of the 8D process {@code corrective-action}: raised by QA from Tasklist or by a
 * serious complaint, D0-D8 with the QA manager's approval loops, the effectiveness check at the end
 * of the following month, the recurrence-prevention report, and every escalation.
 */
@ProcessTest(
    properties = {
      "qms.test.process=corrective-action",
      "spring.datasource.url=jdbc:h2:mem:corrective-action-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.demo.users=true"
    })
class CorrectiveActionProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired CorrectiveActionController reports;

  @BeforeEach
  void clock() {
    // several Spring contexts (each with an engine named "default") live in one test JVM: bind the
    // assertions to ours
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ProcessInstance raise() {
    return engine
        .getFormService()
        .submitStartForm(
            engine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(CorrectiveActionVariables.PROCESS_KEY)
                .latestVersion()
                .singleResult()
                .getId(),
            EightDSubmissions.raise());
  }

  private Task task(ProcessInstance pi, String key) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey(key)
            .list();
    assertThat(tasks).as("open task %s", key).hasSize(1);
    return tasks.get(0);
  }

  private void complete(ProcessInstance pi, String key, Object... overrides) {
    Task task = task(pi, key);
    TestEvidence.attachIfRequired(engine, task);
    submit(pi, key, overrides);
  }

  /** Submits the task's form as it is, without attaching evidence first. */
  private void submit(ProcessInstance pi, String key, Object... overrides) {
    Map<String, Object> values = EightDSubmissions.valid(key);
    for (int i = 0; i < overrides.length; i += 2) {
      values.put((String) overrides[i], overrides[i + 1]);
    }
    engine.getFormService().submitTaskForm(task(pi, key).getId(), values);
  }

  private void runJobs(ProcessInstance pi) {
    for (Job job :
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(pi.getId())
            .messages()
            .list()) {
      engine.getManagementService().executeJob(job.getId());
    }
  }

  private Job timer(ProcessInstance pi, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(pi.getId())
        .timers()
        .activityId(activityId)
        .singleResult();
  }

  private void escalateTwice(ProcessInstance pi, String base) {
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTask" + base, 1);
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTask" + base, 2);
    Task task = task(pi, "userTask" + base);
    assertThat(task.getPriority()).isEqualTo(100);
    assertThat(task).hasCandidateGroupAssociated("general-manager");
  }

  private void passTheFollowingMonth(ProcessInstance pi) {
    engine.getManagementService().executeJob(timer(pi, "timerEndOfFollowingMonth").getId());
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .toList();
  }

  private List<String> candidateUsers(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getUserId() != null)
        .map(IdentityLink::getUserId)
        .toList();
  }

  private Object variable(ProcessInstance pi, String name) {
    return engine.getRuntimeService().getVariable(pi.getId(), name);
  }

  private Object variable(ProcessInstance pi, Variable<?> variable) {
    return variable(pi, variable.name());
  }

  /** Completes D0 to D3 with valid data; the 8D then waits at D4. */
  private void throughContainment(ProcessInstance pi) {
    for (String key :
        List.of(
            "userTaskD0EmergencyResponse",
            "userTaskD1FormTeam",
            "userTaskD2DescribeProblem",
            "userTaskD3Containment")) {
      complete(pi, key);
    }
  }

  /** Completes D4, D5 and its approval, D6 and D7; the 8D then waits for the following month. */
  private void throughPrevention(ProcessInstance pi) {
    for (String key :
        List.of(
            "userTaskD4RootCause",
            "userTaskD5PermanentActions",
            "userTaskApproveD5PermanentActions",
            "userTaskD6Implement",
            "userTaskD7PreventRecurrence")) {
      complete(pi, key);
    }
  }

  @Test
  void aRaisedEightDGetsItsNumberDueDatesAndTheTeamItNames() {
    ProcessInstance pi = raise();
    String number = (String) variable(pi, CorrectiveActionVariables.EIGHT_D_NUMBER);
    assertThat(number).matches("8D-2026-\\d{4}");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(number)
                .count())
        .isOne();
    Task d0 = task(pi, "userTaskD0EmergencyResponse");
    assertThat(d0.getDueDate()).isEqualTo(Date.from(MONDAY_MORNING.plusHours(24).toInstant()));
    assertThat(d0.getPriority()).isEqualTo(CorrectiveActionVariables.INTERNAL_PRIORITY);

    complete(pi, "userTaskD0EmergencyResponse");
    assertThat(
            rejection(() -> complete(pi, "userTaskD1FormTeam", "teamMembers", "engineer, nobody"))
                .getMessage())
        .contains("nobody");
    complete(pi, "userTaskD1FormTeam");

    Task d2 = task(pi, "userTaskD2DescribeProblem");
    assertThat(d2.getAssignee()).isEqualTo("quality");
    assertThat(candidateUsers(d2)).containsExactlyInAnyOrder("engineer", "production");
    // D0-D3 are all due 24 h after the 8D was raised
    assertThat(d2.getDueDate()).isEqualTo(Date.from(MONDAY_MORNING.plusHours(24).toInstant()));
  }

  @Test
  void containmentAndImplementationAreRefusedWithoutAnEvidenceFileOfTheirOwn() {
    ProcessInstance pi = raise();
    complete(pi, "userTaskD0EmergencyResponse");
    complete(pi, "userTaskD1FormTeam");
    complete(pi, "userTaskD2DescribeProblem");

    assertThat(rejection(() -> submit(pi, "userTaskD3Containment")).getMessage())
        .contains("evidenceFiles", "8D D3");
    assertThat(pi).isWaitingAt("userTaskD3Containment");
    complete(pi, "userTaskD3Containment");
    complete(pi, "userTaskD4RootCause");
    complete(pi, "userTaskD5PermanentActions");
    complete(pi, "userTaskApproveD5PermanentActions");

    assertThat(rejection(() -> submit(pi, "userTaskD6Implement")).getMessage())
        .contains("evidenceFiles", "8D D6");
    assertThat(pi).isWaitingAt("userTaskD6Implement");
    complete(pi, "userTaskD6Implement");
    assertThat(variable(pi, CorrectiveActionVariables.IMPLEMENTATION_COMPLETED_ON))
        .isEqualTo("2026-03-02");
    assertThat(pi).isWaitingAt("userTaskD7PreventRecurrence");
  }

  @Test
  void theQualityManagerSendsPermanentActionsBackToRootCauseOrToTheActionsWithAReason() {
    ProcessInstance pi = raise();
    throughContainment(pi);
    complete(pi, "userTaskD4RootCause");
    complete(pi, "userTaskD5PermanentActions");

    assertThat(
            rejection(
                    () ->
                        complete(
                            pi,
                            "userTaskApproveD5PermanentActions",
                            "d5Decision",
                            "backToRootCause"))
                .getMessage())
        .contains("d5RejectionReason");
    complete(
        pi,
        "userTaskApproveD5PermanentActions",
        "d5Decision",
        "backToRootCause",
        "d5RejectionReason",
        "5-Why stops too early");
    assertThat(pi).isWaitingAt("userTaskD4RootCause");
    complete(pi, "userTaskD4RootCause");
    complete(pi, "userTaskD5PermanentActions");
    complete(
        pi,
        "userTaskApproveD5PermanentActions",
        "d5Decision",
        "backToPermanentActions",
        "d5RejectionReason",
        "Lock all lines");
    assertThat(pi).isWaitingAt("userTaskD5PermanentActions");
    complete(pi, "userTaskD5PermanentActions");
    complete(pi, "userTaskApproveD5PermanentActions");
    assertThat(pi).isWaitingAt("userTaskD6Implement");
  }

  @Test
  void theNoRecurrenceCheckWaitsUntilTheEndOfTheMonthAfterImplementation() {
    ProcessInstance pi = raise();
    throughContainment(pi);
    throughPrevention(pi);

    // D6 was completed on 2 March 2026: the check waits until 30 April 2026, 23:59:59 in Shanghai
    assertThat(pi).isWaitingAt("timerEndOfFollowingMonth");
    assertThat(timer(pi, "timerEndOfFollowingMonth").getDuedate())
        .isEqualTo(Date.from(ZonedDateTime.of(2026, 4, 30, 23, 59, 59, 0, SHANGHAI).toInstant()));
    passTheFollowingMonth(pi);
    assertThat(pi).isWaitingAt("userTaskConfirmNoRecurrence");
  }

  @Test
  void anObservedRecurrenceReopensTheRootCauseWithItsEvidence() {
    ProcessInstance pi = raise();
    throughContainment(pi);
    throughPrevention(pi);
    passTheFollowingMonth(pi);

    assertThat(
            rejection(
                    () ->
                        complete(
                            pi,
                            "userTaskConfirmNoRecurrence",
                            "recurrenceObserved",
                            "similarOrIdentical"))
                .getMessage())
        .contains("recurrenceEvidence");
    complete(
        pi,
        "userTaskConfirmNoRecurrence",
        "recurrenceObserved",
        "similarOrIdentical",
        "recurrenceEvidence",
        "Two cracked modules on 12 April, same corner pattern");

    assertThat(pi).isWaitingAt("userTaskD4RootCause");
    assertThat(variable(pi, CorrectiveActionVariables.RECURRENCE_EVIDENCE))
        .isEqualTo("Two cracked modules on 12 April, same corner pattern");
    throughPrevention(pi);
    passTheFollowingMonth(pi);
    assertThat(pi).isWaitingAt("userTaskConfirmNoRecurrence");
  }

  @Test
  void aPreventionReportIsDraftedReworkedApprovedAndConfirmedBeforeClosure() {
    ProcessInstance pi = raise();
    String number = (String) variable(pi, CorrectiveActionVariables.EIGHT_D_NUMBER);
    throughContainment(pi);
    throughPrevention(pi);
    passTheFollowingMonth(pi);
    complete(pi, "userTaskConfirmNoRecurrence");

    complete(
        pi,
        "userTaskDecideRecurrencePreventionReport",
        "preventionReportNeeded",
        "yes",
        "preventionReportReason",
        "Recipe control is a plant-wide weakness");
    assertThat(task(pi, "userTaskDraftPreventionCountermeasures").getAssignee())
        .isEqualTo("quality");
    complete(pi, "userTaskDraftPreventionCountermeasures");
    complete(pi, "userTaskApprovePreventionCountermeasures", "preventionDecision", "rework");
    assertThat(pi).isWaitingAt("userTaskDraftPreventionCountermeasures");
    complete(pi, "userTaskDraftPreventionCountermeasures");
    complete(pi, "userTaskApprovePreventionCountermeasures");
    complete(pi, "userTaskConfirmPreventionEffect");
    complete(pi, "userTaskD8CloseAndRecognise");
    runJobs(pi);

    assertThat(pi)
        .hasPassed(
            "userTaskDraftPreventionCountermeasures",
            "userTaskConfirmPreventionEffect",
            "serviceTaskCloseCorrectiveAction")
        .hasNotPassed("userTaskCorrectWithoutEightD")
        .isEnded();
    assertThat(
            jdbc.sql("select status from corrective_action where eight_d_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("CLOSED");
  }

  /**
   * Issue 13.1: the team check ran with the submitter's view of the user list, which staff do not
   * have.
   */
  @Test
  void aQualityEngineerFormsACrossFunctionalTeamWithAuthorizationChecksOn() {
    ProcessInstance pi = raise();
    complete(pi, "userTaskD0EmergencyResponse");
    engine.getIdentityService().setAuthentication("quality", List.of("quality"));
    try {
      assertThat(engine.getIdentityService().createUserQuery().userId("engineer").count())
          .as("staff cannot read other users")
          .isZero();
      FormSubmissionRejectedException unknown =
          (FormSubmissionRejectedException)
              rejection(
                  () ->
                      submit(
                          pi,
                          "userTaskD1FormTeam",
                          "teamLeader",
                          "nobody",
                          "teamMembers",
                          "engineer, ghost"));
      assertThat(unknown.getErrors())
          .extracting(e -> e.field())
          .containsExactlyInAnyOrder("teamLeader", "teamMembers");
      assertThat(unknown.getMessage()).contains("nobody", "ghost").doesNotContain("engineer,");
      submit(
          pi,
          "userTaskD1FormTeam",
          "teamLeader",
          "engineer",
          "teamMembers",
          "production, material, affairs");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    Task d2 = task(pi, "userTaskD2DescribeProblem");
    assertThat(d2.getAssignee()).isEqualTo("engineer");
    assertThat(candidateUsers(d2)).containsExactlyInAnyOrder("production", "material", "affairs");
  }

  @Test
  void whenEightDDoesNotFitAReasonAndASimplerCorrectionCloseIt() {
    ProcessInstance pi = raise();
    assertThat(
            rejection(
                    () ->
                        complete(
                            pi,
                            "userTaskD0EmergencyResponse",
                            "eightDApplicability",
                            "notApplicable"))
                .getMessage())
        .contains("notApplicableReason");
    complete(
        pi,
        "userTaskD0EmergencyResponse",
        "eightDApplicability",
        "notApplicable",
        "notApplicableReason",
        "Single operator error, no systemic cause");
    complete(pi, "userTaskCorrectWithoutEightD");
    runJobs(pi);
    assertThat(pi)
        .hasPassed("userTaskCorrectWithoutEightD")
        .hasNotPassed("userTaskD1FormTeam")
        .isEnded();
  }

  @Test
  void everyDisciplineEscalatesToQualityManagementAndTheGeneralManager() {
    ProcessInstance pi = raise();
    escalateTwice(pi, "D0EmergencyResponse");
    assertThat(candidateGroups(task(pi, "userTaskD0EmergencyResponse")))
        .contains("quality", "quality-management");
    complete(pi, "userTaskD0EmergencyResponse");
    escalateTwice(pi, "D1FormTeam");
    complete(pi, "userTaskD1FormTeam");
    escalateTwice(pi, "D2DescribeProblem");
    complete(pi, "userTaskD2DescribeProblem");
    escalateTwice(pi, "D3Containment");
    complete(pi, "userTaskD3Containment");
    escalateTwice(pi, "D4RootCause");
    complete(pi, "userTaskD4RootCause");
    escalateTwice(pi, "D5PermanentActions");
    complete(pi, "userTaskD5PermanentActions");
    escalateTwice(pi, "ApproveD5PermanentActions");
    complete(pi, "userTaskApproveD5PermanentActions");
    escalateTwice(pi, "D6Implement");
    complete(pi, "userTaskD6Implement");
    escalateTwice(pi, "D7PreventRecurrence");
    complete(pi, "userTaskD7PreventRecurrence");
    passTheFollowingMonth(pi);
    complete(pi, "userTaskConfirmNoRecurrence");
    complete(
        pi,
        "userTaskDecideRecurrencePreventionReport",
        "preventionReportNeeded",
        "yes",
        "preventionReportReason",
        "Plant-wide");
    escalateTwice(pi, "DraftPreventionCountermeasures");
    complete(pi, "userTaskDraftPreventionCountermeasures");
    complete(pi, "userTaskApprovePreventionCountermeasures");
    complete(pi, "userTaskConfirmPreventionEffect");
    escalateTwice(pi, "D8CloseAndRecognise");
    complete(pi, "userTaskD8CloseAndRecognise");
    runJobs(pi);
    assertThat(pi).isEnded();
  }

  @Test
  void aPermanentActionThatChangesTheProcessRaisesALinkedContractChangeWithoutWaitingForIt() {
    ProcessInstance pi = raise();
    for (String key :
        List.of(
            "userTaskD0EmergencyResponse",
            "userTaskD1FormTeam",
            "userTaskD2DescribeProblem",
            "userTaskD3Containment",
            "userTaskD4RootCause",
            "userTaskD5PermanentActions",
            "userTaskApproveD5PermanentActions",
            "userTaskD6Implement")) {
      complete(pi, key);
    }
    assertThat(
            rejection(
                    () ->
                        complete(
                            pi,
                            "userTaskD7PreventRecurrence",
                            "permanentActionChangesProductOrProcess",
                            true))
                .getMessage())
        .contains("changeDescription", "5M1E");
    complete(
        pi,
        "userTaskD7PreventRecurrence",
        "permanentActionChangesProductOrProcess",
        true,
        "changeDescription",
        "Laminator pressure profile locked in the recipe server for every line",
        "changeContractReference",
        "FA-2026-007",
        "touchesMethod",
        true,
        "touchesMachine",
        true);

    // the 8D goes on at once; the change runs on its own, linked both ways
    assertThat(pi)
        .hasPassed("serviceTaskRaiseContractChange")
        .isWaitingAt("timerEndOfFollowingMonth");
    String changeNumber = (String) variable(pi, CorrectiveActionVariables.CHANGE_NUMBER);
    assertThat(changeNumber).matches("CR-2026-\\d{4}");
    ProcessInstance change =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("contract-change")
            .processInstanceBusinessKey(changeNumber)
            .singleResult();
    assertThat(change).isNotNull();
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "correctiveActionNumber"))
        .isEqualTo(pi.getBusinessKey());
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "changeType"))
        .isEqualTo("engineering-process");
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "touchesMethod"))
        .isEqualTo(true);
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "touchesMan"))
        .isEqualTo(false);
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "contractReference"))
        .isEqualTo("FA-2026-007");
    assertThat(
            jdbc.sql("select corrective_action_number from change_request where change_number = ?")
                .param(changeNumber)
                .query(String.class)
                .single())
        .isEqualTo(pi.getBusinessKey());
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(change.getId())
                .singleResult()
                .getTaskDefinitionKey())
        .isEqualTo("userTaskConfirmWithCustomer");

    // a recurrence brings the 8D through D7 again: the open change is kept, no second one is raised
    passTheFollowingMonth(pi);
    complete(
        pi,
        "userTaskConfirmNoRecurrence",
        "recurrenceObserved",
        "similarOrIdentical",
        "recurrenceEvidence",
        "Again on line 3");
    for (String key :
        List.of(
            "userTaskD4RootCause",
            "userTaskD5PermanentActions",
            "userTaskApproveD5PermanentActions",
            "userTaskD6Implement")) {
      complete(pi, key);
    }
    complete(
        pi,
        "userTaskD7PreventRecurrence",
        "permanentActionChangesProductOrProcess",
        true,
        "changeDescription",
        "Also line 3",
        "touchesMethod",
        true);
    assertThat(variable(pi, CorrectiveActionVariables.CHANGE_NUMBER)).isEqualTo(changeNumber);
    assertThat(
            jdbc.sql("select count(*) from change_request where corrective_action_number = ?")
                .param(pi.getBusinessKey())
                .query(Integer.class)
                .single())
        .isOne();
    assertThat(reports.report(pi.getBusinessKey())).contains(changeNumber);
  }

  @Test
  void withoutPreventionReportD8FollowsTheEffectivenessCheck() {
    ProcessInstance pi = raise();
    for (String key :
        List.of(
            "userTaskD0EmergencyResponse",
            "userTaskD1FormTeam",
            "userTaskD2DescribeProblem",
            "userTaskD3Containment",
            "userTaskD4RootCause",
            "userTaskD5PermanentActions",
            "userTaskApproveD5PermanentActions",
            "userTaskD6Implement",
            "userTaskD7PreventRecurrence")) {
      complete(pi, key);
    }
    passTheFollowingMonth(pi);
    complete(pi, "userTaskConfirmNoRecurrence");
    complete(pi, "userTaskDecideRecurrencePreventionReport");
    complete(pi, "userTaskD8CloseAndRecognise");
    runJobs(pi);
    assertThat(pi).hasNotPassed("userTaskDraftPreventionCountermeasures").isEnded();
    // the marker that spares a second validation on completion is transient: never stored
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("formSubmissionValidated")
                .count())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("eightDReportUrl")
                .singleResult()
                .getValue())
        .isEqualTo("/api/corrective-actions/" + pi.getBusinessKey() + "/report");
    // the printable report holds every discipline's data, escaped
    String html = reports.report(pi.getBusinessKey());
    assertThat(html)
        .contains(
            "8D report " + pi.getBusinessKey(),
            "D0 Emergency response",
            "D1 Team",
            "D2 Problem description",
            "D3 Containment",
            "D4 Root cause",
            "D5 Permanent actions",
            "D6 Implementation",
            "D7 Prevention",
            "D8 Closure",
            "Night-shift recipe uses the old pressure profile",
            "Crack rate fell from 3 % to 0.015 %",
            "WI-LAM-002 rev F");
    // with its evidence files, linked for download
    assertThat(html)
        .contains(
            "Evidence files",
            "userTaskD3Containment",
            "userTaskD6Implement",
            "photo.png",
            "href=\"/api/attachments/",
            "/content\"",
            "SHA-256 " + TestEvidence.PNG_SHA256);
  }

  @Test
  void aSeriousComplaintRaisesTheEightDAndReceivesItsResults() {
    var intake = ComplaintScenario.intake("C002", "B-8D-CALL", "BREAKAGE");
    intake.put("safetyRelated", true);
    ComplaintScenario complaint =
        ComplaintScenario.start(engine, intake)
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .runJobs();
    ProcessInstance eightD =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(complaint.instance().getId())
            .singleResult();
    assertThat(eightD).isNotNull();
    assertThat(variable(eightD, CorrectiveActionVariables.COMPLAINT_NUMBER))
        .isEqualTo(complaint.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR));
    assertThat(variable(eightD, "tier")).isEqualTo("A");
    assertThat(task(eightD, "userTaskD0EmergencyResponse").getPriority()).isEqualTo(80);
    complete(
        eightD,
        "userTaskD0EmergencyResponse",
        "eightDApplicability",
        "notApplicable",
        "notApplicableReason",
        "Transport damage, handled by the carrier claim");
    complete(eightD, "userTaskCorrectWithoutEightD");
    runJobs(eightD);
    assertThat(complaint.instance()).isWaitingAt("userTaskVerifyEffectiveness");
    assertThat((String) complaint.variable(ComplaintVariables.ROOT_CAUSE))
        .startsWith("8D not applicable: Transport damage");
    assertThat(complaint.variable(ComplaintVariables.PERMANENT_ACTIONS))
        .isEqualTo("Operator re-trained on the laminator recipe selection.");
    assertThat(complaint.variable(ComplaintVariables.EIGHT_D_NUMBER))
        .isEqualTo(eightD.getBusinessKey());
  }
}
