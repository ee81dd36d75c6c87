package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.ChangeRequest;
import com.qmsflow.change.ChangeRequestRepository.NewChange;
import com.qmsflow.identity.Groups;
import com.qmsflow.numbering.ReadableNumbers;
import com.qmsflow.variable.Variable;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Step "change request": gives the change its number {@code CR-<year>-<4 digits>} as business key,
 * enters it in the register and makes it readable for the requester's department and sales. A
 * re-run (retried job) finds the instance's registration and keeps it.
 */
@Component("registerChangeRequest")
public class RegisterChangeRequestDelegate implements JavaDelegate {

  /** The order in which a requester's department is chosen among its groups. */
  static final List<String> DEPARTMENT_ORDER =
      List.of(
          Groups.SALES,
          Groups.CUSTOMER_SERVICE,
          Groups.ENGINEERING,
          Groups.PRODUCTION,
          Groups.MATERIAL_CONTROL,
          Groups.QUALITY,
          Groups.GENERAL_AFFAIRS,
          Groups.SALES_MANAGEMENT,
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER,
          Groups.PROCESS_OWNERS);

  private final ChangeRequestRepository register;
  private final ReadableNumbers numbers;
  private final ChangeAccess access;
  private final Clock clock;

  public RegisterChangeRequestDelegate(
      ChangeRequestRepository register, ReadableNumbers numbers, ChangeAccess access, Clock clock) {
    this.register = register;
    this.numbers = numbers;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requester = ChangeValues.text(REQUESTER.raw(execution));
    String correctiveAction = ChangeValues.text(CORRECTIVE_ACTION_NUMBER.raw(execution));
    // an 8D's change belongs to QA, who runs the 8D; a portal's change to sales, who talks to the
    // customer
    String fallbackGroup = correctiveAction != null ? Groups.QUALITY : Groups.SALES;
    String requesterGroup = access.primaryGroup(requester, DEPARTMENT_ORDER, fallbackGroup);
    List<String> aspects = ChangeAspects.touched(execution::getVariable);
    String number =
        register
            .findByProcessInstance(execution.getProcessInstanceId())
            .map(ChangeRequest::changeNumber)
            .orElseGet(
                () -> {
                  String next = numbers.next(NUMBER_SEQUENCE, NUMBER_PREFIX, 4);
                  register.insert(
                      new NewChange(
                          next,
                          execution.getProcessInstanceId(),
                          ChangeValues.text(EXTERNAL_REFERENCE.raw(execution)),
                          correctiveAction,
                          ChangeValues.text(CONTRACT_REFERENCE.raw(execution)),
                          ChangeValues.text(CHANGE_TYPE.raw(execution)),
                          ChangeValues.text(CUSTOMER_CODE.raw(execution)),
                          ChangeValues.text(CHANGE_DESCRIPTION.raw(execution)),
                          ChangeValues.text(CHANGE_REASON.raw(execution)),
                          ChangeValues.date(REQUESTED_EFFECTIVE_DATE.raw(execution)),
                          String.join(",", aspects),
                          ChangeValues.amount(COST_IMPACT.raw(execution)),
                          requester,
                          clock.instant()));
                  return next;
                });
    execution.setProcessBusinessKey(number);
    CHANGE_NUMBER_VAR.set(execution, number);
    REQUESTER.set(execution, requester);
    REQUESTER_GROUP.set(execution, requesterGroup);
    REVIEW_ROUND.set(execution, 0);
    IMPLEMENTATION_ROUND.set(execution, 0);
    for (Variable<Boolean> flag : ASPECT_FLAGS) {
      if (flag.get(execution) == null) {
        flag.set(execution, Boolean.FALSE);
      }
    }
    access.grant(execution.getProcessInstanceId(), List.of(requesterGroup, Groups.SALES));
  }
}
