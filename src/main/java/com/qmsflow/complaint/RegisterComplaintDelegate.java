package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Step 1: enters the complaint in the register; its number becomes the business key. */
@Component("registerComplaint")
public class RegisterComplaintDelegate implements JavaDelegate {

  private final ComplaintIntake intake;

  public RegisterComplaintDelegate(ComplaintIntake intake) {
    this.intake = intake;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date now = ClockUtil.getCurrentTime();
    Complaint complaint =
        intake.register(
            execution.getProcessBusinessKey(),
            execution.getProcessInstanceId(),
            execution.getVariables(),
            now.toInstant());
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
