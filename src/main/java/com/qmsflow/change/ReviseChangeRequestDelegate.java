package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The author revised the request: the register keeps the revised content, and the change goes
 * through re-determination with the customer and a new review round [002 §4.2 C].
 */
@Component("reviseChangeRequest")
public class ReviseChangeRequestDelegate implements JavaDelegate {

  private final ChangeRequestRepository register;

  public ReviseChangeRequestDelegate(ChangeRequestRepository register) {
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = CHANGE_NUMBER_VAR.get(execution);
    register.revise(
        number,
        ChangeValues.text(CHANGE_DESCRIPTION.raw(execution)),
        ChangeValues.text(CHANGE_REASON.raw(execution)),
        ChangeValues.date(REQUESTED_EFFECTIVE_DATE.raw(execution)),
        String.join(",", ChangeAspects.touched(execution::getVariable)),
        ChangeValues.amount(COST_IMPACT.raw(execution)));
    register.state(number, ChangeState.REVISED);
  }
}
