package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete listener of "Record customer's decision": keeps what sales recorded (accepted or
 * rejected, the customer's reason, how the customer answered) with who and when, in the task's
 * transaction. A round answered already (a repeated run) records nothing more.
 */
@Component("recordCustomerDecision")
public class RecordCustomerDecisionListener implements TaskListener {

  private final CustomerDecisions decisions;
  private final Clock clock;

  public RecordCustomerDecisionListener(CustomerDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = CUSTOMER_DECISION.get(task);
    decisions.recordOnce(
        COMPLAINT_NUMBER_VAR.get(task),
        task.getProcessInstanceId(),
        "rejected".equals(decision) ? CustomerDecisions.REJECTED : CustomerDecisions.ACCEPTED,
        CUSTOMER_DECISION_REASON.get(task),
        CustomerDecisions.SALES,
        CUSTOMER_DECISION_CHANNEL.get(task),
        user(task),
        clock.instant());
  }

  private static String user(DelegateTask task) {
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null && current.getUserId() != null
        ? current.getUserId()
        : task.getAssignee();
  }
}
