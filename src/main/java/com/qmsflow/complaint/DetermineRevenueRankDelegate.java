package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.customer.CustomerRankingService;
import java.util.OptionalInt;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Step 2: the customer's revenue rank, which the customer-tier decision turns into A/B/C. */
@Component("determineRevenueRank")
public class DetermineRevenueRankDelegate implements JavaDelegate {

  private final CustomerRankingService ranking;

  public DetermineRevenueRankDelegate(CustomerRankingService ranking) {
    this.ranking = ranking;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OptionalInt rank = ranking.revenueRank(CUSTOMER_CODE.get(execution));
    REVENUE_RANK.set(execution, rank.isPresent() ? rank.getAsInt() : null);
  }
}
