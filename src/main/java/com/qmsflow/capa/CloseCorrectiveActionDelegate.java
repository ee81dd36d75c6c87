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
    String number = (String) execution.getVariable(EIGHT_D_NUMBER);
    if (!execution.hasVariable(ROOT_CAUSE)) {
      execution.setVariable(
          ROOT_CAUSE, "8D not applicable: " + execution.getVariable("notApplicableReason"));
      execution.setVariable(PERMANENT_ACTIONS, execution.getVariable("simpleCorrection"));
      execution.setVariable(VERIFIED_EFFECT, "Correction verified by QA");
    }
    execution.setVariable(
        EIGHT_D_EVIDENCE,
        Stream.of(
                line("D3 containment verified", execution.getVariable("containmentVerification")),
                line("D6 effect", execution.getVariable(VERIFIED_EFFECT)),
                line("Recurrence prevention", execution.getVariable("preventionEffect")))
            .filter(Objects::nonNull)
            .collect(Collectors.joining("\n")));
    execution.setVariable(EIGHT_D_REPORT_URL, "/api/corrective-actions/" + number + "/report");
    register.close(number, clock.instant());
  }

  private static String line(String label, Object value) {
    return value == null ? null : label + ": " + value;
  }
}
