package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Marks the complaint closed in the register once its records are archived. */
@Component("closeComplaint")
public class CloseComplaintDelegate implements JavaDelegate {

  private final ComplaintRepository complaints;

  public CloseComplaintDelegate(ComplaintRepository complaints) {
    this.complaints = complaints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    complaints.close(
        (String) execution.getVariable(COMPLAINT_NUMBER),
        (String) execution.getVariable(SEVERITY),
        ClockUtil.getCurrentTime().toInstant());
  }
}
