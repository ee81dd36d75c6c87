package com.qmsflow.complaint;

/** Process key, business-key format and the process variables of {@code complaint-handling}. */
public final class ComplaintVariables {

  public static final String PROCESS_KEY = "complaint-handling";
  public static final String DEADLINE_DECISION = "complaint-deadlines";

  // intake (start form or POST /api/complaints)
  public static final String COMPLAINT_NUMBER = "complaintNumber";
  public static final String CUSTOMER_CODE = "customerCode";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String CONTACT_NAME = "contactName";
  public static final String CONTACT_PHONE = "contactPhone";
  public static final String CHANNEL = "channel";
  public static final String CATEGORY = "category";
  public static final String USAGE_QUESTION = "usageQuestion";
  public static final String PRODUCT_NAME = "productName";
  public static final String PRODUCT_MODEL = "productModel";
  public static final String PACKAGING = "packaging";
  public static final String BATCH_NUMBER = "batchNumber";
  public static final String PRODUCTION_DATE = "productionDate";
  public static final String PURCHASE_DATE = "purchaseDate";
  public static final String QUANTITY_PURCHASED = "quantityPurchased";
  public static final String QUANTITY_DEFECTIVE = "quantityDefective";
  public static final String DEFECT_CODE = "defectCode";
  public static final String DEFECT_DESCRIPTION = "defectDescription";
  public static final String DESCRIPTION = "description";
  public static final String URGENT = "urgent";
  public static final String SAFETY_RELATED = "safetyRelated";
  public static final String CUSTOMER_PRESCRIBES_REPORT_FORMAT = "customerPrescribesReportFormat";
  public static final String EXTERNAL_REFERENCE = "externalReference";
  public static final String RECEIVED_AT = "receivedAt";

  // classification
  public static final String REVENUE_RANK = "revenueRank";
  public static final String TIER = "tier";
  public static final String TASK_PRIORITY = "taskPriority";
  public static final String SEVERITY = "severity";

  // recurrence
  public static final String SAME_BATCH_DEFECT_COUNT = "sameBatchDefectCount";
  public static final String RECURRENCE_MEETING_NEEDED = "recurrenceMeetingNeeded";
  public static final String RECURRENCE_RESOLUTION = "recurrenceResolution";
  public static final String MEETING_DATE = "meetingDate";
  public static final String MEETING_RESOLUTION = "meetingResolution";

  // later steps read by the server
  public static final String CONFIRMED_DEFECT_CODE = "confirmedDefectCode";
  public static final String SAMPLE_TAKEN = "sampleTaken";
  public static final String SAMPLE_RECEIVED_DATE = "sampleReceivedDate";
  public static final String COMMITTED_IMPROVEMENT_DATE = "committedImprovementDate";
  public static final String PROPOSED_IMPROVEMENT_DATE = "proposedImprovementDate";
  public static final String SATISFACTION_PREFIX = "satisfaction";

  public static final String[] SATISFACTION_ASPECTS = {
    "Quality", "Delivery", "Service", "Responsiveness"
  };

  private ComplaintVariables() {}
}
