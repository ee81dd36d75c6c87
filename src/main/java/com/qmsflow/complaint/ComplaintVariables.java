package com.qmsflow.complaint;

import static com.qmsflow.variable.Variable.booleanVariable;
import static com.qmsflow.variable.Variable.dateVariable;
import static com.qmsflow.variable.Variable.numberVariable;
import static com.qmsflow.variable.Variable.objectVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.Date;
import java.util.List;

/**
 * Process key, business-key format, the element ids Java names and the process variables of {@code
 * complaint-handling}, each variable declared once with its type. Date fields are {@link Object}: a
 * form submits them as text, an older instance or a REST client may hold a {@link Date}.
 */
public final class ComplaintVariables {

  public static final String PROCESS_KEY = "complaint-handling";
  public static final String DEADLINE_DECISION = "complaint-deadlines";

  /** "Reply to customer in writing", whose draft reply is mailed for review. */
  public static final String REPLY_TASK = "userTaskReplyInWriting";

  // intake (start form or POST /api/complaints)
  public static final Variable<String> COMPLAINT_NUMBER_VAR = stringVariable("complaintNumber");
  public static final Variable<String> CUSTOMER_CODE = stringVariable("customerCode");
  public static final Variable<String> CUSTOMER_NAME_VAR = stringVariable("customerName");
  public static final Variable<String> CONTACT_NAME = stringVariable("contactName");
  public static final Variable<String> CONTACT_PHONE = stringVariable("contactPhone");
  public static final Variable<String> CHANNEL = stringVariable("channel");
  public static final Variable<String> CATEGORY = stringVariable("category");
  public static final Variable<Boolean> USAGE_QUESTION = booleanVariable("usageQuestion");
  public static final Variable<String> PRODUCT_NAME = stringVariable("productName");
  public static final Variable<String> PRODUCT_MODEL = stringVariable("productModel");
  public static final Variable<String> PACKAGING = stringVariable("packaging");
  public static final Variable<String> BATCH_NUMBER = stringVariable("batchNumber");
  public static final Variable<Object> PRODUCTION_DATE = objectVariable("productionDate");
  public static final Variable<Object> PURCHASE_DATE = objectVariable("purchaseDate");
  public static final Variable<Number> QUANTITY_PURCHASED = numberVariable("quantityPurchased");
  public static final Variable<Number> QUANTITY_DEFECTIVE = numberVariable("quantityDefective");
  public static final Variable<String> DEFECT_CODE = stringVariable("defectCode");
  public static final Variable<String> DEFECT_DESCRIPTION = stringVariable("defectDescription");
  public static final Variable<String> DESCRIPTION = stringVariable("description");
  public static final Variable<Boolean> URGENT = booleanVariable("urgent");
  public static final Variable<Boolean> SAFETY_RELATED = booleanVariable("safetyRelated");
  public static final Variable<Boolean> CUSTOMER_PRESCRIBES_REPORT_FORMAT =
      booleanVariable("customerPrescribesReportFormat");
  public static final Variable<String> EXTERNAL_REFERENCE = stringVariable("externalReference");
  public static final Variable<Date> RECEIVED_AT = dateVariable("receivedAt");

  /** The intake's checkboxes: unchecked or absent is stored as false. */
  public static final List<Variable<Boolean>> INTAKE_FLAGS =
      List.of(USAGE_QUESTION, URGENT, SAFETY_RELATED, CUSTOMER_PRESCRIBES_REPORT_FORMAT);

  // classification
  public static final Variable<Number> REVENUE_RANK = numberVariable("revenueRank");
  public static final Variable<String> TIER_VAR = stringVariable("tier");
  public static final Variable<Number> TASK_PRIORITY = numberVariable("taskPriority");
  public static final Variable<String> SEVERITY_VAR = stringVariable("severity");
  public static final Variable<Boolean> RAISE_TO_SERIOUS = booleanVariable("raiseToSerious");
  public static final Variable<String> RAISE_REASON = stringVariable("raiseReason");

  // recurrence
  public static final Variable<Number> SAME_BATCH_DEFECT_COUNT =
      numberVariable("sameBatchDefectCount");
  public static final Variable<Boolean> RECURRENCE_MEETING_NEEDED =
      booleanVariable("recurrenceMeetingNeeded");
  public static final Variable<String> RECURRENCE_RESOLUTION =
      stringVariable("recurrenceResolution");
  public static final Variable<Object> MEETING_DATE = objectVariable("meetingDate");
  public static final Variable<String> MEETING_RESOLUTION = stringVariable("meetingResolution");

  // investigation and analysis
  public static final Variable<Boolean> SAMPLE_TAKEN = booleanVariable("sampleTaken");
  public static final Variable<Object> SAMPLE_RECEIVED_DATE = objectVariable("sampleReceivedDate");
  public static final Variable<String> CONFIRMED_DEFECT_CODE =
      stringVariable("confirmedDefectCode");
  public static final Variable<String> DISPUTE_DECISION = stringVariable("disputeDecision");
  public static final Variable<String> COMPLAINT_VALIDITY = stringVariable("complaintValidity");
  public static final Variable<String> CAUSE_ANALYSIS = stringVariable("causeAnalysis");
  public static final Variable<String> INVALIDITY_EXPLANATION =
      stringVariable("invalidityExplanation");
  public static final Variable<Object> SUSPECT_PERIOD_FROM = objectVariable("suspectPeriodFrom");
  public static final Variable<Object> SUSPECT_PERIOD_TO = objectVariable("suspectPeriodTo");

