package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.variable.Variable;
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
    COMPLAINT_NUMBER_VAR.set(execution, complaint.complaintNumber());
    CUSTOMER_NAME_VAR.set(execution, intake.customer(complaint.customerCode()).name());
    DEFECT_DESCRIPTION.set(execution, intake.defectDescription(complaint.defectCode()));
    RECEIVED_AT.set(execution, Date.from(complaint.receivedAt()));
    for (Variable<Boolean> flag : INTAKE_FLAGS) {
      flag.set(execution, flag.isTrue(execution));
    }
  }
}
