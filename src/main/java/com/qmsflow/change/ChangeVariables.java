package com.qmsflow.change;

import java.util.List;

/** Process key, message, decisions and the process variables of {@code contract-change}. */
public final class ChangeVariables {

  public static final String PROCESS_KEY = "contract-change";

  /** Message of the start event an 8D uses when its permanent action changes product or process. */
  public static final String MESSAGE_FROM_CORRECTIVE_ACTION =
      "contractChangeRequestedByCorrectiveAction";

  public static final String DEADLINE_DECISION = "change-deadlines";
  public static final String NUMBER_SEQUENCE = "change";
  public static final String NUMBER_PREFIX = "CR";

  // the request (start form)
  public static final String CHANGE_NUMBER = "changeNumber";
  public static final String CONTRACT_REFERENCE = "contractReference";
  public static final String CHANGE_TYPE = "changeType";
  public static final String CHANGE_DESCRIPTION = "changeDescription";
  public static final String CHANGE_REASON = "changeReason";
  public static final String REQUESTED_EFFECTIVE_DATE = "requestedEffectiveDate";
  public static final String COST_IMPACT = "costImpact";
  public static final String CUSTOMER_CODE = "customerCode";
  public static final String EXTERNAL_REFERENCE = "externalReference";
  public static final String CORRECTIVE_ACTION_NUMBER = "correctiveActionNumber";

  /** The user who started the change (Camunda initiator); null when another system started it. */
  public static final String REQUESTER = "requester";

  public static final String REQUESTER_GROUP = "requesterGroup";

  // 5M1E aspects touched: one checkbox each
  public static final String TOUCHES_MAN = "touchesMan";
  public static final String TOUCHES_MACHINE = "touchesMachine";
  public static final String TOUCHES_MATERIAL = "touchesMaterial";
  public static final String TOUCHES_METHOD = "touchesMethod";
  public static final String TOUCHES_MEASUREMENT = "touchesMeasurement";
  public static final String TOUCHES_ENVIRONMENT = "touchesEnvironment";
  public static final List<String> ASPECT_FLAGS =
      List.of(
          TOUCHES_MAN,
          TOUCHES_MACHINE,
          TOUCHES_MATERIAL,
          TOUCHES_METHOD,
          TOUCHES_MEASUREMENT,
          TOUCHES_ENVIRONMENT);

  // customer tier (customer-tier decision, as for complaints)
  public static final String REVENUE_RANK = "revenueRank";
  public static final String TIER = "tier";
  public static final String TASK_PRIORITY = "taskPriority";

  // re-determination with the customer
  public static final String CUSTOMER_CONFIRMATION = "customerConfirmation";
  public static final String CUSTOMER_ANSWER = "customerAnswer";

  // reviews
  public static final String REVIEWER_DECISION = "reviewerDecision";
  public static final String REVIEWER_GROUPS = "reviewerGroups";
  public static final String ENGINEERING_REVIEW_NEEDED = "engineeringReviewNeeded";
  public static final String PRODUCTION_REVIEW_NEEDED = "productionReviewNeeded";
  public static final String MATERIAL_REVIEW_NEEDED = "materialReviewNeeded";
  public static final String REVIEW_ROUND = "reviewRound";
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String REVIEW_COMMENTS = "reviewComments";
  public static final String ENGINEERING_VERDICT = "engineeringVerdict";
  public static final String ENGINEERING_COMMENTS = "engineeringComments";
  public static final String PRODUCTION_VERDICT = "productionVerdict";
  public static final String PRODUCTION_COMMENTS = "productionComments";
  public static final String MATERIAL_VERDICT = "materialVerdict";
  public static final String MATERIAL_COMMENTS = "materialComments";

  // revision by the author
  public static final String REVISION_DECISION = "revisionDecision";
  public static final String WITHDRAW_REASON = "withdrawReason";

  // approval
  public static final String APPROVER_GROUP = "approverGroup";
  public static final String APPROVAL_DECISION = "approvalDecision";
  public static final String APPROVAL_REASON = "approvalReason";

  // change notice (5M1E before/after)
  public static final List<String> NOTICE_FIELDS =
      List.of(
          "noticeMan",
          "noticeMachine",
          "noticeMaterial",
          "noticeMethod",
          "noticeMeasurement",
          "noticeEnvironment");
  public static final String IDENTIFICATION_RULE = "identificationRule";
  public static final String EFFECTIVE_LOT = "effectiveLot";
  public static final String EFFECTIVE_DATE = "effectiveDate";
  public static final String IMPLEMENTING_DEPARTMENTS = "implementingDepartments";
  public static final String IMPLEMENTING_DEPARTMENT = "implementingDepartment";
  public static final String IMPLEMENTATION_ROUND = "implementationRound";
  public static final String IMPLEMENTATION_RECORD = "implementationRecord";
  public static final String IMPLEMENTATION_DONE = "implementationDone";

  // first lot
  public static final String FIRST_LOT_NUMBER = "firstLotNumber";
  public static final String FIRST_LOT_RESULT = "firstLotResult";
  public static final String FIRST_LOT_FINDINGS = "firstLotFindings";

  public static final String VERDICT_OK = "OK";
  public static final String VERDICT_NG = "NG";

  private ChangeVariables() {}
}
