package com.qmsflow.deadline;

import static com.qmsflow.variable.Variable.booleanVariable;
import static com.qmsflow.variable.Variable.dateVariable;
import static com.qmsflow.variable.Variable.objectVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.Date;

/**
 * The variables the deadline service and the escalation listener read in any of the processes: the
 * inputs of the deadline decisions and the base dates a rule may count from.
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

  /** Shown in the escalation notice when the process has a customer. */
  public static final Variable<Object> CUSTOMER_NAME = objectVariable("customerName");

  private DeadlineVariables() {}
}
