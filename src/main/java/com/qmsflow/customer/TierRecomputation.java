package com.qmsflow.customer;

import com.qmsflow.customer.CustomerArchive.Tier;
import com.qmsflow.customer.CustomerArchive.TierChange;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Recomputes every customer's tier from the latest full year's revenue (002 §4.6.2): the ranking of
 * {@link CustomerRankingService} (largest revenue first, ties by code) and the {@link
 * TierDecision}. Runs in the caller's transaction after revenue changes (API, import), at start and
 * every night (a new year makes another year the latest full one). A changed tier is recorded in
 * {@code customer_tier_change} with the year, old and new tier and rank, when, by whom and why;
 * complaints keep the tier they got at intake (table {@code complaint}).
 */
@Service
public class TierRecomputation {

  /** A change of tier as the caller reports it. */
  public record Outcome(Integer year, int customers, List<TierChange> changes) {}

  private final CustomerRepository customers;
  private final CustomerArchive archive;
  private final TierDecision decision;
  private final Clock clock;
  private final ZoneId zone;

  public TierRecomputation(
      CustomerRepository customers,
      CustomerArchive archive,
      TierDecision decision,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.customers = customers;
    this.archive = archive;
    this.decision = decision;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /**
   * Recomputes all tiers; stores those that differ.
   *
   * @param user who caused it (a user id, or {@code system})
   * @param reason why, e.g. "revenue import"
   */
  public synchronized Outcome recompute(String user, String reason) {
    int currentYear = Year.now(clock.withZone(zone)).getValue();
    OptionalInt latest = customers.latestRevenueYearBefore(currentYear);
    Integer year = latest.isPresent() ? latest.getAsInt() : null;
    Map<String, Integer> ranks = new HashMap<>();
    if (year != null) {
      List<String> ranking = customers.codesByRevenue(year);
      for (int i = 0; i < ranking.size(); i++) {
        ranks.put(ranking.get(i), i + 1);
      }
    }
    Instant now = clock.instant();
    TierDecision.Rule rule = decision.current();
    Map<Integer, String> byRank = new HashMap<>();
    Map<String, Tier> changed = new LinkedHashMap<>();
    List<TierChange> history = new ArrayList<>();
    Map<String, Tier> current = archive.tiers();
    for (Map.Entry<String, Tier> entry : current.entrySet()) {
      String code = entry.getKey();
      Tier old = entry.getValue();
      Integer rank = ranks.get(code);
      String tier = byRank.computeIfAbsent(rank == null ? -1 : rank, r -> rule.tierOf(rank));
      boolean tierChanged = !tier.equals(old.tier());
      if (tierChanged || !Objects.equals(rank, old.rank()) || !Objects.equals(year, old.year())) {
        Instant since = tierChanged || old.since() == null ? now : old.since();
        changed.put(code, new Tier(tier, rank, year, since));
      }
      if (tierChanged) {
        history.add(
            new TierChange(code, year, old.tier(), tier, old.rank(), rank, now, user, reason));
      }
    }
    archive.saveTiers(changed, history);
    return new Outcome(year, current.size(), history);
  }
}
