package com.qmsflow.change;

import static com.qmsflow.variable.Variable.booleanVariable;
import static com.qmsflow.variable.Variable.numberVariable;
import static com.qmsflow.variable.Variable.objectVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.List;

/**
 * Process key, message, decisions, the element ids Java names and the process variables of {@code
 * contract-change}, each variable declared once with its type.
 */
public final class ChangeVariables {

  public static final String PROCESS_KEY = "contract-change";

  /** Message of the start event an 8D uses when its permanent action changes product or process. */
  public static final String MESSAGE_FROM_CORRECTIVE_ACTION =
      "contractChangeRequestedByCorrectiveAction";

  public static final String DEADLINE_DECISION = "change-deadlines";
  public static final String NUMBER_SEQUENCE = "change";
  public static final String NUMBER_PREFIX = "CR";

  // the request (start form)
  public static final Variable<String> CHANGE_NUMBER_VAR = stringVariable("changeNumber");
  public static final Variable<String> CONTRACT_REFERENCE = stringVariable("contractReference");
  public static final Variable<String> CHANGE_TYPE = stringVariable("changeType");
  public static final Variable<String> CHANGE_DESCRIPTION = stringVariable("changeDescription");
  public static final Variable<String> CHANGE_REASON = stringVariable("changeReason");
  public static final Variable<Object> REQUESTED_EFFECTIVE_DATE =
      objectVariable("requestedEffectiveDate");
  public static final Variable<Number> COST_IMPACT = numberVariable("costImpact");
  public static final Variable<String> CUSTOMER_CODE = stringVariable("customerCode");
  public static final Variable<String> EXTERNAL_REFERENCE = stringVariable("externalReference");
  public static final Variable<String> CORRECTIVE_ACTION_NUMBER =
      stringVariable("correctiveActionNumber");

  /** The user who started the change (Camunda initiator); null when another system started it. */
  public static final Variable<String> REQUESTER = stringVariable("requester");

  public static final Variable<String> REQUESTER_GROUP = stringVariable("requesterGroup");

  // 5M1E aspects touched: one checkbox each
  public static final Variable<Boolean> TOUCHES_MAN = booleanVariable("touchesMan");
  public static final Variable<Boolean> TOUCHES_MACHINE = booleanVariable("touchesMachine");
  public static final Variable<Boolean> TOUCHES_MATERIAL = booleanVariable("touchesMaterial");
  public static final Variable<Boolean> TOUCHES_METHOD = booleanVariable("touchesMethod");
  public static final Variable<Boolean> TOUCHES_MEASUREMENT = booleanVariable("touchesMeasurement");
  public static final Variable<Boolean> TOUCHES_ENVIRONMENT = booleanVariable("touchesEnvironment");
  public static final List<Variable<Boolean>> ASPECT_FLAGS =
      List.of(
          TOUCHES_MAN,
          TOUCHES_MACHINE,
          TOUCHES_MATERIAL,
          TOUCHES_METHOD,
          TOUCHES_MEASUREMENT,
          TOUCHES_ENVIRONMENT);

  // customer tier (customer-tier decision, as for complaints)
  public static final Variable<Number> REVENUE_RANK = numberVariable("revenueRank");
  public static final Variable<String> TIER = stringVariable("tier");
  public static final Variable<Number> TASK_PRIORITY = numberVariable("taskPriority");

  // re-determination with the customer
  public static final Variable<String> CUSTOMER_CONFIRMATION =
      stringVariable("customerConfirmation");
  public static final Variable<String> CUSTOMER_ANSWER = stringVariable("customerAnswer");

