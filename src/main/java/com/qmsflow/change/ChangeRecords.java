package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps the register row of a change in step with its process, called from execution listeners of
 * the model, e.g. {@code ${changeRecords.state(execution, 'APPROVAL')}}. Every call only sets a
 * value, so a repeated call changes nothing.
 */
@Component("changeRecords")
public class ChangeRecords {

  private final ChangeRequestRepository register;

  public ChangeRecords(ChangeRequestRepository register) {
    this.register = register;
  }

  /** The change moved on to a step (see the states in the README). */
  public void state(DelegateExecution execution, String state) {
    register.state(number(execution), state);
  }

  /** The tier the customer-tier decision chose. */
  public void recordTier(DelegateExecution execution) {
    register.recordTier(number(execution), (String) execution.getVariable(TIER));
  }

  /** The approver group the change-approval-authority decision chose. */
  public void recordApprover(DelegateExecution execution) {
    register.recordApprover(number(execution), (String) execution.getVariable(APPROVER_GROUP));
  }

  private static String number(DelegateExecution execution) {
    return (String) execution.getVariable(CHANGE_NUMBER);
  }
}
