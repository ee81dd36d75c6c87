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
    String number = (String) execution.getVariable(CHANGE_NUMBER);
    register.revise(
        number,
        ChangeValues.text(execution.getVariable(CHANGE_DESCRIPTION)),
        ChangeValues.text(execution.getVariable(CHANGE_REASON)),
        ChangeValues.date(execution.getVariable(REQUESTED_EFFECTIVE_DATE)),
        String.join(",", ChangeAspects.touched(execution::getVariable)),
        ChangeValues.amount(execution.getVariable(COST_IMPACT)));
    register.state(number, "REVISED");
  }
}
