package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static com.qmsflow.processtest.FormRejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.qmsflow.deadline.EscalationRepository;
import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.processtest.ProcessTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Every path of complaint-handling, each test the story of one complaint. The engine runs once for
 * the class (H2 in memory, job executor off: jobs and timers are executed explicitly); the 8D call
 * activity runs a test-only stand-in of {@code corrective-action}. The coverage listener fails the
 * class unless every flow node and sequence flow of complaint-handling was passed.
 */
@ProcessTest(
    properties = {
      "qms.test.process=complaint-handling",
      "spring.datasource.url=jdbc:h2:mem:complaint-process-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ComplaintHandlingProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Monday 2 March 2026, 09:00 in Shanghai: an ordinary working day. */
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired EscalationRepository escalations;
  @Autowired NotificationService notifications;
  @Autowired CustomerDecisions decisions;

  @BeforeEach
  void freshRegisterAndClock() {
    // several Spring contexts (each with an engine named "default") live in one test JVM: bind the
    // assertions to ours
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    // the 8D process has its own tests: here a one-task stand-in, deployed last, is the called
    // "latest" version
    if (engine.getRepositoryService().createDeploymentQuery().deploymentName("8D stand-in").count()
        == 0) {
      engine
          .getRepositoryService()
          .createDeployment()
          .name("8D stand-in")
          .addClasspathResource("test-processes/corrective-action-stand-in.bpmn")
          .deploy();
    }
    for (String table :
        List.of(
            "satisfaction_survey",
            "escalation",
            "notification",
            "recurrence_meeting",
            "customer_decision",
            "complaint")) {
      jdbc.sql("delete from " + table).update();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ComplaintScenario start(Map<String, Object> intake) {
    return ComplaintScenario.start(engine, intake);
  }

  /** Through registration, tier, confirmation and investigation to the analysis. */
  private ComplaintScenario toAnalysis(Map<String, Object> intake) {
    return start(intake)
        .complete("userTaskConfirmWithCustomer")
        .complete("userTaskInvestigateOnSite");
  }

  private void completeEightD(ComplaintScenario c) {
    c.runJobs();
    ProcessInstance eightD =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(c.instance.getId())
            .singleResult();
    assertThat(eightD).as("8D started by the call activity").isNotNull();
    assertThat(engine.getRuntimeService().getVariable(eightD.getId(), "complaintNumber"))
        .isEqualTo(c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR));
    Task d =
        engine.getTaskService().createTaskQuery().processInstanceId(eightD.getId()).singleResult();
    engine
        .getTaskService()
        .complete(
            d.getId(),
            Map.of(
                "eightDNumber",
                "8D-2026-0001",
                "rootCause",
                "Strap tension crushes frame corners",
                "permanentActions",
                "Corner protectors; strap tension limit",
                "eightDEvidence",
                "8D report",
                "verifiedEffect",
                "No breakage in 4 weeks"));
  }

  private void finishAfterRemedies(ComplaintScenario c) {
    c.complete("userTaskReplyInWriting")
        .complete("userTaskRecordCustomerDecision")
        .complete("userTaskFollowUpAfterDelivery");
  }

  /** A minor complaint corrected and verified, replied: waiting for the customer's decision. */
  private ComplaintScenario replied(String batch) {
    ComplaintScenario c = toAnalysis(intake("C010", batch, "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause")
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock")
        .complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence")
        .complete("userTaskVerifyEffectiveness")
        .complete("userTaskReplyInWriting");
    assertThat(c.instance).isWaitingAt("userTaskRecordCustomerDecision");
    return c;
  }

  private List<CustomerDecisions.CustomerDecision> decisionsOf(ComplaintScenario c) {
    return decisions.of(
        jdbc.sql("select complaint_number from complaint where process_instance_id = ?")
            .param(c.instance.getId())
            .query(String.class)
            .single());
  }

  @Test
  void aCustomerWhoRejectsTheReplyIsAskedAgainBySalesManagementAndAcceptsOnTheStatusPage() {
    ComplaintScenario c = replied("B-DECISION-1");
    assertThat(candidateGroups(c.task("userTaskRecordCustomerDecision"))).containsExactly("sales");
    assertThat(
            rejection(
                () -> c.complete("userTaskRecordCustomerDecision", "customerDecision", "rejected")))
        .hasMessageContaining("customerDecisionReason");
    assertThat(decisionsOf(c)).isEmpty();

    c.complete(
        "userTaskRecordCustomerDecision",
        "customerDecision",
        "rejected",
        "customerDecisionReason",
        "The cracks are not from our forklift; we want the modules replaced.",
        "customerDecisionChannel",
        "email");
    assertThat(candidateGroups(c.task("userTaskSettleRejectedReply")))
        .containsExactly("sales-management");
    c.complete(
        "userTaskSettleRejectedReply",
        "rejectionRecourse",
        "qualityRedetermination",
        "rejectionSettlement",
        "askAgain",
        "settlementNote",
        "We replace the ten modules; the cause determination stays open for a joint test.");
    assertThat(c.instance).isWaitingAt("userTaskRecordCustomerDecision");

    // the customer answers on the status page (complainant/CustomerAnswers does exactly this)
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    assertThat(
            decisions.recordOnce(
                number,
                c.instance.getId(),
                CustomerDecisions.ACCEPTED,
                null,
                CustomerDecisions.STATUS_PAGE,
                null,
                null,
                MONDAY_MORNING.toInstant()))
        .isTrue();
    engine
        .getRuntimeService()
        .createMessageCorrelation(ComplaintVariables.DECISION_MESSAGE)
        .processInstanceId(c.instance.getId())
        .setVariable("customerDecision", "accepted")
        .correlate();
    assertThat(c.instance).isWaitingAt("userTaskFollowUpAfterDelivery");

    c.complete("userTaskFollowUpAfterDelivery")
        .complete("userTaskAssessProcessStability")
        .complete("userTaskStandardiseImprovement");
    archive(c);
    assertThat(c.instance)
        .hasPassedInOrder(
            "userTaskReplyInWriting",
            "userTaskRecordCustomerDecision",
            "userTaskSettleRejectedReply",
            "boundaryEventDecisionOnStatusPage",
            "userTaskFollowUpAfterDelivery")
        .isEnded();
    assertThat(decisionsOf(c))
        .extracting(
            CustomerDecisions.CustomerDecision::round,
            CustomerDecisions.CustomerDecision::decision,
            CustomerDecisions.CustomerDecision::source,
            CustomerDecisions.CustomerDecision::channel,
            CustomerDecisions.CustomerDecision::recourse,
            CustomerDecisions.CustomerDecision::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, "REJECTED", "SALES", "email", "QUALITY_REDETERMINATION", "ASK_AGAIN"),
            org.assertj.core.groups.Tuple.tuple(2, "ACCEPTED", "STATUS_PAGE", null, null, null));
    assertThat(decisionsOf(c).get(0).reason()).startsWith("The cracks are not from our forklift");
    assertThat(decisionsOf(c).get(0).settlement()).startsWith("We replace the ten modules");
  }

  @Test
  void withoutAnAnswerInTenWorkingDaysTheReplyCountsAsAcceptedByDefault() {
    ComplaintScenario c = replied("B-DECISION-2");
    var timer = c.timer("boundaryEventNoDecisionInTime");
    // Monday 2 March + 10 working days (complaint-deadlines row customer-decision-default)
    assertThat(timer.getDuedate().toInstant()).isEqualTo(MONDAY_MORNING.plusDays(14).toInstant());
    c.fire("boundaryEventNoDecisionInTime");
    assertThat(c.instance).isWaitingAt("userTaskFollowUpAfterDelivery");
    assertThat(c.variable(ComplaintVariables.CUSTOMER_DECISION)).isEqualTo("acceptedByDefault");
    assertThat(decisionsOf(c))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo("ACCEPTED_BY_DEFAULT");
              assertThat(d.source()).isEqualTo("DEFAULT");
              assertThat(d.recordedBy()).isNull();
            });
    // recording again (a repeated job) keeps the one answer of the round
    assertThat(
            decisions.recordOnce(
                (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR),
                c.instance.getId(),
                CustomerDecisions.ACCEPTED_BY_DEFAULT,
                null,
                CustomerDecisions.DEFAULT,
                null,
                null,
                MONDAY_MORNING.toInstant()))
        .isFalse();
    assertThat(decisionsOf(c)).hasSize(1);
  }

  @Test
  void afterThreeRoundsSalesManagementMustRuleFinally() {
    ComplaintScenario c = replied("B-DECISION-3");
    for (int round = 1; round <= 3; round++) {
      c.complete(
          "userTaskRecordCustomerDecision",
          "customerDecision",
          "rejected",
          "customerDecisionReason",
          "Round " + round + ": still not acceptable to us.");
      if (round < 3) {
        c.complete(
            "userTaskSettleRejectedReply",
            "rejectionSettlement",
            "askAgain",
            "settlementNote",
            "Revised offer number " + round + " for the customer.");
      }
    }
    assertThat(
            rejection(
                () -> c.complete("userTaskSettleRejectedReply", "rejectionSettlement", "askAgain")))
        .hasMessageContaining("rejectionSettlement");
    c.complete("userTaskSettleRejectedReply");
    assertThat(c.instance).isWaitingAt("userTaskFollowUpAfterDelivery");
    assertThat(decisionsOf(c))
        .extracting(CustomerDecisions.CustomerDecision::outcome)
        .containsExactly("ASK_AGAIN", "ASK_AGAIN", "FINAL_RULING");
  }

  private void archive(ComplaintScenario c) {
    c.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
  }

  @Test
  void minorComplaintIsCorrectedVerifiedRepliedStandardisedAndClosed() {
    ComplaintScenario c = toAnalysis(intake("C010", "B-MINOR-1", "BREAKAGE"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    assertThat(number).matches("CC-2026-\\d{6}");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(number)
                .count())
        .isEqualTo(1);
    assertThat(c.variable(ComplaintVariables.TIER_VAR)).isEqualTo("B");

    c.complete("userTaskAnalyseValidityAndCause");
    assertThat(c.variable(ComplaintVariables.SEVERITY_VAR)).isEqualTo("minor");
    c.complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock");
    assertThat(c.instance).isWaitingAt("userTaskCorrectNonconformity");
    c.complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence")
        .complete("userTaskVerifyEffectiveness");
    finishAfterRemedies(c);
    c.complete("userTaskAssessProcessStability").complete("userTaskStandardiseImprovement");
    archive(c);

    assertThat(c.instance)
        .hasPassedInOrder(
            "serviceTaskRegisterComplaint",
            "businessRuleTaskClassifyCustomerTier",
            "userTaskConfirmWithCustomer",
            "userTaskInvestigateOnSite",
            "serviceTaskCheckRecurrence",
            "userTaskAnalyseValidityAndCause",
            "businessRuleTaskClassifySeverity",
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
            "serviceTaskReportToManagement",
            "userTaskArchiveComplaintRecords",
            "serviceTaskCloseComplaint")
        .hasNotPassed("callActivityCorrectiveAction", "userTaskSurveyCustomerSatisfaction")
        .isEnded();
    Complaint closed = engine.getRuntimeService() == null ? null : register(number);
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.severity()).isEqualTo("minor");
    assertThat(closed.tier()).isEqualTo("B");
    // the reply draft to sales for review, the report to management
    assertThat(notifications.findByBusinessKey(number))
        .extracting(NotificationService.Notification::recipientGroup)
        .containsExactlyInAnyOrder("sales", "quality-management", "general-manager");
  }

  @Test
  void improvementEvidenceAndVerificationCannotBeCompletedWithoutAFileOfTheirOwnRound() {
    ComplaintScenario c = toAnalysis(intake("C010", "B-EVIDENCE-1", "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause")
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock")
        .complete("userTaskCorrectNonconformity")
        .withoutEvidence();

    assertThat(rejection(() -> c.complete("userTaskCollectImprovementEvidence")))
        .hasMessageContaining("evidenceFiles")
        .hasMessageContaining("002 §4.3.3.2");
    assertThat(c.instance).isWaitingAt("userTaskCollectImprovementEvidence");
    assertThat(c.variable("improvementEvidence"))
        .as("nothing of the refused submission was stored")
        .isNull();
    TestEvidence.attach(engine, c.task("userTaskCollectImprovementEvidence"));
    c.complete("userTaskCollectImprovementEvidence");

    assertThat(
            rejection(
                () -> c.complete("userTaskVerifyEffectiveness", "effectiveness", "notEffective")))
        .hasMessageContaining("evidenceFiles")
        .hasMessageContaining("002 §4.3.3.3");
    TestEvidence.attach(engine, c.task("userTaskVerifyEffectiveness"));
    c.complete("userTaskVerifyEffectiveness", "effectiveness", "notEffective");

    // the second round needs evidence of its own: the first round's file does not count
    c.complete("userTaskCorrectNonconformity");
    assertThat(rejection(() -> c.complete("userTaskCollectImprovementEvidence")))
        .hasMessageContaining("evidenceFiles");
    TestEvidence.attach(engine, c.task("userTaskCollectImprovementEvidence"));
    c.complete("userTaskCollectImprovementEvidence");
    assertThat(c.instance).isWaitingAt("userTaskVerifyEffectiveness");
  }

  @Test
  void seriousComplaintRunsEightDAndSurveyAndReReviewsAnUnstableProcess() {
    var intake = intake("C001", "B-SERIOUS-1", "BREAKAGE");
    intake.put("safetyRelated", true);
    ComplaintScenario c = toAnalysis(intake);
    c.complete("userTaskAnalyseValidityAndCause");
    assertThat(c.variable(ComplaintVariables.SEVERITY_VAR)).isEqualTo("serious");
    assertThat(c.variable(ComplaintVariables.TIER_VAR)).isEqualTo("A");
    c.complete("userTaskCommitImprovementDate").complete("userTaskContainSuspectStock");
    completeEightD(c);
    assertThat(c.variable(ComplaintVariables.ROOT_CAUSE))
        .isEqualTo("Strap tension crushes frame corners");
    c.complete("userTaskVerifyEffectiveness", "effectiveness", "notEffective");
    assertThat(c.instance).isWaitingAt("userTaskCorrectNonconformity");
    c.complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence")
        .complete("userTaskVerifyEffectiveness");
    finishAfterRemedies(c);
    c.complete("userTaskSurveyCustomerSatisfaction")
        .complete("userTaskAssessProcessStability", "processStability", "unstable")
        .complete("userTaskReReviewInputsAndControls")
        .complete("userTaskAssessProcessStability")
        .complete("userTaskStandardiseImprovement");
    archive(c);

    assertThat(c.instance)
        .hasPassed(
            "callActivityCorrectiveAction",
            "serviceTaskRecordSatisfactionSurvey",
            "userTaskReReviewInputsAndControls")
        .hasNotPassed("userTaskReviewMinorSeverity")
        .isEnded();
    assertThat(jdbc.sql("select count(*) from satisfaction_survey").query(Integer.class).single())
        .isEqualTo(4);
  }

  @Test
  void qualityManagerRaisesMinorComplaintToSerious() {
    ComplaintScenario c = toAnalysis(intake("C012", "B-RAISE-1", "APPEARANCE"));
    c.complete("userTaskAnalyseValidityAndCause", "confirmedDefectCode", "APPEARANCE");
    assertThat(c.variable(ComplaintVariables.SEVERITY_VAR)).isEqualTo("minor");
    c.complete(
        "userTaskReviewMinorSeverity",
        "raiseToSerious",
        true,
        "raiseReason",
        "Key account, third colour complaint");
    assertThat(c.variable(ComplaintVariables.SEVERITY_VAR)).isEqualTo("serious");
    c.complete("userTaskCommitImprovementDate").complete("userTaskContainSuspectStock").runJobs();
    assertThat(c.instance).isWaitingAt("callActivityCorrectiveAction");
  }

  @Test
  void raisingWithoutReasonIsRefusedAndTheTaskStaysOpen() {
    ComplaintScenario c = toAnalysis(intake("C012", "B-RAISE-2", "APPEARANCE"));
    c.complete("userTaskAnalyseValidityAndCause");
    assertThat(rejection(() -> c.complete("userTaskReviewMinorSeverity", "raiseToSerious", true)))
        .hasMessageContaining("raiseReason");
    assertThat(c.instance).isWaitingAt("userTaskReviewMinorSeverity");
    assertThat(c.variable(ComplaintVariables.RAISE_TO_SERIOUS)).isNull();
  }

  @Test
  void returnAndRecallApprovedByGeneralManagerAreCarriedOutBySales() {
    ComplaintScenario c = toAnalysis(intake("C011", "B-RETURN-1", "BREAKAGE"));
    c.complete(
            "userTaskAnalyseValidityAndCause",
            "returnExchangeRequested",
            true,
            "recallRequested",
            true)
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock");
    assertThat(candidateGroups(c.task("userTaskApproveReturnExchange")))
        .containsExactly("general-manager");
    c.complete("userTaskApproveReturnExchange").complete("userTaskTakeBackGoods");
    assertThat(candidateGroups(c.task("userTaskApproveRecall"))).containsExactly("general-manager");
    c.complete("userTaskApproveRecall").complete("userTaskRecallBatch");
    assertThat(c.instance)
        .hasPassed("userTaskTakeBackGoods", "userTaskRecallBatch")
        .isWaitingAt("userTaskCorrectNonconformity");
  }

  @Test
  void rejectedReturnAndRecallSkipTheirExecution() {
    ComplaintScenario c = toAnalysis(intake("C011", "B-RETURN-2", "BREAKAGE"));
    c.complete(
            "userTaskAnalyseValidityAndCause",
            "returnExchangeRequested",
            true,
            "recallRequested",
            true)
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock")
        .complete("userTaskApproveReturnExchange", "returnExchangeDecision", "rejected")
        .complete("userTaskApproveRecall", "recallDecision", "rejected");
    assertThat(c.instance).hasNotPassed("userTaskTakeBackGoods", "userTaskRecallBatch");
  }

  @ParameterizedTest(name = "{0} CNY is approved by {1}")
  @CsvSource({
    "5000, sales-management, head of marketing",
    "20000, quality-management, VP quality",
    "80000, general-manager, general manager"
  })
  void compensationIsApprovedByTheAuthorityTheMatrixNames(int amount, String group, String level) {
    ComplaintScenario c = toAnalysis(intake("C013", "B-COMP-" + amount, "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause", "compensationAmount", amount)
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock");
    Task approval = c.task("userTaskApproveCompensation");
    assertThat(candidateGroups(approval)).containsExactly(group);
    assertThat(c.variable("authorityLevel")).isEqualTo(level);
    assertThat(
            rejection(
                () ->
                    c.complete(
                        "userTaskApproveCompensation", "approvedCompensationAmount", amount + 1)))
        .hasMessageContaining("must not exceed");
    c.complete("userTaskApproveCompensation", "approvedCompensationAmount", amount);
    assertThat(c.instance).hasPassed("userTaskApproveCompensation");
  }

  @Test
  void invalidComplaintIsExplainedWithEvidenceReportedAndArchived() {
    ComplaintScenario c = toAnalysis(intake("C014", "B-INVALID-1", "BREAKAGE"));
    c.complete(
            "userTaskAnalyseValidityAndCause",
            "complaintValidity",
            "invalid",
            "responsibility",
            "customerStorageOrUsage")
        .complete("userTaskExplainInvalidComplaint");
    archive(c);
    assertThat(c.instance)
        .hasPassed("serviceTaskReportToManagement")
        .hasNotPassed("businessRuleTaskClassifySeverity", "userTaskSettleDispute")
        .isEnded();
  }

  @Test
  void disputedInvalidFindingUpheldBySalesManagement() {
    ComplaintScenario c = toAnalysis(intake("C014", "B-DISPUTE-1", "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause", "complaintValidity", "invalid")
        .complete("userTaskExplainInvalidComplaint", "customerDisputes", true);
    assertThat(candidateGroups(c.task("userTaskSettleDispute")))
        .containsExactly("sales-management");
    c.complete("userTaskSettleDispute");
    archive(c);
    assertThat(c.instance).hasPassed("userTaskSettleDispute").isEnded();
  }

  @Test
  void disputedComplaintAcceptedBySalesManagementIsAnalysedAgainAsValid() {
    ComplaintScenario c = toAnalysis(intake("C014", "B-DISPUTE-2", "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause", "complaintValidity", "invalid")
        .complete("userTaskExplainInvalidComplaint", "customerDisputes", true)
        .complete("userTaskSettleDispute", "disputeDecision", "acceptComplaint");
    assertThat(c.instance).isWaitingAt("userTaskAnalyseValidityAndCause");
    assertThat(
            rejection(
                () ->
                    c.complete("userTaskAnalyseValidityAndCause", "complaintValidity", "invalid")))
        .hasMessageContaining("complaintValidity");
    c.complete("userTaskAnalyseValidityAndCause");
    assertThat(c.instance).isWaitingAt("userTaskReviewMinorSeverity");
  }

  @Test
  void usageQuestionAnsweredOnTheSpotIsArchivedAtOnce() {
    var intake = intake("C005", "B-USAGE-1", "USAGE-QUESTION");
    intake.put("category", "service");
    intake.put("usageQuestion", true);
    ComplaintScenario c = start(intake);
    assertThat(candidateGroups(c.task("userTaskAnswerOnTheSpot"))).containsExactly("sales");
    c.complete("userTaskAnswerOnTheSpot");
    archive(c);
    assertThat(c.instance)
        .hasPassed("userTaskAnswerOnTheSpot")
        .hasNotPassed("userTaskConfirmWithCustomer", "serviceTaskReportToManagement")
        .isEnded();
  }

  @Test
  void usageQuestionNotResolvedOnTheSpotFollowsTheProcedure() {
    var intake = intake("C005", "B-USAGE-2", "USAGE-QUESTION");
    intake.put("usageQuestion", true);
    ComplaintScenario c =
        start(intake).complete("userTaskAnswerOnTheSpot", "answeredOnTheSpot", false);
    assertThat(c.instance).isWaitingAt("userTaskConfirmWithCustomer");
  }

  @Test
  void environmentalComplaintGoesToGeneralAffairsAndTheResponsibleUnit() {
    var intake = intake("C015", "B-ENV-1", "ENV-NOISE");
    intake.put("category", "environmental");
    ComplaintScenario c = start(intake);
    Task investigation = c.task("userTaskInvestigateEnvironmentalComplaint");
    assertThat(candidateGroups(investigation)).containsExactly("general-affairs");
    assertThat(investigation.getDueDate())
        .isEqualTo(Date.from(MONDAY_MORNING.plusHours(24).toInstant()));
    c.complete("userTaskInvestigateEnvironmentalComplaint");
    assertThat(candidateGroups(c.task("userTaskEnterEnvironmentalSolution")))
        .containsExactly("production");
    c.complete("userTaskEnterEnvironmentalSolution");
    archive(c);
    assertThat(c.instance).hasNotPassed("userTaskConfirmWithCustomer").isEnded();
  }

  @Test
  void thirdComplaintOfTheSameBatchAndDefectStartsAQualityAnalysisMeeting() {
    toAnalysis(intake("C002", "B-REPEAT-1", "PULL-STRENGTH"));
    ComplaintScenario second = toAnalysis(intake("C003", "B-REPEAT-1", "PULL-STRENGTH"));
    assertThat(second.instance).isWaitingAt("userTaskAnalyseValidityAndCause");
    ComplaintScenario third =
        start(intake("C004", "B-REPEAT-1", "PULL-STRENGTH"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite");
    assertThat(third.variable("sameBatchDefectCount")).isEqualTo(3);
    assertThat(candidateGroups(third.task("userTaskHoldQualityAnalysisMeeting")))
        .containsExactly("quality");
    third.complete("userTaskHoldQualityAnalysisMeeting");
    assertThat(third.instance).isWaitingAt("userTaskAnalyseValidityAndCause");

    ComplaintScenario fourth = toAnalysis(intake("C005", "B-REPEAT-1", "PULL-STRENGTH"));
    assertThat(fourth.instance)
        .hasNotPassed("userTaskHoldQualityAnalysisMeeting")
        .isWaitingAt("userTaskAnalyseValidityAndCause");
    assertThat(fourth.variable("recurrenceResolution"))
        .isEqualTo("Corner protectors on every pallet of this batch; re-inspect all stock.");
    // another defect of the same batch is a different problem
    ComplaintScenario other = toAnalysis(intake("C006", "B-REPEAT-1", "APPEARANCE"));
    assertThat(other.variable("recurrenceResolution")).isNull();
  }

  @Test
  void aTierCustomersGetHigherTaskPriority() {
    Task a = start(intake("C001", "B-PRIO-1", "LABEL")).task("userTaskConfirmWithCustomer");
    Task c = start(intake("C015", "B-PRIO-2", "LABEL")).task("userTaskConfirmWithCustomer");
    assertThat(a.getPriority()).isEqualTo(80);
    assertThat(c.getPriority()).isEqualTo(40);
  }

  @Test
  void confirmationEscalatesToSalesManagementAt4HoursAndToTheGeneralManagerAt12() {
    ComplaintScenario c = start(intake("C010", "B-ESC-1", "BREAKAGE"));
    Task confirm = c.task("userTaskConfirmWithCustomer");
    Instant due = MONDAY_MORNING.plusHours(4).toInstant();
    assertThat(confirm.getDueDate()).isEqualTo(Date.from(due));
    assertThat(c.escalationTimer("userTaskConfirmWithCustomer", 1).getDuedate())
        .isEqualTo(Date.from(due));
    assertThat(c.escalationTimer("userTaskConfirmWithCustomer", 2).getDuedate())
        .isEqualTo(Date.from(MONDAY_MORNING.plusHours(12).toInstant()));

    ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60)));
    c.escalate("userTaskConfirmWithCustomer", 1);
    confirm = c.task("userTaskConfirmWithCustomer");
    assertThat(confirm.getPriority()).isEqualTo(90);
    assertThat(candidateGroups(confirm))
        .containsExactlyInAnyOrder("customer-service", "sales-management");
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    assertThat(escalations.findByBusinessKey(number))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.level()).isEqualTo(1);
              assertThat(e.escalatedToGroup()).isEqualTo("sales-management");
              assertThat(e.dueDate()).isEqualTo(due);
            });

    // a job that runs twice (e.g. retried after a lost acknowledgement) records and notifies once:
    // the level-1 timeout listener runs again for the same task
    Task again = c.task("userTaskConfirmWithCustomer");
    ((org.camunda.bpm.engine.impl.ProcessEngineImpl) engine)
        .getProcessEngineConfiguration()
        .getCommandExecutorTxRequired()
        .execute(
            ctx -> {
              ctx.getTaskManager()
                  .findTaskById(again.getId())
                  .triggerTimeoutEvent("escalationLevel1");
              return null;
            });
    assertThat(escalations.findByBusinessKey(number)).hasSize(1);
    assertThat(candidateGroups(c.task("userTaskConfirmWithCustomer"))).hasSize(2);
    assertThat(notifications.findByBusinessKey(number)).hasSize(1);

    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusHours(12).plusMinutes(1).toInstant()));
    c.escalate("userTaskConfirmWithCustomer", 2);
    confirm = c.task("userTaskConfirmWithCustomer");
    assertThat(confirm.getPriority()).isEqualTo(100);
    assertThat(confirm).hasCandidateGroupAssociated("general-manager");
    assertThat(escalations.findByBusinessKey(number))
        .extracting(EscalationRepository.Escalation::level)
        .containsExactly(1, 2);
    c.complete("userTaskConfirmWithCustomer");
    assertThat(c.instance).isWaitingAt("userTaskInvestigateOnSite");
    // the investigation has a deadline of its own (the sales row, 2 working days): the
    // confirmation's escalation is not carried over
    Task investigation = c.task("userTaskInvestigateOnSite");
    assertThat(investigation.getPriority()).isLessThan(90);
    assertThat(investigation.getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(c.escalationTimer("userTaskInvestigateOnSite", 1).getDuedate())
        .isEqualTo(investigation.getDueDate());
  }

  /**
   * Every deadline task's two escalation levels fire, and the task can still be completed
   * afterwards.
   */
  @Test
  void everyDeadlineTaskEscalatesTwiceWithoutInterruptingTheWork() {
    var intake = intake("C009", "B-ESC-ALL", "BREAKAGE");
    intake.put("urgent", true);
    ComplaintScenario c = start(intake);
    escalateTwice(c, "ConfirmWithCustomer");
    c.complete("userTaskConfirmWithCustomer").complete("userTaskInvestigateOnSite");
    escalateTwice(c, "AnalyseValidityAndCause");
    c.complete("userTaskAnalyseValidityAndCause")
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate");
    escalateTwice(c, "ContainSuspectStock");
    c.complete("userTaskContainSuspectStock");
    escalateTwice(c, "CorrectNonconformity");
    c.complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence")
        .complete("userTaskVerifyEffectiveness");
    escalateTwice(c, "ReplyInWriting");
    assertThat(rejection(() -> c.complete("userTaskReplyInWriting")))
        .hasMessageContaining("lateReason");
    c.complete(
        "userTaskReplyInWriting",
        "lateReason",
        "Customer agreed by phone to wait for the lab result.",
        "customerConsentedToDelay",
        true);
    escalateTwice(c, "RecordCustomerDecision");
    c.complete(
        "userTaskRecordCustomerDecision",
        "customerDecision",
        "rejected",
        "customerDecisionReason",
        "The delay was not acceptable for our project.");
    escalateTwice(c, "SettleRejectedReply");
    c.complete("userTaskSettleRejectedReply");
    assertThat(c.instance).isWaitingAt("userTaskFollowUpAfterDelivery");

    var environmental = intake("C009", "B-ESC-ENV", "ENV-EMISSION");
    environmental.put("category", "environmental");
    ComplaintScenario e = start(environmental);
    escalateTwice(e, "InvestigateEnvironmentalComplaint");
    e.complete("userTaskInvestigateEnvironmentalComplaint");
    escalateTwice(e, "EnterEnvironmentalSolution");
    e.complete("userTaskEnterEnvironmentalSolution");
    assertThat(e.instance).isWaitingAt("userTaskArchiveComplaintRecords");
  }

  private void escalateTwice(ComplaintScenario c, String base) {
    c.escalate("userTask" + base, 1).escalate("userTask" + base, 2);
    Task task = c.task("userTask" + base);
    assertThat(task.getPriority()).isEqualTo(100);
    assertThat(task).hasCandidateGroupAssociated("general-manager");
    ClockUtil.setCurrentTime(Date.from(task.getDueDate().toInstant().plusSeconds(3600)));
  }

  @Test
  void analysisIsDueInTwoWorkingDaysAcrossTheSpringFestival() {
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.of(2026, 2, 12, 10, 0, 0, 0, SHANGHAI).toInstant()));
    ComplaintScenario c = toAnalysis(intake("C010", "B-CAL-1", "BREAKAGE"));
    // Fri 13 Feb is a working day, Sat 14 Feb a swapped working day, 15-23 Feb the holiday
    assertThat(c.task("userTaskAnalyseValidityAndCause").getDueDate())
        .isEqualTo(Date.from(ZonedDateTime.of(2026, 2, 14, 10, 0, 0, 0, SHANGHAI).toInstant()));
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.of(2026, 2, 14, 10, 0, 0, 0, SHANGHAI).toInstant()));
    ComplaintScenario later = toAnalysis(intake("C010", "B-CAL-2", "BREAKAGE"));
    assertThat(later.task("userTaskAnalyseValidityAndCause").getDueDate())
        .isEqualTo(Date.from(ZonedDateTime.of(2026, 2, 25, 10, 0, 0, 0, SHANGHAI).toInstant()));
  }

  @ParameterizedTest(name = "urgent={0}, origin={1}: reply due {2} after the sample's day")
  @CsvSource({
    "true, ownPlant, PT48H",
    "false, ownPlant, P3D",
    "false, supplier, P7D",
    "true, supplier, P7D"
  })
  void writtenReplyIsDueCountedFromTheSampleReceipt(boolean urgent, String origin, String after) {
    var intake = intake("C011", "B-REPLY-" + urgent + origin, "BREAKAGE");
    intake.put("urgent", urgent);
    ComplaintScenario c =
        start(intake)
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite", "sampleReceivedDate", "2026-03-01")
            .complete("userTaskAnalyseValidityAndCause", "causeOrigin", origin);
    if (c.variable(ComplaintVariables.SEVERITY_VAR).equals("minor")) {
      c.complete("userTaskReviewMinorSeverity");
    }
    c.complete("userTaskCommitImprovementDate").complete("userTaskContainSuspectStock");
    if (c.variable(ComplaintVariables.SEVERITY_VAR).equals("serious")) {
      completeEightD(c);
    } else {
      c.complete("userTaskCorrectNonconformity").complete("userTaskCollectImprovementEvidence");
    }
    c.complete("userTaskVerifyEffectiveness");
    ZonedDateTime sampleDay = LocalDate.of(2026, 3, 1).atStartOfDay(SHANGHAI);
    ZonedDateTime expected =
        after.startsWith("PT")
            ? sampleDay.plus(java.time.Duration.parse(after))
            : sampleDay.plus(java.time.Period.parse(after));
    assertThat(c.task("userTaskReplyInWriting").getDueDate())
        .isEqualTo(Date.from(expected.toInstant()));
  }

  @Test
  void laterImprovementDateNeedsTheCustomersRecordedConsent() {
    ComplaintScenario c = toAnalysis(intake("C013", "B-DATE-1", "BREAKAGE"));
    c.complete("userTaskAnalyseValidityAndCause").complete("userTaskReviewMinorSeverity");
    // Monday 09:00 + 2 working days = Wednesday 4 March
    assertThat(c.task("userTaskCommitImprovementDate")).isNotNull();
    assertThat(
            engine
                .getTaskService()
                .getVariable(
                    c.task("userTaskCommitImprovementDate").getId(), "proposedImprovementDate"))
        .isEqualTo("2026-03-04");
    assertThat(
            rejection(
                () ->
                    c.complete(
                        "userTaskCommitImprovementDate", "committedImprovementDate", "2026-03-20")))
        .hasMessageContaining("customerConsentToLaterDate")
        .hasMessageContaining("customerConsentReference");
    c.complete(
        "userTaskCommitImprovementDate",
        "committedImprovementDate",
        "2026-03-20",
        "customerConsentToLaterDate",
        true,
        "customerConsentReference",
        "Mail of Mr Wang, 2 March");
    c.complete("userTaskContainSuspectStock");
    // the correction is due at the end of the committed day
    assertThat(c.task("userTaskCorrectNonconformity").getDueDate())
        .isEqualTo(Date.from(ZonedDateTime.of(2026, 3, 20, 23, 59, 59, 0, SHANGHAI).toInstant()));
  }

  @Test
  void aTaskSubmissionBreakingTheFormIsRefusedAndChangesNothing() {
    ComplaintScenario c = start(intake("C010", "B-FORM-1", "BREAKAGE"));
    assertThat(
            rejection(
                () ->
                    c.complete(
                        "userTaskConfirmWithCustomer",
                        "confirmedItems",
                        "",
                        "defectTrend",
                        "sideways")))
        .hasMessageContaining("confirmedItems")
        .hasMessageContaining("defectTrend");
    assertThat(c.instance).isWaitingAt("userTaskConfirmWithCustomer");
    assertThat(c.variable("confirmationMethod")).isNull();
  }

  @Test
  void anIntakeBreakingTheStartFormStartsNothing() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    var intake = intake("C999", "B-FORM-2", "NO-SUCH-DEFECT");
    intake.put("quantityDefective", 2000);
    assertThat(rejection(() -> start(intake)))
        .hasMessageContaining("customerCode")
        .hasMessageContaining("defectCode")
        .hasMessageContaining("quantityDefective");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    assertThat(jdbc.sql("select count(*) from complaint").query(Integer.class).single()).isZero();
  }

  private Complaint register(String number) {
    return jdbc.sql("select complaint_number from complaint where complaint_number = ?")
        .param(number)
        .query(String.class)
        .optional()
        .flatMap(
            n ->
                new ComplaintRepository(
                        jdbc, new ComplaintFindings(jdbc), new ComplaintOpenDue(jdbc))
                    .findByNumber(n))
        .orElseThrow();
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()))
        .map(IdentityLink::getGroupId)
        .toList();
  }
}
