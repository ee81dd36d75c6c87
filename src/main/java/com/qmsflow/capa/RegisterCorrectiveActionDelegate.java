package com.qmsflow.capa;

import static com.qmsflow.capa.CorrectiveActionVariables.*;

import com.qmsflow.numbering.ReadableNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Gives the 8D report its number {@code 8D-<year>-<4 digits>} as business key and enters it in the
 * register. A re-run of the step (a retried job) finds the instance's registration and keeps it.
 */
@Component("registerCorrectiveAction")
public class RegisterCorrectiveActionDelegate implements JavaDelegate {

  private final CorrectiveActionRepository register;
  private final ReadableNumbers numbers;
  private final Clock clock;

  public RegisterCorrectiveActionDelegate(
      CorrectiveActionRepository register, ReadableNumbers numbers, Clock clock) {
    this.register = register;
    this.numbers = numbers;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = clock.instant();
    String complaint = COMPLAINT_NUMBER.get(execution);
    String title =
        Optional.ofNullable(PROBLEM_TITLE.get(execution))
            .filter(t -> !t.isBlank())
            .orElseGet(() -> complaint + ": " + DEFECT_DESCRIPTION.raw(execution));
    String number =
        register
            .findByProcessInstance(execution.getProcessInstanceId())
            .map(CorrectiveActionRepository.CorrectiveAction::eightDNumber)
            .orElseGet(
                () -> {
                  String next = numbers.next(PROCESS_KEY, "8D", 4);
                  register.insert(next, execution.getProcessInstanceId(), complaint, title, now);
                  return next;
                });
    execution.setProcessBusinessKey(number);
    EIGHT_D_NUMBER.set(execution, number);
    PROBLEM_TITLE.set(execution, title);
    RAISED_AT.set(execution, Date.from(now));
    if (TASK_PRIORITY.raw(execution) == null) {
      TASK_PRIORITY.set(execution, INTERNAL_PRIORITY);
    }
  }
}
