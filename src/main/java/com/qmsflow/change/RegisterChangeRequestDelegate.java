package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.ChangeRequest;
import com.qmsflow.change.ChangeRequestRepository.NewChange;
import com.qmsflow.identity.Groups;
import com.qmsflow.numbering.ReadableNumbers;
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
    String requester = ChangeValues.text(execution.getVariable(REQUESTER));
    String correctiveAction = ChangeValues.text(execution.getVariable(CORRECTIVE_ACTION_NUMBER));
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
                          ChangeValues.text(execution.getVariable(EXTERNAL_REFERENCE)),
                          correctiveAction,
                          ChangeValues.text(execution.getVariable(CONTRACT_REFERENCE)),
                          ChangeValues.text(execution.getVariable(CHANGE_TYPE)),
                          ChangeValues.text(execution.getVariable(CUSTOMER_CODE)),
                          ChangeValues.text(execution.getVariable(CHANGE_DESCRIPTION)),
                          ChangeValues.text(execution.getVariable(CHANGE_REASON)),
                          ChangeValues.date(execution.getVariable(REQUESTED_EFFECTIVE_DATE)),
                          String.join(",", aspects),
                          ChangeValues.amount(execution.getVariable(COST_IMPACT)),
                          requester,
                          clock.instant()));
                  return next;
                });
    execution.setProcessBusinessKey(number);
    execution.setVariable(CHANGE_NUMBER, number);
    execution.setVariable(REQUESTER, requester);
    execution.setVariable(REQUESTER_GROUP, requesterGroup);
    execution.setVariable(REVIEW_ROUND, 0);
    execution.setVariable(IMPLEMENTATION_ROUND, 0);
    for (String flag : ASPECT_FLAGS) {
      if (execution.getVariable(flag) == null) {
        execution.setVariable(flag, Boolean.FALSE);
      }
    }
    access.grant(execution.getProcessInstanceId(), List.of(requesterGroup, Groups.SALES));
  }
}
