package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Figures the severity decision reads, used from the model as {@code ${complaintStatistics…}}. */
@Component("complaintStatistics")
public class ComplaintStatistics {

  private final ComplaintRepository complaints;
  private final Clock clock;

  public ComplaintStatistics(ComplaintRepository complaints, Clock clock) {
    this.clock = clock;
    this.complaints = complaints;
  }

  /** Earlier complaints of the same customer with the same defect code in the last 12 months. */
  public int repeatComplaints(VariableScope v) {
    return complaints.countEarlierOfCustomerAndDefect(
        (String) v.getVariable(COMPLAINT_NUMBER),
        (String) v.getVariable(CUSTOMER_CODE),
        (String) v.getVariable(DEFECT_CODE),
        clock.instant().minus(365, ChronoUnit.DAYS));
  }

  /** Share of the purchased quantity that is defective (0 when nothing was purchased). */
  public double defectiveShare(VariableScope v) {
    Number purchased = (Number) v.getVariable(QUANTITY_PURCHASED);
    Number defective = (Number) v.getVariable(QUANTITY_DEFECTIVE);
    if (purchased == null || defective == null || purchased.doubleValue() <= 0) {
      return 0;
    }
    return defective.doubleValue() / purchased.doubleValue();
  }
}
