package com.qmsflow.capa;

import static com.qmsflow.variable.Variable.booleanVariable;
import static com.qmsflow.variable.Variable.dateVariable;
import static com.qmsflow.variable.Variable.numberVariable;
import static com.qmsflow.variable.Variable.objectVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.Date;
import java.util.List;

/**
 * Process key, deadline decision, the element ids Java names and the process variables of {@code
 * corrective-action}, each variable declared once with its type.
 */
public final class CorrectiveActionVariables {

  public static final String PROCESS_KEY = "corrective-action";
  public static final String DEADLINE_DECISION = "corrective-action-deadlines";

  /** The user tasks of the 8D disciplines, in the order of {@code corrective-action.bpmn}. */
  public static final List<String> EIGHT_D_TASKS =
      List.of(
          "userTaskD0EmergencyResponse",
          "userTaskCorrectWithoutEightD",
          "userTaskD1FormTeam",
          "userTaskD2DescribeProblem",
          "userTaskD3Containment",
          "userTaskD4RootCause",
          "userTaskD5PermanentActions",
          "userTaskApproveD5PermanentActions",
          "userTaskD6Implement",
          "userTaskD7PreventRecurrence",
          "userTaskConfirmNoRecurrence",
          "userTaskDecideRecurrencePreventionReport",
          "userTaskDraftPreventionCountermeasures",
          "userTaskApprovePreventionCountermeasures",
          "userTaskConfirmPreventionEffect",
          "userTaskD8CloseAndRecognise");

  // the problem (start form, or the complaint's call activity)
  public static final Variable<String> EIGHT_D_NUMBER = stringVariable("eightDNumber");
  public static final Variable<String> COMPLAINT_NUMBER = stringVariable("complaintNumber");
  public static final Variable<String> PROBLEM_TITLE = stringVariable("problemTitle");
  public static final Variable<String> CUSTOMER_NAME = stringVariable("customerName");
  public static final Variable<String> PRODUCT_NAME = stringVariable("productName");
  public static final Variable<String> PRODUCT_MODEL = stringVariable("productModel");
  public static final Variable<String> BATCH_NUMBER = stringVariable("batchNumber");
  public static final Variable<String> DEFECT_CODE = stringVariable("defectCode");
  public static final Variable<String> DEFECT_DESCRIPTION = stringVariable("defectDescription");
  public static final Variable<String> DESCRIPTION = stringVariable("description");
  public static final Variable<Date> RAISED_AT = dateVariable("raisedAt");
  public static final Variable<Number> TASK_PRIORITY = numberVariable("taskPriority");

  // D0 emergency response, or a correction without 8D
  public static final Variable<String> EMERGENCY_ACTIONS = stringVariable("emergencyActions");
  public static final Variable<String> EIGHT_D_APPLICABILITY =
      stringVariable("eightDApplicability");
  public static final Variable<String> NOT_APPLICABLE_REASON =
      stringVariable("notApplicableReason");
  public static final Variable<String> SIMPLE_CORRECTION = stringVariable("simpleCorrection");
  public static final Variable<Boolean> SIMPLE_CORRECTION_VERIFIED =
      booleanVariable("simpleCorrectionVerified");

  // D1 team
  public static final Variable<String> TEAM_LEADER = stringVariable("teamLeader");
  public static final Variable<String> TEAM_MEMBERS = stringVariable("teamMembers");
  public static final Variable<String> TEAM_FUNCTIONS = stringVariable("teamFunctions");

  // D2 problem description (5W2H)
  public static final Variable<String> WHAT = stringVariable("what");
  public static final Variable<String> WHERE = stringVariable("where");
  public static final Variable<String> WHEN = stringVariable("when");
  public static final Variable<String> WHO = stringVariable("who");
  public static final Variable<String> WHY = stringVariable("why");
  public static final Variable<String> HOW = stringVariable("how");
  public static final Variable<Number> HOW_MANY = numberVariable("howMany");
  public static final Variable<String> HOW_OFTEN = stringVariable("howOften");

