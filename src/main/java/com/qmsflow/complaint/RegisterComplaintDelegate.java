package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Step 1: enters the complaint in the register; its number becomes the business key. */
@Component("registerComplaint")
public class RegisterComplaintDelegate implements JavaDelegate {

  private final ComplaintIntake intake;
  private final Clock clock;

  public RegisterComplaintDelegate(ComplaintIntake intake, Clock clock) {
    this.clock = clock;
    this.intake = intake;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = clock.instant();
    Complaint complaint =
        intake.register(
            execution.getProcessBusinessKey(),
            execution.getProcessInstanceId(),
            execution.getVariables(),
            now);
    if (!complaint.complaintNumber().equals(execution.getProcessBusinessKey())) {
      execution.setProcessBusinessKey(complaint.complaintNumber());
    }
    execution.setVariable(COMPLAINT_NUMBER, complaint.complaintNumber());
    execution.setVariable(CUSTOMER_NAME, intake.customer(complaint.customerCode()).name());
    execution.setVariable(DEFECT_DESCRIPTION, intake.defectDescription(complaint.defectCode()));
    execution.setVariable(RECEIVED_AT, Date.from(complaint.receivedAt()));
    for (String flag :
        new String[] {USAGE_QUESTION, URGENT, SAFETY_RELATED, CUSTOMER_PRESCRIBES_REPORT_FORMAT}) {
      execution.setVariable(flag, Boolean.TRUE.equals(execution.getVariable(flag)));
    }
  }
}
