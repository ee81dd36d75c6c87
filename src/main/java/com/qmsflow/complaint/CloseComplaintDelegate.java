package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Marks the complaint closed in the register once its records are archived. */
@Component("closeComplaint")
public class CloseComplaintDelegate implements JavaDelegate {

  private final ComplaintRepository complaints;
  private final Clock clock;

  public CloseComplaintDelegate(ComplaintRepository complaints, Clock clock) {
    this.clock = clock;
    this.complaints = complaints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    complaints.close(
        COMPLAINT_NUMBER_VAR.get(execution), SEVERITY_VAR.get(execution), clock.instant());
  }
}
