package com.qmsflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.evidence.TestEvidence;
import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.variable.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one complaint through complaint-handling the way staff do: every task is completed with a
 * submission that passes its form's rules, unless a test overrides single fields.
 */
public final class ComplaintScenario {

  public static final String TODAY = "2026-03-02";

  private final ProcessEngine engine;
  final ProcessInstance instance;

  public ProcessInstance instance() {
    return instance;
  }

  private ComplaintScenario(ProcessEngine engine, ProcessInstance instance) {
    this.engine = engine;
    this.instance = instance;
  }

  public static Map<String, Object> intake(String customerCode, String batch, String defectCode) {
    Map<String, Object> v = new HashMap<>();
    v.put("customerCode", customerCode);
    v.put("contactName", "Ms Li");
    v.put("channel", "email");
    v.put("category", "quality");
    v.put("usageQuestion", false);
    v.put("productName", "Mono PERC module 550 W");
    v.put("productModel", "M550-144");
    v.put("batchNumber", batch);
    v.put("productionDate", "2026-01-15");
    v.put("quantityPurchased", 1000);
    v.put("quantityDefective", 10);
    v.put("defectCode", defectCode);
    v.put("description", "Ten modules arrived with cracked glass at the corners.");
    v.put("urgent", false);
    v.put("safetyRelated", false);
    v.put("customerPrescribesReportFormat", false);
    return v;
  }

  public static ComplaintScenario start(ProcessEngine engine, Map<String, Object> intake) {
    return new ComplaintScenario(
        engine,
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(ComplaintVariables.PROCESS_KEY, intake));
  }

  /** A submission that passes the form of the given task. */
  public static Map<String, Object> validSubmission(String taskKey) {
    Map<String, Object> v = new HashMap<>();
    switch (taskKey) {
      case "userTaskAnswerOnTheSpot" -> {
        v.put("onTheSpotAnswer", "Explained the correct torque for the mounting clamps.");
        v.put("answeredOnTheSpot", true);
      }
      case "userTaskInvestigateEnvironmentalComplaint" -> {
        v.put("environmentalFindings", "Night-shift compressor noise above 55 dB at the fence.");
        v.put("environmentalResponsibleDepartment", "production");
      }
      case "userTaskEnterEnvironmentalSolution" -> {
        v.put(
            "environmentalSolution",
            "Compressor enclosure installed and night runs moved indoors.");
        v.put("environmentalSolutionDate", TODAY);
      }
      case "userTaskConfirmWithCustomer" -> {
        v.put("confirmationMethod", "email");
        v.put("confirmedItems", "1. cracked glass at corners; 2. ten modules on pallet 7");
        v.put("defectExtent", "10 of 1000 modules of one pallet");
        v.put("defectTrend", "isolated");
        v.put("customerPrescribesReportFormat", false);
      }
      case "userTaskInvestigateOnSite" -> {
        v.put(
            "investigationFindings", "Corners cracked where the pallet straps press on the frame.");
        v.put("sampleTaken", true);
        v.put("sampleReceivedDate", TODAY);
        v.put("productReturnedForAnalysis", false);
      }
      case "userTaskHoldQualityAnalysisMeeting" -> {
        v.put("meetingDate", TODAY);
        v.put("meetingParticipants", "QA, production, packing, sales");
        v.put(
            "meetingResolution",
            "Corner protectors on every pallet of this batch; re-inspect all stock.");
      }
      case "userTaskAnalyseValidityAndCause" -> {
        v.put("complaintValidity", "valid");
        v.put("confirmedDefectCode", "BREAKAGE");
        v.put(
            "causeAnalysis", "Corner protectors missing at packing line 3 since the shift change.");
        v.put("responsibility", "productQuality");
        v.put("causeOrigin", "ownPlant");
        v.put("responsibleDepartment", "production");
        v.put("batchWide", false);
        v.put("returnExchangeRequested", false);
        v.put("recallRequested", false);
        v.put("compensationAmount", 0);
      }
      case "userTaskExplainInvalidComplaint" -> {
        v.put(
            "invalidityExplanation",
            "The modules were stored upright in rain for two weeks at the site.");
        v.put("objectiveEvidence", "Site photos of 3 March, storage log");
        v.put("customerDisputes", false);
      }
      case "userTaskSettleDispute" -> {
        v.put("disputeDecision", "upholdInvalid");
        v.put("disputeReason", "Storage photos are conclusive.");
      }
      case "userTaskReviewMinorSeverity" -> v.put("raiseToSerious", false);
      case "userTaskContainSuspectStock" -> {
        v.put("suspectPeriodFrom", "2026-01-10");
        v.put("suspectPeriodTo", "2026-01-20");
        v.put("stockQuantityIsolated", 400);
        v.put("wipQuantityIsolated", 50);
        v.put("incomingQuantityIsolated", 0);
        v.put("reinspectionResult", "No further cracked modules among 450 re-inspected.");
      }
      case "userTaskCorrectNonconformity" -> {
        v.put("correctionActions", "Corner protectors added to the packing instruction of line 3.");
        v.put("correctionCompletedDate", TODAY);
      }
      case "userTaskCollectImprovementEvidence" ->
          v.put("improvementEvidence", "Photos of 20 pallets packed with protectors");
      case "userTaskApproveReturnExchange" -> {
        v.put("returnExchangeDecision", "approved");
        v.put("returnExchangeDecisionNote", "Exchange the ten modules.");
      }
      case "userTaskTakeBackGoods" -> {
        v.put("returnedQuantity", 10);
        v.put("goodsReceivedDate", TODAY);
        v.put("exchangeShipped", true);
      }
      case "userTaskApproveRecall" -> {
        v.put("recallDecision", "approved");
        v.put("recallDecisionNote", "Recall the remaining stock of the batch.");
      }
      case "userTaskRecallBatch" -> {
        v.put("recalledQuantity", 300);
        v.put("recallCompletedDate", TODAY);
      }
      case "userTaskApproveCompensation" -> {
        v.put("compensationDecision", "approved");
        v.put("approvedCompensationAmount", 1000);
        v.put("compensationDecisionNote", "Within authority.");
      }
      case "userTaskVerifyEffectiveness" -> {
        v.put("effectiveness", "effective");
        v.put("verificationEvidence", "Two weeks of shipments without breakage.");
      }
      case "userTaskReplyInWriting" -> {
        v.put("replySummary", "Cause, correction and verification as in the attached report.");
        v.put("replyEvidence", "Report and photos");
        v.put("replySentDate", TODAY);
      }
      case "userTaskRecordCustomerDecision" -> {
        v.put("customerDecision", "accepted");
        v.put("customerDecisionChannel", "phone");
      }
      case "userTaskSettleRejectedReply" -> {
        v.put("rejectionRecourse", "finalRuling");
        v.put("rejectionSettlement", "finalRuling");
        v.put("settlementNote", "The reply stands: the cracks came from the customer's forklift.");
      }
      case "userTaskFollowUpAfterDelivery" -> {
        v.put("countermeasureAtCustomer", "works");
        v.put("followUpNote", "Customer received two corrected shipments without breakage.");
        v.put("qualityInformed", true);
      }
      case "userTaskSurveyCustomerSatisfaction" -> {
        v.put("satisfactionQuality", 4);
        v.put("satisfactionDelivery", 3);
        v.put("satisfactionService", 5);
        v.put("satisfactionResponsiveness", 4);
      }
      case "userTaskAssessProcessStability" -> {
        v.put("processStability", "stable");
        v.put("stabilityEvidence", "SPC of packing damage within limits for four weeks.");
      }
      case "userTaskStandardiseImprovement" -> v.put("standardisedDocuments", "WI-PK-003 rev C");
      case "userTaskReReviewInputsAndControls" -> {
        v.put("reReviewFindings", "Strap tension not controlled; added to the control plan.");
        v.put("revisedControls", "Control plan CP-PK-01 rev D");
      }
      case "userTaskArchiveComplaintRecords" -> {
        v.put("archiveLocation", "QA archive cabinet 3 / 2026");
        v.put("recordsComplete", true);
      }
      default -> {}
    }
    return v;
  }

