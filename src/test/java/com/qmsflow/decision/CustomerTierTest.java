package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests the shipped decisions/customer-tier.dmn (002 §4.6.2). */
class CustomerTierTest {

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("customer-tier");
  }

  private static DmnDecisionResult evaluate(Integer revenueRank) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("revenueRank", revenueRank);
    return decision.evaluate(variables);
  }

  @ParameterizedTest(name = "rank {0} -> tier {1}, priority {2}")
  @CsvSource({
    // rule rank-1-to-8, with boundaries
    "1, A, 80",
    "5, A, 80",
    "8, A, 80",
    // rule rank-9-to-12, with boundaries
    "9, B, 60",
    "12, B, 60",
    // rule rank-above-12, with boundary
    "13, C, 40",
    "250, C, 40",
  })
  void rankedCustomer(int rank, String tier, int taskPriority) {
    DmnDecisionResult result = evaluate(rank);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("tier", tier)
        .containsEntry("taskPriority", taskPriority);
  }

  @Test
  void customerWithoutRevenueRecordIsTierC() {
    DmnDecisionResult result = evaluate(null);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("tier", "C")
        .containsEntry("taskPriority", 40);
  }

  @Test
  void rankBelowOneMatchesNoRule() {
    assertThat(evaluate(0)).isEmpty();
  }
}
