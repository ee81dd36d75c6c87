package com.qmsflow.capa;

import static com.qmsflow.capa.CorrectiveActionVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives the 8D report its number {@code 8D-<year>-<4 digits>} as business key and enters it in the
 * register. A re-run of the step (a retried job) finds the instance's registration and keeps it.
 */
@Component("registerCorrectiveAction")
public class RegisterCorrectiveActionDelegate implements JavaDelegate {

  private final CorrectiveActionRepository register;
  private final Clock clock;
  private final ZoneId zone;

  public RegisterCorrectiveActionDelegate(
      CorrectiveActionRepository register, Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.register = register;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = clock.instant();
    String complaint = (String) execution.getVariable(COMPLAINT_NUMBER);
    String title = Optional.ofNullable((String) execution.getVariable(PROBLEM_TITLE))
        .filter(t -> !t.isBlank())
        .orElseGet(() -> complaint + ": " + execution.getVariable(DEFECT_DESCRIPTION));
    String number = register.findByProcessInstance(execution.getProcessInstanceId())
        .map(CorrectiveActionRepository.CorrectiveAction::eightDNumber)
        .orElseGet(() -> {
          int year = Year.now(clock.withZone(zone)).getValue();
          String next = String.format("8D-%d-%04d", year, register.nextSequence(year));
          register.insert(next, execution.getProcessInstanceId(), complaint, title, now);
          return next;
        });
    execution.setProcessBusinessKey(number);
    execution.setVariable(EIGHT_D_NUMBER, number);
    execution.setVariable(PROBLEM_TITLE, title);
    execution.setVariable(RAISED_AT, Date.from(now));
    if (execution.getVariable(TASK_PRIORITY) == null) {
      execution.setVariable(TASK_PRIORITY, INTERNAL_PRIORITY);
    }
  }
}
