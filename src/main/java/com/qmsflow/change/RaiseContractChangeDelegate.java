package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.variable.Variable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * D7 of an 8D whose permanent action changes the product or the process: starts an independent
 * {@code contract-change} (engineering/process change) through its message start event, so the 8D
 * goes on without waiting. The link is kept both ways: {@code changeNumber} in the 8D, {@code
 * correctiveActionNumber} in the change and its register row. A re-run (retried job, or D7 again
 * after a recurrence) keeps a change of this 8D that is still open instead of raising another.
 */
@Component("raiseContractChange")
public class RaiseContractChangeDelegate implements JavaDelegate {

  private final ChangeRequestRepository register;

  public RaiseContractChangeDelegate(ChangeRequestRepository register) {
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String eightD = EIGHT_D_NUMBER.get(execution);
    Optional<ChangeRequestRepository.ChangeRequest> open =
        register.findByCorrectiveAction(eightD).stream().filter(c -> !c.isFinal()).findFirst();
    if (open.isPresent()) {
      CHANGE_NUMBER_VAR.set(execution, open.get().changeNumber());
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CORRECTIVE_ACTION_NUMBER.name(), eightD);
    variables.put(CHANGE_TYPE.name(), "engineering-process");
    variables.put(
        CONTRACT_REFERENCE.name(), ChangeValues.text(CHANGE_CONTRACT_REFERENCE.raw(execution)));
    variables.put(CUSTOMER_CODE.name(), ChangeValues.text(CUSTOMER_CODE.raw(execution)));
    variables.put(CHANGE_DESCRIPTION.name(), ChangeValues.text(CHANGE_DESCRIPTION.raw(execution)));
    variables.put(
        CHANGE_REASON.name(),
        "Permanent action of 8D "
            + eightD
            + ": "
            + Optional.ofNullable(ChangeValues.text(EIGHT_D_PERMANENT_ACTIONS.raw(execution)))
                .orElse("see the 8D report"));
    for (Variable<Boolean> flag : ASPECT_FLAGS) {
      variables.put(flag.name(), flag.isTrue(execution));
    }
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    // the 8D starts the change, not the team leader who completed D7: no start permission needed
    ProcessInstance change =
        Context.getCommandContext()
            .runWithoutAuthorization(
                () ->
                    runtime
                        .createMessageCorrelation(MESSAGE_FROM_CORRECTIVE_ACTION)
                        .setVariables(variables)
                        .correlateStartMessage());
    String number =
        register
            .findByProcessInstance(change.getId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The change raised by " + eightD + " was not registered"))
            .changeNumber();
    CHANGE_NUMBER_VAR.set(execution, number);
  }
}
