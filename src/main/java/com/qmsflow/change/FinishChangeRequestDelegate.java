package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Notification;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Ends a change: closed after the first lot confirmed that the change's impact is removed, rejected
 * by the authorised representative, or withdrawn by its author. The register keeps the outcome and
 * reason, and the requester's department is told (a rejection with its reason) through the
 * notification outbox, once. The outcome is the input parameter {@code changeOutcome}.
 */
@Component("finishChangeRequest")
public class FinishChangeRequestDelegate implements JavaDelegate {

  private final ChangeRequestRepository register;
  private final NotificationService notifications;
  private final Clock clock;

  public FinishChangeRequestDelegate(
      ChangeRequestRepository register, NotificationService notifications, Clock clock) {
    this.register = register;
    this.notifications = notifications;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ChangeState outcome = ChangeState.of(CHANGE_OUTCOME.get(execution));
    String number = CHANGE_NUMBER_VAR.get(execution);
    String requester = REQUESTER.get(execution);
    String group = REQUESTER_GROUP.get(execution);
    Instant now = clock.instant();
    ChangeOutcomeNotice notice =
        ChangeOutcomeNotice.of(
            outcome,
            new ChangeOutcomeNotice.Facts(
                number,
                requester,
                APPROVER_GROUP.raw(execution),
                APPROVAL_REASON.raw(execution),
                WITHDRAW_REASON.raw(execution),
                FIRST_LOT_NUMBER.raw(execution),
                IDENTIFICATION_RULE.raw(execution),
                EFFECTIVE_LOT.raw(execution),
                EFFECTIVE_DATE.raw(execution)));
    register.finish(number, outcome, notice.reason(), now);
    notifications.notifyOnce(
        "change:" + number + ":" + outcome,
        new Notification("CHANGE_" + outcome, group, number, notice.subject(), notice.body()),
        now);
  }
}
