package com.qmsflow.tasklist;

import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.List;

/**
 * The columns of the Tasklist lists: task-local copies of the process's number, customer, tier and
 * severity, set when a task is created ({@link TaskListColumns}). Tasklist shows a filter's
 * variables for a task from the task itself as well as from its process, and a task's own variables
 * need only READ on the task, which every candidate has; the process's variables need READ_INSTANCE
 * on the process definition, which e.g. production lacks on complaint handling. The names differ
 * from the process variables on purpose: a task-local variable of the same name would take the
 * value a form submits for that name, and the process would never see it.
 */
public final class TaskListVariables {

  /** The process's number: complaint CC-…, 8D report 8D-…, change CR-… (the business key). */
  public static final Variable<String> NUMBER = stringVariable("listNumber");

  public static final Variable<String> CUSTOMER = stringVariable("listCustomer");
  public static final Variable<String> TIER = stringVariable("listTier");
  public static final Variable<String> SEVERITY = stringVariable("listSeverity");

  /** The columns in the order the lists show them. */
  public static final List<Variable<String>> COLUMNS = List.of(NUMBER, CUSTOMER, TIER, SEVERITY);

  // read from the process (the same names in complaint handling, 8D and contract change)
  static final Variable<String> PROCESS_CUSTOMER_NAME = stringVariable("customerName");
  static final Variable<String> PROCESS_CUSTOMER_CODE = stringVariable("customerCode");
  static final Variable<String> PROCESS_TIER = stringVariable("tier");
  static final Variable<String> PROCESS_SEVERITY = stringVariable("severity");

  private TaskListVariables() {}
}
