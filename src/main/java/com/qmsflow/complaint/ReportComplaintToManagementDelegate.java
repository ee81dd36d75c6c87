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
    String number = (String) execution.getVariable(COMPLAINT_NUMBER);
    String body =
        String.format(
            """
            Complaint %s from %s (tier %s), %s / %s, batch %s, defect %s.
            Valid: %s. Severity: %s. Root cause: %s.
            Handling: %s\
            """,
            number,
            execution.getVariable(CUSTOMER_NAME),
            execution.getVariable(TIER),
            execution.getVariable(CATEGORY),
            execution.getVariable(PRODUCT_NAME),
            execution.getVariable(BATCH_NUMBER),
            execution.getVariable(DEFECT_CODE),
            orDash(execution.getVariable("complaintValidity")),
            orDash(execution.getVariable(SEVERITY)),
            orDash(
                execution.hasVariable("rootCause")
                    ? execution.getVariable("rootCause")
                    : execution.getVariable("causeAnalysis")),
            orDash(
                execution.hasVariable("replySummary")
                    ? execution.getVariable("replySummary")
                    : execution.getVariable("invalidityExplanation")));
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