  // D3 containment
  public static final Variable<String> CONTAINMENT_ACTIONS = stringVariable("containmentActions");
  public static final Variable<String> CONTAINMENT_VERIFICATION =
      stringVariable("containmentVerification");
  public static final Variable<Boolean> CONTAINMENT_EFFECTIVE =
      booleanVariable("containmentEffective");

  // D4 root cause
  public static final Variable<String> ROOT_CAUSE_METHOD = stringVariable("rootCauseMethod");
  public static final Variable<String> ROOT_CAUSE = stringVariable("rootCause");
  public static final Variable<String> ESCAPE_POINT = stringVariable("escapePoint");
  public static final Variable<String> ROOT_CAUSE_CONFIRMED_BY =
      stringVariable("rootCauseConfirmedBy");
  public static final Variable<String> RECURRENCE_EVIDENCE = stringVariable("recurrenceEvidence");

  // D5 permanent actions and their approval
  public static final Variable<String> PERMANENT_ACTIONS = stringVariable("permanentActions");
  public static final Variable<String> PERMANENT_ACTIONS_VERIFICATION =
      stringVariable("permanentActionsVerification");
  public static final Variable<String> D5_DECISION = stringVariable("d5Decision");
  public static final Variable<String> D5_REJECTION_REASON = stringVariable("d5RejectionReason");

  // D6 implementation
  public static final Variable<String> IMPLEMENTATION_DETAILS =
      stringVariable("implementationDetails");
  public static final Variable<Number> EFFECT_BEFORE = numberVariable("effectBefore");
  public static final Variable<Number> EFFECT_AFTER = numberVariable("effectAfter");
  public static final Variable<String> VERIFIED_EFFECT = stringVariable("verifiedEffect");
  public static final Variable<Object> IMPLEMENTATION_COMPLETED_ON =
      objectVariable("implementationCompletedOn");
  public static final Variable<Boolean> CONTAINMENT_REMOVED = booleanVariable("containmentRemoved");

  // D7 prevention, and a change of product or process it asks for
  public static final Variable<String> STANDARDS_UPDATED = stringVariable("standardsUpdated");
  public static final Variable<Boolean> FMEA_UPDATED = booleanVariable("fmeaUpdated");
  public static final Variable<Boolean> CONTROL_PLAN_UPDATED =
      booleanVariable("controlPlanUpdated");
  public static final Variable<String> TRAINING_DONE = stringVariable("trainingDone");
  public static final Variable<String> SIMILAR_PRODUCTS = stringVariable("similarProducts");
  public static final Variable<Boolean> PERMANENT_ACTION_CHANGES_PRODUCT_OR_PROCESS =
      booleanVariable("permanentActionChangesProductOrProcess");
  public static final Variable<String> CHANGE_DESCRIPTION = stringVariable("changeDescription");
  public static final Variable<String> CHANGE_NUMBER = stringVariable("changeNumber");

  // effectiveness check and recurrence prevention
  public static final Variable<String> RECURRENCE_OBSERVED = stringVariable("recurrenceObserved");
  public static final Variable<String> PREVENTION_REPORT_NEEDED =
      stringVariable("preventionReportNeeded");
  public static final Variable<String> PREVENTION_REPORT_REASON =
      stringVariable("preventionReportReason");
  public static final Variable<String> PREVENTION_COUNTERMEASURES =
      stringVariable("preventionCountermeasures");
  public static final Variable<String> PREVENTION_EFFECT = stringVariable("preventionEffect");

  // D8 closure
  public static final Variable<String> TEAM_RECOGNITION = stringVariable("teamRecognition");
  public static final Variable<String> LESSONS_LEARNED = stringVariable("lessonsLearned");
  public static final Variable<Boolean> RECORDS_ARCHIVED = booleanVariable("recordsArchived");

  // results handed back to a complaint
  public static final Variable<String> EIGHT_D_EVIDENCE = stringVariable("eightDEvidence");
  public static final Variable<String> EIGHT_D_REPORT_URL = stringVariable("eightDReportUrl");

  /** Priority of an internal 8D's tasks (no customer tier): as a B customer's. */
  public static final int INTERNAL_PRIORITY = 60;

  private CorrectiveActionVariables() {}
}
