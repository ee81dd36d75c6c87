package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Keeps the tier the decision chose in the complaint register (for reports and the REST API). */
@Component("recordCustomerTier")
public class RecordCustomerTierListener implements ExecutionListener {

  private final ComplaintRepository complaints;

  public RecordCustomerTierListener(ComplaintRepository complaints) {
    this.complaints = complaints;
  }

  @Override
  public void notify(DelegateExecution execution) {
    complaints.recordTier(COMPLAINT_NUMBER_VAR.get(execution), TIER_VAR.get(execution));
  }
}
