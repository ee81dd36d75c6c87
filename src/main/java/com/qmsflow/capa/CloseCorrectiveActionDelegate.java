package com.qmsflow.capa;

import static com.qmsflow.capa.CorrectiveActionVariables.*;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Closes the 8D report and prepares what the complaint that raised it shows in its verification and
 * reply: root cause, permanent actions, evidence, verified effect and the printable report's
 * address. Without 8D (D0 found it does not fit) the simpler correction stands in for the permanent
 * actions.
 */
@Component("closeCorrectiveAction")
public class CloseCorrectiveActionDelegate implements JavaDelegate {

  private final CorrectiveActionRepository register;
  private final Clock clock;

  public CloseCorrectiveActionDelegate(CorrectiveActionRepository register, Clock clock) {
    this.register = register;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = EIGHT_D_NUMBER.get(execution);
    if (!ROOT_CAUSE.isSet(execution)) {
      ROOT_CAUSE.set(execution, "8D not applicable: " + NOT_APPLICABLE_REASON.raw(execution));
      PERMANENT_ACTIONS.set(execution, SIMPLE_CORRECTION.get(execution));
      VERIFIED_EFFECT.set(execution, "Correction verified by QA");
    }
    EIGHT_D_EVIDENCE.set(
        execution,
        Stream.of(
                line("D3 containment verified", CONTAINMENT_VERIFICATION.raw(execution)),
                line("D6 effect", VERIFIED_EFFECT.raw(execution)),
                line("Recurrence prevention", PREVENTION_EFFECT.raw(execution)))
            .filter(Objects::nonNull)
            .collect(Collectors.joining("\n")));
    EIGHT_D_REPORT_URL.set(execution, "/api/corrective-actions/" + number + "/report");
    register.close(number, clock.instant());
  }

  private static String line(String label, Object value) {
    return value == null ? null : label + ": " + value;
  }
}
