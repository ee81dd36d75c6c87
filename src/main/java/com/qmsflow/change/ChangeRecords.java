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

  /** The change moved on to a step; the model names the {@link ChangeState} as text. */
  public void state(DelegateExecution execution, String state) {
    register.state(number(execution), ChangeState.of(state));
  }

  /** The tier the customer-tier decision chose. */
  public void recordTier(DelegateExecution execution) {
    register.recordTier(number(execution), TIER.get(execution));
  }

  /** The approver group the change-approval-authority decision chose. */
  public void recordApprover(DelegateExecution execution) {
    register.recordApprover(number(execution), APPROVER_GROUP.get(execution));
  }

  private static String number(DelegateExecution execution) {
    return CHANGE_NUMBER_VAR.get(execution);
  }
}
