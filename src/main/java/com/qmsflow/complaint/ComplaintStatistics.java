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
        COMPLAINT_NUMBER_VAR.get(v),
        CUSTOMER_CODE.get(v),
        DEFECT_CODE.get(v),
        clock.instant().minus(365, ChronoUnit.DAYS));
  }

  /** Share of the purchased quantity that is defective (0 when nothing was purchased). */
  public double defectiveShare(VariableScope v) {
    Number purchased = QUANTITY_PURCHASED.get(v);
    Number defective = QUANTITY_DEFECTIVE.get(v);
    if (purchased == null || defective == null || purchased.doubleValue() <= 0) {
      return 0;
    }
    return defective.doubleValue() / purchased.doubleValue();
  }
}
