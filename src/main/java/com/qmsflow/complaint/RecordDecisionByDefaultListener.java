package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of the timer "No answer in time" on "Record customer's decision": the customer did
 * not answer within the working days of {@code complaint-deadlines} row {@code
 * customer-decision-default}, so the reply counts as accepted by default (ISO 10002 §7.8). Records
 * that in the timer job's transaction and routes the process as accepted. Idempotent: a round
 * answered already records nothing more.
 */
@Component("recordDecisionByDefault")
public class RecordDecisionByDefaultListener implements ExecutionListener {

  public static final String ACCEPTED_BY_DEFAULT = "acceptedByDefault";

  private final CustomerDecisions decisions;
  private final Clock clock;

  public RecordDecisionByDefaultListener(CustomerDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    decisions.recordOnce(
        COMPLAINT_NUMBER_VAR.get(execution),
        execution.getProcessInstanceId(),
        CustomerDecisions.ACCEPTED_BY_DEFAULT,
        null,
        CustomerDecisions.DEFAULT,
        null,
        null,
        clock.instant());
    CUSTOMER_DECISION.set(execution.getProcessInstance(), ACCEPTED_BY_DEFAULT);
    CUSTOMER_DECISION_REASON.set(execution.getProcessInstance(), null);
  }
}
