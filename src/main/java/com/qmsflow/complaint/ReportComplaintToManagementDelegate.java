package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Notification;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Step 21: reports the complaint and its handling to the VP quality and the general manager (003
 * §3.4).
 */
@Component("reportComplaintToManagement")
public class ReportComplaintToManagementDelegate implements JavaDelegate {

  static final String[] RECIPIENTS = {"quality-management", "general-manager"};

  private final NotificationService notifications;
  private final Clock clock;

  public ReportComplaintToManagementDelegate(NotificationService notifications, Clock clock) {
    this.clock = clock;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = COMPLAINT_NUMBER_VAR.get(execution);
    String body =
        String.format(
            """
            Complaint %s from %s (tier %s), %s / %s, batch %s, defect %s.
            Valid: %s. Severity: %s. Root cause: %s.
            Handling: %s\
            """,
            number,
            CUSTOMER_NAME_VAR.raw(execution),
            TIER_VAR.raw(execution),
            CATEGORY.raw(execution),
            PRODUCT_NAME.raw(execution),
            BATCH_NUMBER.raw(execution),
            DEFECT_CODE.raw(execution),
            orDash(COMPLAINT_VALIDITY.raw(execution)),
            orDash(SEVERITY_VAR.raw(execution)),
            orDash(
                ROOT_CAUSE.isSet(execution)
                    ? ROOT_CAUSE.raw(execution)
                    : CAUSE_ANALYSIS.raw(execution)),
            orDash(
                REPLY_SUMMARY.isSet(execution)
                    ? REPLY_SUMMARY.raw(execution)
                    : INVALIDITY_EXPLANATION.raw(execution)));
    for (String group : RECIPIENTS) {
      notifications.notifyOnce(
          "report:" + number + ":" + group,
          new Notification("COMPLAINT_REPORT", group, number, "Complaint report " + number, body),
          clock.instant());
    }
  }

  private static Object orDash(Object value) {
    return value == null ? "-" : value;
  }
}