  // reviews
  public static final Variable<Object> REVIEWER_DECISION = objectVariable("reviewerDecision");
  public static final Variable<String> REVIEWER_GROUPS = stringVariable("reviewerGroups");
  public static final Variable<Boolean> ENGINEERING_REVIEW_NEEDED =
      booleanVariable("engineeringReviewNeeded");
  public static final Variable<Boolean> PRODUCTION_REVIEW_NEEDED =
      booleanVariable("productionReviewNeeded");
  public static final Variable<Boolean> MATERIAL_REVIEW_NEEDED =
      booleanVariable("materialReviewNeeded");
  public static final Variable<Number> REVIEW_ROUND = numberVariable("reviewRound");
  public static final Variable<String> REVIEW_OUTCOME = stringVariable("reviewOutcome");
  public static final Variable<String> REVIEW_COMMENTS = stringVariable("reviewComments");
  public static final Variable<String> ENGINEERING_VERDICT = stringVariable("engineeringVerdict");
  public static final Variable<String> ENGINEERING_COMMENTS = stringVariable("engineeringComments");
  public static final Variable<String> PRODUCTION_VERDICT = stringVariable("productionVerdict");
  public static final Variable<String> PRODUCTION_COMMENTS = stringVariable("productionComments");
  public static final Variable<String> MATERIAL_VERDICT = stringVariable("materialVerdict");
  public static final Variable<String> MATERIAL_COMMENTS = stringVariable("materialComments");

  // revision by the author
  public static final Variable<String> REVISION_DECISION = stringVariable("revisionDecision");
  public static final Variable<String> WITHDRAW_REASON = stringVariable("withdrawReason");

  // approval
  public static final Variable<String> APPROVER_GROUP = stringVariable("approverGroup");
  public static final Variable<String> APPROVAL_DECISION = stringVariable("approvalDecision");
  public static final Variable<String> APPROVAL_REASON = stringVariable("approvalReason");

  // change notice (5M1E before/after)
  public static final List<Variable<String>> NOTICE_FIELDS =
      List.of(
          stringVariable("noticeMan"),
          stringVariable("noticeMachine"),
          stringVariable("noticeMaterial"),
          stringVariable("noticeMethod"),
          stringVariable("noticeMeasurement"),
          stringVariable("noticeEnvironment"));
  public static final Variable<String> IDENTIFICATION_RULE = stringVariable("identificationRule");
  public static final Variable<String> EFFECTIVE_LOT = stringVariable("effectiveLot");
  public static final Variable<Object> EFFECTIVE_DATE = objectVariable("effectiveDate");
  public static final Variable<Object> IMPLEMENTING_DEPARTMENTS =
      objectVariable("implementingDepartments");
  public static final Variable<String> IMPLEMENTING_DEPARTMENT =
      stringVariable("implementingDepartment");
  public static final Variable<Number> IMPLEMENTATION_ROUND = numberVariable("implementationRound");
  public static final Variable<String> IMPLEMENTATION_RECORD =
      stringVariable("implementationRecord");
  public static final Variable<Boolean> IMPLEMENTATION_DONE = booleanVariable("implementationDone");

  /** Input parameter of the end steps: the final {@link ChangeState} as text. */
  public static final Variable<String> CHANGE_OUTCOME = stringVariable("changeOutcome");

  // read from the 8D whose permanent action raises the change (raiseContractChange)
  public static final Variable<String> EIGHT_D_NUMBER = stringVariable("eightDNumber");
  public static final Variable<String> CHANGE_CONTRACT_REFERENCE =
      stringVariable("changeContractReference");
  public static final Variable<String> EIGHT_D_PERMANENT_ACTIONS =
      stringVariable("permanentActions");

  // first lot
  public static final Variable<String> FIRST_LOT_NUMBER = stringVariable("firstLotNumber");
  public static final Variable<String> FIRST_LOT_RESULT = stringVariable("firstLotResult");
  public static final Variable<String> FIRST_LOT_FINDINGS = stringVariable("firstLotFindings");

  public static final String VERDICT_OK = "OK";
  public static final String VERDICT_NG = "NG";

  /** The review tasks, each with its group, verdict and comments. */
  public static final String ENGINEERING_REVIEW_TASK = "userTaskEngineeringReview";

  public static final String PRODUCTION_REVIEW_TASK = "userTaskProductionReview";
  public static final String MATERIAL_REVIEW_TASK = "userTaskMaterialReview";

  /*
   * The bare name of the change number, only for identity/IdentitySetup's Tasklist filter columns
   * (that class is being split elsewhere and may not change here); code uses CHANGE_NUMBER_VAR.
   */
  public static final String CHANGE_NUMBER = CHANGE_NUMBER_VAR.name();

  private ChangeVariables() {}
}
