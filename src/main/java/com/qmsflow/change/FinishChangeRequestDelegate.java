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
    String outcome = (String) execution.getVariable("changeOutcome");
    String number = (String) execution.getVariable(CHANGE_NUMBER);
    String requester = (String) execution.getVariable(REQUESTER);
    String group = (String) execution.getVariable(REQUESTER_GROUP);
    String addressee = requester == null ? "the requester" : requester;
    Instant now = clock.instant();
    String reason;
    String subject;
    String body;
    switch (outcome) {
      case "REJECTED" -> {
        reason = ChangeValues.text(execution.getVariable(APPROVAL_REASON));
        subject = "Change " + number + " rejected";
        body =
            "Dear "
                + addressee
                + ", the change "
                + number
                + " was rejected by "
                + execution.getVariable(APPROVER_GROUP)
                + ". Reason: "
                + reason;
      }
      case "WITHDRAWN" -> {
        reason = ChangeValues.text(execution.getVariable(WITHDRAW_REASON));
        subject = "Change " + number + " withdrawn";
        body = "The change " + number + " was withdrawn by its author. Reason: " + reason;
      }
      case "CLOSED" -> {
        reason =
            "First lot "
                + execution.getVariable(FIRST_LOT_NUMBER)
                + " confirmed that the change's impact is removed";
        subject = "Change " + number + " closed";
        body =
            "The change "
                + number
                + " is implemented and closed. "
                + reason
                + ". Identification of products before/after: "
                + execution.getVariable(IDENTIFICATION_RULE)
                + "; effective from lot "
                + execution.getVariable(EFFECTIVE_LOT)
                + " / "
                + execution.getVariable(EFFECTIVE_DATE)
                + ".";
      }
      default -> throw new IllegalStateException("Unknown change outcome '" + outcome + "'");
    }
    register.finish(number, outcome, reason, now);
    notifications.notifyOnce(
        "change:" + number + ":" + outcome,
        new Notification("CHANGE_" + outcome, group, number, subject, body),
        now);
  }
}
