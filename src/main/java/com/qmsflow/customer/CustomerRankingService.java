package com.qmsflow.customer;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Ranks customers by their share of the latest full year's revenue (002 §4.6.2). The rank feeds the
 * {@code customer-tier} decision, which turns it into A/B/C. Ties are broken by customer code
 * (ascending), so two customers with equal revenue always get distinct, reproducible ranks.
 */
@Service
public class CustomerRankingService {

  private final CustomerRepository customers;
  private final Clock clock;
  private final ZoneId zone;

  public CustomerRankingService(
      CustomerRepository customers,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.customers = customers;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** The 1-based rank of the customer, or empty when it has no revenue in the latest full year. */
  public OptionalInt revenueRank(String customerCode) {
    int currentYear = Year.now(clock.withZone(zone)).getValue();
    OptionalInt year = customers.latestRevenueYearBefore(currentYear);
    if (year.isEmpty()) {
      return OptionalInt.empty();
    }
    List<String> ranking = customers.codesByRevenue(year.getAsInt());
    int index = ranking.indexOf(customerCode);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index + 1);
  }
}
