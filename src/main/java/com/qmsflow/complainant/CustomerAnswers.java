package com.qmsflow.complainant;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.complaint.CustomerDecisions;
import com.qmsflow.complaint.CustomerDecisions.CustomerDecision;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's answer to the written reply, given on the status page (issue 19.3): accepted, or
 * rejected with a reason. Accepted only while the complaint waits for it ("Record customer's
 * decision" is open, i.e. its message subscription exists) and the round has no answer yet; then
 * the answer is kept in {@code customer_decision} and the message {@value
 * com.qmsflow.complaint.ComplaintVariables#DECISION_MESSAGE} is correlated, both in one
 * transaction. A second answer, also a resubmitted form, records and correlates nothing.
 */
@Service
public class CustomerAnswers {

  /** What became of an answer. */
  public enum Outcome {
    RECORDED,
    ALREADY_ANSWERED,
    NOT_ASKED
  }

  /** The longest reason kept (the column's size). */
  public static final int MAX_REASON = 2000;

  /** The shortest reason for a rejection. */
  public static final int MIN_REASON = 10;

  private final CustomerDecisions decisions;
  private final RuntimeService runtime;
  private final Clock clock;

  public CustomerAnswers(CustomerDecisions decisions, @Lazy RuntimeService runtime, Clock clock) {
    this.decisions = decisions;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** Whether the complaint waits for the customer's answer now. */
  public boolean waiting(Acknowledgement a) {
    return a.processInstanceId() != null
        && runtime
                .createEventSubscriptionQuery()
                .processInstanceId(a.processInstanceId())
                .eventType("message")
                .eventName(DECISION_MESSAGE)
                .count()
            > 0
        && !decisions.answered(a.complaintNumber());
  }

  public Optional<CustomerDecision> latest(Acknowledgement a) {
    return decisions.latest(a.complaintNumber());
  }

  /**
   * Records the customer's answer ({@code accepted} or {@code rejected}, validated by the caller)
   * and lets the process continue.
   */
  @Transactional
  public Outcome answer(Acknowledgement a, boolean accepted, String reason) {
    if (!waiting(a)) {
      return decisions.latest(a.complaintNumber()).isPresent()
              && decisions.answered(a.complaintNumber())
          ? Outcome.ALREADY_ANSWERED
          : Outcome.NOT_ASKED;
    }
    String text = accepted || reason == null ? null : reason.strip();
    if (!decisions.recordOnce(
        a.complaintNumber(),
        a.processInstanceId(),
        accepted ? CustomerDecisions.ACCEPTED : CustomerDecisions.REJECTED,
        text,
        CustomerDecisions.STATUS_PAGE,
        null,
        null,
        clock.instant())) {
      return Outcome.ALREADY_ANSWERED;
    }
    runtime
        .createMessageCorrelation(DECISION_MESSAGE)
        .processInstanceId(a.processInstanceId())
        .setVariable(CUSTOMER_DECISION.name(), accepted ? "accepted" : "rejected")
        .setVariable(CUSTOMER_DECISION_REASON.name(), text)
        .setVariable(CUSTOMER_DECISION_CHANNEL.name(), "statusPage")
        .correlateWithResult();
    return Outcome.RECORDED;
  }

  /** Whether an exception means that someone else answered in the same moment. */
  static boolean concurrent(RuntimeException e) {
    return e instanceof OptimisticLockingException
        || e instanceof org.springframework.dao.DuplicateKeyException;
  }
}
