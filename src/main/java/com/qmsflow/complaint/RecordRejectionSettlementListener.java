package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete listener of "Settle rejected reply": keeps sales management's settlement on the rejected
 * decision it settles (the recourse offered per 003 §5.3, ask again or final ruling, the text told
 * to the customer, who and when), in the task's transaction, once.
 */
@Component("recordRejectionSettlement")
public class RecordRejectionSettlementListener implements TaskListener {

  private final CustomerDecisions decisions;
  private final Clock clock;

  public RecordRejectionSettlementListener(CustomerDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user =
        current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    decisions.settleOnce(
        COMPLAINT_NUMBER_VAR.get(task),
        "qualityRedetermination".equals(REJECTION_RECOURSE.get(task))
            ? CustomerDecisions.QUALITY_REDETERMINATION
            : CustomerDecisions.FINAL_RULING,
        "askAgain".equals(REJECTION_SETTLEMENT.get(task))
            ? CustomerDecisions.ASK_AGAIN
            : CustomerDecisions.FINAL_RULING,
        SETTLEMENT_NOTE.get(task),
        user,
        clock.instant());
  }
}
