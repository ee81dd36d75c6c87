package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.identity.Groups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the change notice: the register keeps the before/after identification rule and the
 * effective lot and date, the departments implementing the 5M1E aspects touched become {@code
 * implementingDepartments} (one implementation task each), and they, quality (first-lot check) and
 * engineering (the notice) may read the change. Each pass is a new implementation round.
 */
@Component("planChangeImplementation")
public class PlanChangeImplementationDelegate implements JavaDelegate {

  private final ChangeRequestRepository register;
  private final ChangeAccess access;

  public PlanChangeImplementationDelegate(ChangeRequestRepository register, ChangeAccess access) {
    this.register = register;
    this.access = access;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = CHANGE_NUMBER_VAR.get(execution);
    List<String> departments =
        ChangeAspects.implementingDepartments(ChangeAspects.touched(execution::getVariable));
    int round = IMPLEMENTATION_ROUND.get(execution).intValue() + 1;
    IMPLEMENTATION_ROUND.set(execution, round);
    IMPLEMENTING_DEPARTMENTS.set(execution, new ArrayList<>(departments));
    register.recordNotice(
        number,
        ChangeValues.text(IDENTIFICATION_RULE.raw(execution)),
        ChangeValues.text(EFFECTIVE_LOT.raw(execution)),
        ChangeValues.date(EFFECTIVE_DATE.raw(execution)));
    register.state(number, ChangeState.IMPLEMENTATION);
    List<String> involved = new ArrayList<>(departments);
    involved.add(Groups.QUALITY);
    involved.add(Groups.ENGINEERING);
    access.grant(execution.getProcessInstanceId(), involved);
  }
}
