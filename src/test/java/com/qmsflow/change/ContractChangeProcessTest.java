package com.qmsflow.change;

import static com.qmsflow.processtest.FormRejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.qmsflow.notification.NotificationService;
import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.processtest.ProcessTest;
import com.qmsflow.variable.Variable;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of {@code contract-change}: all reviews OK to closure, an NG returned to the author
 * and revised, a change the customer does not confirm and its author withdraws, a rejection at
 * approval, every reviewer combination of change-reviewers, the escalation of every deadline, a
 * change raised by an 8D, a first lot that fails, and the confidentiality of change records.
 */
@ProcessTest(
    properties = {
      "qms.test.process=contract-change",
      "spring.datasource.url=jdbc:h2:mem:contract-change-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.demo.users=true"
    })
class ContractChangeProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired ChangeRequestRepository register;
  @Autowired NotificationService notifications;
  @Autowired ChangeAccess access;

  @BeforeEach
  void clock() {
    // several Spring contexts (each with an engine named "default") live in one test JVM: bind the
    // assertions to ours
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
  }

  // ---------------------------------------------------------------- helpers

  private ProcessInstance start(Map<String, Object> overrides) {
    Map<String, Object> values = ChangeSubmissions.request();
    values.putAll(overrides);
    return engine.getFormService().submitStartForm(definitionId(), values);
  }

  private ProcessInstance start(Object... overrides) {
    return start(map(overrides));
  }

  private String definitionId() {
    return engine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey(ChangeVariables.PROCESS_KEY)
        .latestVersion()
        .singleResult()
        .getId();
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }

  private List<Task> tasks(ProcessInstance pi, String key) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(pi.getId())
        .taskDefinitionKey(key)
        .list();
  }

  private Task task(ProcessInstance pi, String key) {
    List<Task> tasks = tasks(pi, key);
    assertThat(tasks).as("open task %s", key).hasSize(1);
    return tasks.get(0);
  }

  private void complete(ProcessInstance pi, String key, Object... overrides) {
    Map<String, Object> values = ChangeSubmissions.valid(key);
    values.putAll(map(overrides));
    engine.getFormService().submitTaskForm(task(pi, key).getId(), values);
    runAsyncContinuations(pi);
  }

  /**
   * The async continuations (before the review join, after each implementation task), as the job
   * executor would.
   */
  private void runAsyncContinuations(ProcessInstance pi) {
    List<Job> jobs;
    while (!(jobs =
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .messages()
                .list())
        .isEmpty()) {
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  /** Completes every open implementation task (one per department). */
  private List<String> implementAll(ProcessInstance pi) {
    List<String> departments = new ArrayList<>();
    for (Task t : tasks(pi, "userTaskImplementChange")) {
      departments.addAll(candidateGroups(t));
      engine
          .getFormService()
          .submitTaskForm(t.getId(), ChangeSubmissions.valid("userTaskImplementChange"));
    }
    runAsyncContinuations(pi);
    return departments;
  }

  private List<String> openTaskKeys(ProcessInstance pi) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list().stream()
        .map(Task::getTaskDefinitionKey)
        .sorted()
        .toList();
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .toList();
  }

  private Object variable(ProcessInstance pi, String name) {
    return engine.getRuntimeService().getVariable(pi.getId(), name);
  }

  private Object variable(ProcessInstance pi, Variable<?> variable) {
    return variable(pi, variable.name());
  }

  /**
   * Fires both deadline timers of a task and checks that it reached the general manager at top
   * priority.
   */
  private Task escalateTwice(ProcessInstance pi, String base, String firstLevelGroup) {
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTask" + base, 1);
    Task task = tasks(pi, "userTask" + base).get(0);
    assertThat(task.getPriority()).isEqualTo(90);
    assertThat(candidateGroups(task)).contains(firstLevelGroup);
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTask" + base, 2);
    task = tasks(pi, "userTask" + base).get(0);
    assertThat(task.getPriority()).isEqualTo(100);
    assertThat(task).hasCandidateGroupAssociated("general-manager");
    return task;
  }

  private ChangeRequestRepository.ChangeRequest record(ProcessInstance pi) {
    return register.findByProcessInstance(pi.getId()).orElseThrow();
  }

  /** From the approval on, the path every approved change takes to closure. */
  private void approveImplementAndClose(ProcessInstance pi) {
    complete(pi, "userTaskApproveChange");
    complete(pi, "userTaskIssueChangeNotice");
    implementAll(pi);
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
  }

  // ---------------------------------------------------------------- paths

  @Test
  void allReviewsOkIsApprovedNoticedImplementedCheckedAndClosed() {
    ProcessInstance pi =
        start("changeType", "engineering-process", "touchesMaterial", false, "touchesMethod", true);
    String number = (String) variable(pi, ChangeVariables.CHANGE_NUMBER_VAR);
    assertThat(number).matches("CR-2026-\\d{4}");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(number)
                .count())
        .isOne();
    assertThat(record(pi).state()).isEqualTo("CUSTOMER_CONFIRMATION");
    assertThat(record(pi).tier()).isEqualTo("C");
    Task confirm = task(pi, "userTaskConfirmWithCustomer");
    assertThat(candidateGroups(confirm)).containsExactly("sales");
    assertThat(confirm.getPriority()).isEqualTo(40);
    // Monday 09:00 + 2 working days
    assertThat(confirm.getDueDate()).isEqualTo(Date.from(MONDAY_MORNING.plusDays(2).toInstant()));

    complete(pi, "userTaskConfirmWithCustomer");
    // method: engineering and production review in parallel, each within 2 working days
    assertThat(openTaskKeys(pi))
        .containsExactly("userTaskEngineeringReview", "userTaskProductionReview");
    Task review = task(pi, "userTaskEngineeringReview");
    assertThat(candidateGroups(review)).containsExactly("engineering");
    assertThat(review.getDueDate()).isEqualTo(Date.from(MONDAY_MORNING.plusDays(2).toInstant()));
    assertThat(record(pi).state()).isEqualTo("IN_REVIEW");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskProductionReview");

    Task approval = task(pi, "userTaskApproveChange");
    assertThat(candidateGroups(approval)).containsExactly("sales-management");
    assertThat(record(pi).approverGroup()).isEqualTo("sales-management");
    complete(pi, "userTaskApproveChange");
    assertThat(candidateGroups(task(pi, "userTaskIssueChangeNotice")))
        .containsExactly("engineering");
    complete(pi, "userTaskIssueChangeNotice");
    // method is implemented by engineering
    assertThat(implementAll(pi)).containsExactly("engineering");
    complete(pi, "userTaskCheckFirstLot");

    assertThat(pi)
        .hasPassedInOrder(
            "serviceTaskRegisterChangeRequest",
            "businessRuleTaskClassifyCustomerTier",
            "userTaskConfirmWithCustomer",
            "businessRuleTaskDetermineReviewers",
            "serviceTaskOpenReviewRound",
            "serviceTaskCollectReviewResults",
            "userTaskApproveChange",
            "userTaskIssueChangeNotice",
            "serviceTaskPlanImplementation",
            "userTaskImplementChange",
            "userTaskCheckFirstLot",
            "serviceTaskCloseChangeRequest")
        .hasNotPassed("userTaskMaterialReview", "userTaskReviseOrWithdraw")
        .isEnded();
    assertThat(pi).isEnded();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId("endEventChangeClosed")
                .count())
        .isOne();
    ChangeRequestRepository.ChangeRequest closed = record(pi);
    assertThat(closed.state()).isEqualTo("CLOSED");
    assertThat(closed.identificationRule()).contains("-N");
    assertThat(closed.effectiveLot()).isEqualTo("L2604-001-N");
    assertThat(register.reviews(number))
        .extracting(
            ChangeRequestRepository.Review::reviewerGroup, ChangeRequestRepository.Review::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("engineering", "OK"),
            org.assertj.core.groups.Tuple.tuple("production", "OK"));
    assertThat(register.implementations(number))
        .extracting(ChangeRequestRepository.Implementation::department)
        .containsExactly("engineering");
    assertThat(notifications.findByBusinessKey(number))
        .extracting(NotificationService.Notification::kind)
        .containsExactly("CHANGE_CLOSED");
  }

  @Test
  void anNgReturnsTheRequestToItsAuthorWithAllCommentsAndTheRevisionIsReviewedAgain() {
    // engineering may raise contract changes (identity/PermissionModel)
    engine.getIdentityService().setAuthentication("engineer", List.of("engineering"));
    ProcessInstance pi =
        start("changeType", "company-competitive", "touchesMaterial", true, "touchesMan", true);
    engine.getIdentityService().clearAuthentication();
    assertThat(variable(pi, ChangeVariables.REQUESTER)).isEqualTo("engineer");
    assertThat(variable(pi, ChangeVariables.REQUESTER_GROUP)).isEqualTo("engineering");
    complete(pi, "userTaskConfirmWithCustomer");
    assertThat(openTaskKeys(pi))
        .containsExactly(
            "userTaskEngineeringReview", "userTaskMaterialReview", "userTaskProductionReview");

    assertThat(
            rejection(() -> complete(pi, "userTaskProductionReview", "productionVerdict", "NG"))
                .getMessage())
        .contains("productionComments");
    complete(
        pi,
        "userTaskProductionReview",
        "productionVerdict",
        "NG",
        "productionComments",
        "Line 2 lacks trained laminator operators");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskMaterialReview");

    Task revise = task(pi, "userTaskReviseOrWithdraw");
    assertThat(revise.getAssignee()).isEqualTo("engineer");
    assertThat(candidateGroups(revise)).containsExactly("engineering");
    assertThat(record(pi).state()).isEqualTo("RETURNED");
    assertThat((String) variable(pi, ChangeVariables.REVIEW_COMMENTS))
        .contains("Production (生产部): NG – Line 2 lacks trained laminator operators")
        .contains("Engineering (研发/技术部): OK – UL file covers the PET backsheet.")
        .contains("Material control (物控计划部): OK");
    // revising: the change is re-determined with the customer and reviewed in a new round
    complete(
        pi,
        "userTaskReviseOrWithdraw",
        "changeDescription",
        "PET backsheet from June, after operator training.",
        "requestedEffectiveDate",
        "2026-06-01");
    assertThat(record(pi).description())
        .isEqualTo("PET backsheet from June, after operator training.");
    complete(pi, "userTaskConfirmWithCustomer");
    assertThat(variable(pi, ChangeVariables.REVIEW_ROUND)).isEqualTo(2);
    assertThat(variable(pi, ChangeVariables.PRODUCTION_VERDICT)).isNull();
    complete(pi, "userTaskProductionReview");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskMaterialReview");
    assertThat(pi).isWaitingAt("userTaskApproveChange");
    assertThat(register.reviews(record(pi).changeNumber())).hasSize(6);
    complete(pi, "userTaskApproveChange");
    complete(
        pi,
        "userTaskIssueChangeNotice",
        "noticeMan",
        "Laminator operators of line 2 trained on PET lamination");
    assertThat(implementAll(pi)).containsExactlyInAnyOrder("production", "material-control");
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).hasPassed("userTaskReviseOrWithdraw", "serviceTaskRecordRevision").isEnded();
  }

  @Test
  void aChangeTheCustomerDoesNotConfirmGoesBackAndIsWithdrawn() {
    ProcessInstance pi = start();
    String number = record(pi).changeNumber();
    assertThat(
            rejection(
                    () ->
                        complete(
                            pi,
                            "userTaskConfirmWithCustomer",
                            "customerConfirmation",
                            "notConfirmed"))
                .getMessage())
        .contains("customerAnswer");
    complete(
        pi,
        "userTaskConfirmWithCustomer",
        "customerConfirmation",
        "notConfirmed",
        "customerAnswer",
        "Customer keeps the 3-layer backsheet for the Middle East orders.");
    Task revise = task(pi, "userTaskReviseOrWithdraw");
    // started without a logged-in user (e.g. from another system): sales owns the request
    assertThat(revise.getAssignee()).isNull();
    assertThat(candidateGroups(revise)).containsExactly("sales");
    assertThat(
            rejection(
                    () -> complete(pi, "userTaskReviseOrWithdraw", "revisionDecision", "withdraw"))
                .getMessage())
        .contains("withdrawReason");
    complete(
        pi,
        "userTaskReviseOrWithdraw",
        "revisionDecision",
        "withdraw",
        "withdrawReason",
        "Customer declined");

    assertThat(pi)
        .hasPassed("serviceTaskWithdrawChangeRequest")
        .hasNotPassed("businessRuleTaskDetermineReviewers")
        .isEnded();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId("endEventChangeWithdrawn")
                .count())
        .isOne();
    assertThat(record(pi).state()).isEqualTo("WITHDRAWN");
    assertThat(record(pi).decisionReason()).isEqualTo("Customer declined");
    assertThat(notifications.findByBusinessKey(number))
        .extracting(NotificationService.Notification::kind)
        .containsExactly("CHANGE_WITHDRAWN");
  }

  @Test
  void aRejectedChangeEndsWithTheReasonSentToTheRequester() {
    // more than 50 000 CNY: the general manager decides
    ProcessInstance pi = start("costImpact", 60000);
    String number = record(pi).changeNumber();
    complete(pi, "userTaskConfirmWithCustomer");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskMaterialReview");
    assertThat(candidateGroups(task(pi, "userTaskApproveChange")))
        .containsExactly("general-manager");
    assertThat(record(pi).state()).isEqualTo("APPROVAL");
    assertThat(
            rejection(() -> complete(pi, "userTaskApproveChange", "approvalDecision", "reject"))
                .getMessage())
        .contains("approvalReason");
    complete(
        pi,
        "userTaskApproveChange",
        "approvalDecision",
        "reject",
        "approvalReason",
        "Saving does not cover requalification");

    assertThat(pi)
        .hasPassed("serviceTaskRejectChangeRequest")
        .hasNotPassed("userTaskIssueChangeNotice")
        .isEnded();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId("endEventChangeRejected")
                .count())
        .isOne();
    assertThat(record(pi).state()).isEqualTo("REJECTED");
    assertThat(record(pi).decisionReason()).isEqualTo("Saving does not cover requalification");
    List<NotificationService.Notification> sent = notifications.findByBusinessKey(number);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).kind()).isEqualTo("CHANGE_REJECTED");
    assertThat(sent.get(0).recipientGroup()).isEqualTo("sales");
    assertThat(sent.get(0).body()).contains("Saving does not cover requalification");
  }

  @ParameterizedTest(name = "{0} touching {1} is reviewed by {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "company-competitive; man; userTaskProductionReview",
        "company-competitive; environment; userTaskProductionReview",
        "company-competitive; measurement; userTaskEngineeringReview",
        "engineering-process; man; userTaskEngineeringReview,userTaskProductionReview",
        "company-competitive; method; userTaskEngineeringReview,userTaskProductionReview",
        "company-competitive; material; userTaskEngineeringReview,userTaskMaterialReview",
        "customer-cost-optimisation; man; userTaskMaterialReview,userTaskProductionReview",
        "customer-cost-optimisation; measurement; userTaskEngineeringReview,userTaskMaterialReview",
        "company-competitive; material,machine;"
            + " userTaskEngineeringReview,userTaskMaterialReview,userTaskProductionReview"
      })
  void theReviewersAreTheOnesTheDecisionNames(
      String changeType, String aspects, String expectedTasks) {
    Map<String, Object> values = ChangeSubmissions.aspects(aspects.split(","));
    values.put("changeType", changeType);
    ProcessInstance pi = start(values);
    complete(pi, "userTaskConfirmWithCustomer");
    List<String> expected = List.of(expectedTasks.split(","));
    assertThat(openTaskKeys(pi)).containsExactlyElementsOf(expected);
    for (String key : expected) {
      complete(pi, key);
    }
    complete(pi, "userTaskApproveChange");
    complete(
        pi,
        "userTaskIssueChangeNotice",
        noticeFor(aspects.split(",")).entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray());
    implementAll(pi);
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
  }

  private static Map<String, Object> noticeFor(String... aspects) {
    Map<String, Object> v = new HashMap<>();
    for (String aspect : aspects) {
      String field = "notice" + Character.toUpperCase(aspect.charAt(0)) + aspect.substring(1);
      v.put(field, "before → after for " + aspect);
    }
    return v;
  }

  @Test
  void aTierCustomersChangesHaveHigherPriorityAndNeedAHigherApprover() {
    ProcessInstance pi = start("customerCode", "C001");
    assertThat(record(pi).tier()).isEqualTo("A");
    assertThat(task(pi, "userTaskConfirmWithCustomer").getPriority()).isEqualTo(80);
    complete(pi, "userTaskConfirmWithCustomer");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskMaterialReview");
    // 8 000 CNY for an A customer: one level up from sales management
    assertThat(candidateGroups(task(pi, "userTaskApproveChange")))
        .containsExactly("quality-management");
  }

  @Test
  void everyDeadlineEscalatesToTheManagementAndThenToTheGeneralManager() {
    ProcessInstance pi = start("touchesMan", true);
    escalateTwice(pi, "ConfirmWithCustomer", "sales-management");
    complete(pi, "userTaskConfirmWithCustomer");
    Task engineering = escalateTwice(pi, "EngineeringReview", "quality-management");
    assertThat(engineering.getPriority()).isEqualTo(100);
    escalateTwice(pi, "ProductionReview", "quality-management");
    escalateTwice(pi, "MaterialReview", "sales-management");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskProductionReview");
    complete(pi, "userTaskMaterialReview");
    escalateTwice(pi, "ApproveChange", "general-manager");
    complete(pi, "userTaskApproveChange");
    escalateTwice(pi, "IssueChangeNotice", "quality-management");
    complete(pi, "userTaskIssueChangeNotice", "noticeMan", "Operators retrained");
    // each department's implementation task has its own timers: every open one is escalated
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTaskImplementChange", 1);
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTaskImplementChange", 2);
    assertThat(tasks(pi, "userTaskImplementChange"))
        .hasSize(2)
        .allSatisfy(
            t -> assertThat(candidateGroups(t)).contains("quality-management", "general-manager"));
    implementAll(pi);
    escalateTwice(pi, "CheckFirstLot", "quality-management");
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
    assertThat(
            jdbc.sql("select count(*) from escalation where business_key = ?")
                .param(record(pi).changeNumber())
                .query(Integer.class)
                .single())
        .isEqualTo(2 * 9);
  }

  @Test
  void aFirstLotThatFailsSendsTheChangeBackToImplementation() {
    ProcessInstance pi = start();
    complete(pi, "userTaskConfirmWithCustomer");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskMaterialReview");
    complete(pi, "userTaskApproveChange");
    complete(pi, "userTaskIssueChangeNotice");
    assertThat(implementAll(pi)).containsExactly("material-control");
    assertThat(
            rejection(() -> complete(pi, "userTaskCheckFirstLot", "firstLotResult", "notOk"))
                .getMessage())
        .contains("firstLotFindings");
    complete(
        pi,
        "userTaskCheckFirstLot",
        "firstLotResult",
        "notOk",
        "firstLotFindings",
        "Old backsheet found in lot -N");
    assertThat(pi).isWaitingAt("userTaskImplementChange");
    assertThat(variable(pi, ChangeVariables.IMPLEMENTATION_ROUND)).isEqualTo(2);
    implementAll(pi);
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
    assertThat(register.implementations(record(pi).changeNumber()))
        .extracting(ChangeRequestRepository.Implementation::round)
        .containsExactly(1, 2);
  }

  @Test
  void anEightDStartsAChangeThroughItsMessage() {
    ProcessInstance pi =
        engine
            .getRuntimeService()
            .createMessageCorrelation(ChangeVariables.MESSAGE_FROM_CORRECTIVE_ACTION)
            .setVariables(
                map(
                    "correctiveActionNumber",
                    "8D-2026-0042",
                    "changeType",
                    "engineering-process",
                    "contractReference",
                    "8D-2026-0042",
                    "changeDescription",
                    "Laminator pressure profile locked in the recipe server",
                    "changeReason",
                    "8D-2026-0042 D7",
                    "touchesMethod",
                    true,
                    "costImpact",
                    0))
            .correlateStartMessage();
    assertThat(pi)
        .hasPassed("startEventChangeFromCorrectiveAction")
        .isWaitingAt("userTaskConfirmWithCustomer");
    assertThat(record(pi).correctiveActionNumber()).isEqualTo("8D-2026-0042");
    assertThat(variable(pi, ChangeVariables.REQUESTER_GROUP)).isEqualTo("quality");
    assertThat(variable(pi, ChangeVariables.TOUCHES_MAN)).isEqualTo(false);
    assertThat(variable(pi, ChangeVariables.TIER)).isEqualTo("C");
    assertThat(register.findByCorrectiveAction("8D-2026-0042")).hasSize(1);
  }

  @Test
  void aRequestBreakingTheFormRulesStartsNothing() {
    long before =
        engine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey("contract-change")
            .count();
    Throwable noAspect = rejection(() -> start(ChangeSubmissions.aspects()));
    assertThat(noAspect.getMessage()).contains("5M1E");
    Throwable past = rejection(() -> start("requestedEffectiveDate", "2026-03-01"));
    assertThat(past.getMessage()).contains("requestedEffectiveDate");
    Throwable unknownCustomer = rejection(() -> start("customerCode", "C999"));
    assertThat(unknownCustomer.getMessage()).contains("C999");
    Throwable negative = rejection(() -> start("costImpact", -5));
    assertThat(negative.getMessage()).contains("costImpact");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey("contract-change")
                .count())
        .isEqualTo(before);
  }

  @Test
  void theNoticeMustDescribeEveryAspectTheChangeTouchesAndNotStartInThePast() {
    ProcessInstance pi = start("touchesEnvironment", true);
    complete(pi, "userTaskConfirmWithCustomer");
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskProductionReview");
    complete(pi, "userTaskMaterialReview");
    complete(pi, "userTaskApproveChange");
    assertThat(
            rejection(() -> complete(pi, "userTaskIssueChangeNotice", "noticeEnvironment", ""))
                .getMessage())
        .contains("noticeEnvironment");
    assertThat(
            rejection(
                    () -> complete(pi, "userTaskIssueChangeNotice", "effectiveDate", "2026-02-27"))
                .getMessage())
        .contains("effectiveDate");
    complete(pi, "userTaskIssueChangeNotice");
    Task production =
        tasks(pi, "userTaskImplementChange").stream()
            .filter(t -> candidateGroups(t).contains("production"))
            .findFirst()
            .orElseThrow();
    assertThat(
            rejection(
                    () ->
                        engine
                            .getFormService()
                            .submitTaskForm(
                                production.getId(),
                                map(
                                    "implementationRecord",
                                    "Air conditioning set to 22 °C",
                                    "implementationDone",
                                    false)))
                .getMessage())
        .contains("implementationDone");
    // one department done: its result is kept, the other department's task stays open
    engine
        .getFormService()
        .submitTaskForm(production.getId(), ChangeSubmissions.valid("userTaskImplementChange"));
    runAsyncContinuations(pi);
    assertThat(tasks(pi, "userTaskImplementChange")).hasSize(1);
    assertThat(pi).isWaitingAt("userTaskImplementChange");
    assertThat(implementAll(pi)).containsExactly("material-control");
    complete(pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
  }

  /**
   * Completes the task as a demo user of the group, with authorization checks on, as Tasklist does.
   */
  private void completeAs(
      String user, String group, ProcessInstance pi, String key, Object... overrides) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      Task task =
          engine
              .getTaskService()
              .createTaskQuery()
              .processInstanceId(pi.getId())
              .taskDefinitionKey(key)
              .taskCandidateGroup(group)
              .includeAssignedTasks()
              .singleResult();
      assertThat(task).as("%s sees task %s in its group's list", user, key).isNotNull();
      Map<String, Object> values = ChangeSubmissions.valid(key);
      values.putAll(map(overrides));
      engine.getFormService().submitTaskForm(task.getId(), values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runAsyncContinuations(pi);
  }

  @Test
  void staffWorkThroughAChangeWithTheirOwnPermissionsOnly() {
    engine.getIdentityService().setAuthentication("sales", List.of("sales"));
    ProcessInstance pi;
    try {
      pi = start("touchesMan", true, "costImpact", 20000);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    completeAs("sales", "sales", pi, "userTaskConfirmWithCustomer");
    completeAs("engineer", "engineering", pi, "userTaskEngineeringReview");
    completeAs(
        "production",
        "production",
        pi,
        "userTaskProductionReview",
        "productionVerdict",
        "NG",
        "productionComments",
        "Shift plan not ready");
    completeAs("material", "material-control", pi, "userTaskMaterialReview");
    completeAs(
        "sales",
        "sales",
        pi,
        "userTaskReviseOrWithdraw",
        "changeReason",
        "Shift plan agreed for April");
    completeAs("sales", "sales", pi, "userTaskConfirmWithCustomer");
    completeAs("engineer", "engineering", pi, "userTaskEngineeringReview");
    completeAs("production", "production", pi, "userTaskProductionReview");
    completeAs("material", "material-control", pi, "userTaskMaterialReview");
    completeAs("qualitymanager", "quality-management", pi, "userTaskApproveChange");
    completeAs(
        "engineer",
        "engineering",
        pi,
        "userTaskIssueChangeNotice",
        "noticeMan",
        "Second shift trained on PET lamination");
    completeAs("production", "production", pi, "userTaskImplementChange");
    completeAs("material", "material-control", pi, "userTaskImplementChange");
    completeAs("quality", "quality", pi, "userTaskCheckFirstLot");
    assertThat(pi).isEnded();
    assertThat(record(pi).requester()).isEqualTo("sales");
    assertThat(register.reviews(record(pi).changeNumber())).hasSize(6);
  }

  // ---------------------------------------------------------------- confidentiality

  @Test
  void onlyTheGroupsInvolvedMayReadAChange() {
    ProcessInstance pi =
        start("changeType", "company-competitive", "touchesMethod", true, "touchesMaterial", false);
    complete(pi, "userTaskConfirmWithCustomer");
    String id = pi.getId();
    assertThat(access.groupsWithAccess(id))
        .containsExactlyInAnyOrder("sales", "engineering", "production");

    var identity = engine.getIdentityService();
    var runtime = engine.getRuntimeService();
    var history = engine.getHistoryService();
    // an unrelated department: general affairs is not involved in this change
    identity.setAuthentication("affairs", List.of("general-affairs"));
    try {
      assertThatThrownBy(() -> runtime.getVariables(id)).isInstanceOf(AuthorizationException.class);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count())
          .isZero();
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).list())
          .isEmpty();
    } finally {
      identity.clearAuthentication();
    }
    // a reviewer: production reviews this change
    identity.setAuthentication("production", List.of("production"));
    try {
      assertThat(runtime.getVariables(id)).containsEntry("changeNumber", record(pi).changeNumber());
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isOne();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count())
          .isOne();
      assertThat(
              history
                  .createHistoricVariableInstanceQuery()
                  .processInstanceId(id)
                  .variableName("changeNumber")
                  .count())
          .isOne();
    } finally {
      identity.clearAuthentication();
    }
    // granting again changes nothing: one authorization per group and resource
    access.grant(id, List.of("production", "production"));
    assertThat(
            engine
                .getAuthorizationService()
                .createAuthorizationQuery()
                .resourceType(Resources.PROCESS_INSTANCE)
                .resourceId(id)
                .groupIdIn("production")
                .count())
        .isOne();
    // the implementing departments and quality are added once the notice is out
    complete(pi, "userTaskEngineeringReview");
    complete(pi, "userTaskProductionReview");
    complete(pi, "userTaskApproveChange");
    complete(pi, "userTaskIssueChangeNotice");
    assertThat(access.groupsWithAccess(id))
        .containsExactlyInAnyOrder("sales", "engineering", "production", "quality");
  }
}