  Task task(String taskKey) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .taskDefinitionKey(taskKey)
            .list();
    assertThat(tasks).as("open task %s", taskKey).hasSize(1);
    return tasks.get(0);
  }

  /** Completes the task with a valid submission, changed by the given overrides. */
  public ComplaintScenario complete(String taskKey, Object... overrides) {
    Map<String, Object> values = validSubmission(taskKey);
    for (int i = 0; i < overrides.length; i += 2) {
      values.put((String) overrides[i], overrides[i + 1]);
    }
    Task task = task(taskKey);
    if ("userTaskCommitImprovementDate".equals(taskKey)
        && !values.containsKey("committedImprovementDate")) {
      values.put(
          "committedImprovementDate",
          engine.getTaskService().getVariable(task.getId(), "proposedImprovementDate"));
    }
    if (withEvidence) {
      TestEvidence.attachIfRequired(engine, task);
    }
    engine.getTaskService().complete(task.getId(), values);
    return this;
  }

  private boolean withEvidence = true;

  /** From now on, completes evidence steps without attaching a file first (for refusal tests). */
  public ComplaintScenario withoutEvidence() {
    withEvidence = false;
    return this;
  }

  /** Runs the async continuations (save points) that are due, as the job executor would. */
  public ComplaintScenario runJobs() {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs =
          engine
              .getManagementService()
              .createJobQuery()
              .processInstanceId(instance.getId())
              .messages()
              .list();
      if (jobs.isEmpty()) {
        return this;
      }
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    return this;
  }

  Job timer(String boundaryEventId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(instance.getId())
        .timers()
        .activityId(boundaryEventId)
        .singleResult();
  }

  /** The deadline task's escalation timer of that level (a timeout task listener's job). */
  public Job escalationTimer(String taskKey, int level) {
    return EscalationTimers.find(engine.getManagementService(), instance.getId(), taskKey, level);
  }

  ComplaintScenario escalate(String taskKey, int level) {
    EscalationTimers.fire(engine.getManagementService(), instance.getId(), taskKey, level);
    return this;
  }

  ComplaintScenario fire(String boundaryEventId) {
    Job timer = timer(boundaryEventId);
    assertThat(timer).as("timer %s", boundaryEventId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    return this;
  }

  public Object variable(String name) {
    return engine.getRuntimeService().getVariable(instance.getId(), name);
  }

  public Object variable(Variable<?> variable) {
    return variable(variable.name());
  }
}
