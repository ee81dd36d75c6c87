package com.qmsflow.deadline;

import static com.qmsflow.variable.Variable.booleanVariable;
import static com.qmsflow.variable.Variable.dateVariable;
import static com.qmsflow.variable.Variable.numberVariable;
import static com.qmsflow.variable.Variable.objectVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.Date;

/**
 * The variables the deadline service and the escalation delegate read in any of the processes: the
 * inputs of the deadline decisions, the base dates a rule may count from, and the input parameters
 * of an escalation service task.
 */
public final class DeadlineVariables {

  // inputs of the deadline decisions
  public static final Variable<String> TIER = stringVariable("tier");
  public static final Variable<Boolean> URGENT = booleanVariable("urgent");
  public static final Variable<String> CAUSE_ORIGIN = stringVariable("causeOrigin");

  // base dates
  public static final Variable<Object> SAMPLE_RECEIVED_DATE = objectVariable("sampleReceivedDate");
  public static final Variable<Object> COMMITTED_IMPROVEMENT_DATE =
      objectVariable("committedImprovementDate");
  public static final Variable<Date> RAISED_AT = dateVariable("raisedAt");

  // input parameters of an escalation service task
  public static final Variable<String> ESCALATED_TASK = stringVariable("escalatedTask");
  public static final Variable<String> DEADLINE_DECISION = stringVariable("deadlineDecision");
  public static final Variable<String> DEADLINE_STEP = stringVariable("deadlineStep");
  public static final Variable<Number> ESCALATION_LEVEL = numberVariable("escalationLevel");

  /** Shown in the escalation notice when the process has a customer. */
  public static final Variable<Object> CUSTOMER_NAME = objectVariable("customerName");

  private DeadlineVariables() {}
}
