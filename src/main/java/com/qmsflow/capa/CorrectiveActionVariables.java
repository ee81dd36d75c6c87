package com.qmsflow.capa;

/** Process key, deadline decision and the process variables of {@code corrective-action}. */
public final class CorrectiveActionVariables {

  public static final String PROCESS_KEY = "corrective-action";
  public static final String DEADLINE_DECISION = "corrective-action-deadlines";

  public static final String EIGHT_D_NUMBER = "eightDNumber";
  public static final String COMPLAINT_NUMBER = "complaintNumber";
  public static final String PROBLEM_TITLE = "problemTitle";
  public static final String DEFECT_DESCRIPTION = "defectDescription";
  public static final String RAISED_AT = "raisedAt";
  public static final String TASK_PRIORITY = "taskPriority";
  public static final String TEAM_LEADER = "teamLeader";
  public static final String TEAM_MEMBERS = "teamMembers";
  public static final String IMPLEMENTATION_COMPLETED_ON = "implementationCompletedOn";

  // results handed back to a complaint
  public static final String ROOT_CAUSE = "rootCause";
  public static final String PERMANENT_ACTIONS = "permanentActions";
  public static final String EIGHT_D_EVIDENCE = "eightDEvidence";
  public static final String VERIFIED_EFFECT = "verifiedEffect";
  public static final String EIGHT_D_REPORT_URL = "eightDReportUrl";

  /** Priority of an internal 8D's tasks (no customer tier): as a B customer's. */
  public static final int INTERNAL_PRIORITY = 60;

  private CorrectiveActionVariables() {}
}
