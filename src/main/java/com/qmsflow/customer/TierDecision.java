package com.qmsflow.customer;

/**
 * The rule that turns a revenue rank into a tier: the deployed {@code customer-tier} decision
 * (decisions/customer-tier.dmn), evaluated by complaint/CustomerTierDecision. The archive only
 * asks; the rule lives in the decision, the same one the complaint process evaluates at intake.
 */
public interface TierDecision {

  /** The rule as deployed now; ask once per recomputation. */
  Rule current();

  /** Rank to tier. */
  @FunctionalInterface
  interface Rule {
    /**
     * @param revenueRank 1 = largest customer of the year; {@code null} for a customer without
     *     revenue in that year
     * @return A, B or C
     */
    String tierOf(Integer revenueRank);
  }
}