  // improvement date
  public static final Variable<Object> COMMITTED_IMPROVEMENT_DATE =
      objectVariable("committedImprovementDate");
  public static final Variable<Object> PROPOSED_IMPROVEMENT_DATE =
      objectVariable("proposedImprovementDate");
  public static final Variable<Boolean> CUSTOMER_CONSENT_TO_LATER_DATE =
      booleanVariable("customerConsentToLaterDate");
  public static final Variable<String> CUSTOMER_CONSENT_REFERENCE =
      stringVariable("customerConsentReference");

  // compensation
  public static final Variable<String> COMPENSATION_DECISION =
      stringVariable("compensationDecision");
  public static final Variable<Number> COMPENSATION_AMOUNT = numberVariable("compensationAmount");
  public static final Variable<Number> APPROVED_COMPENSATION_AMOUNT =
      numberVariable("approvedCompensationAmount");

  // correction, the 8D's results handed back, and the reply
  public static final Variable<String> CORRECTION_ACTIONS = stringVariable("correctionActions");
  public static final Variable<String> EIGHT_D_NUMBER = stringVariable("eightDNumber");
  public static final Variable<String> ROOT_CAUSE = stringVariable("rootCause");
  public static final Variable<String> PERMANENT_ACTIONS = stringVariable("permanentActions");
  public static final Variable<String> VERIFIED_EFFECT = stringVariable("verifiedEffect");
  public static final Variable<String> VERIFICATION_EVIDENCE =
      stringVariable("verificationEvidence");
  public static final Variable<String> REPLY_SUMMARY = stringVariable("replySummary");
  public static final Variable<String> LATE_REASON = stringVariable("lateReason");

  // closing
  public static final Variable<Boolean> QUALITY_INFORMED = booleanVariable("qualityInformed");
  public static final Variable<Boolean> RECORDS_COMPLETE = booleanVariable("recordsComplete");

  /** The survey's score per aspect ({@code satisfactionQuality} …), 1 to 5. */
  public static final List<Variable<Number>> SATISFACTION_SCORES =
      List.of(
          numberVariable("satisfactionQuality"),
          numberVariable("satisfactionDelivery"),
          numberVariable("satisfactionService"),
          numberVariable("satisfactionResponsiveness"));

  /** The aspect of a score variable as the survey register stores it ({@code quality} …). */
  public static String aspect(Variable<Number> score) {
    return score.name().substring(SATISFACTION_PREFIX.length()).toLowerCase();
  }

  private static final String SATISFACTION_PREFIX = "satisfaction";

  /*
   * The bare names of four variables, only for identity/IdentitySetup's Tasklist filter columns
   * (that class is being split elsewhere and may not change here); code reads and writes the
   * typed declarations.
   */
  public static final String COMPLAINT_NUMBER = COMPLAINT_NUMBER_VAR.name();
  public static final String CUSTOMER_NAME = CUSTOMER_NAME_VAR.name();
  public static final String TIER = TIER_VAR.name();
  public static final String SEVERITY = SEVERITY_VAR.name();

  // findings the register shows and filters by (read from the process records, issue 16.3; the
  // cause origin is deadline/DeadlineVariables.CAUSE_ORIGIN)
  public static final Variable<String> RESPONSIBILITY = stringVariable("responsibility");
  public static final Variable<String> RESPONSIBLE_DEPARTMENT =
      stringVariable("responsibleDepartment");
  public static final Variable<String> ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT =
      stringVariable("environmentalResponsibleDepartment");
  public static final Variable<Object> REPLY_SENT_DATE = objectVariable("replySentDate");

  // the customer's decision on the reply (issue 19.3; CustomerDecisions)
  /** "Record customer's decision": sales records it; the status page interrupts it by message. */
  public static final String DECISION_TASK = "userTaskRecordCustomerDecision";

  /** The message the status page correlates when the customer answers there. */
  public static final String DECISION_MESSAGE = "customerDecisionReceived";

  /** {@code accepted}, {@code rejected} or {@code acceptedByDefault}; the process routes on it. */
  public static final Variable<String> CUSTOMER_DECISION = stringVariable("customerDecision");

  public static final Variable<String> CUSTOMER_DECISION_REASON =
      stringVariable("customerDecisionReason");
  public static final Variable<String> CUSTOMER_DECISION_CHANNEL =
      stringVariable("customerDecisionChannel");

  /** Sales management's settlement of a rejected reply: recourse, outcome, text to the customer. */
  public static final Variable<String> REJECTION_RECOURSE = stringVariable("rejectionRecourse");

  public static final Variable<String> REJECTION_SETTLEMENT = stringVariable("rejectionSettlement");
  public static final Variable<String> SETTLEMENT_NOTE = stringVariable("settlementNote");

  private ComplaintVariables() {}
}
