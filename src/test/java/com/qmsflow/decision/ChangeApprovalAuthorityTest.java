package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests the shipped decisions/change-approval-authority.dmn: each rule and its limits. */
class ChangeApprovalAuthorityTest {

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("change-approval-authority");
  }

  @ParameterizedTest(name = "[{index}] {0} CNY, tier {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        // rule above-50000
        "50000.01, C, general-manager",
        "1000000, A, general-manager",
        // rule tier-a-above-10000
        "10000.01, A, general-manager",
        "50000, A, general-manager",
        // rule above-10000
        "10000.01, B, quality-management",
        "50000, C, quality-management",
        "20000, null, quality-management",
        // rule tier-a-up-to-10000
        "10000, A, quality-management",
        "0, A, quality-management",
        "null, A, quality-management",
        // rule up-to-10000
        "10000, B, sales-management",
        "0, C, sales-management",
        "null, null, sales-management",
      })
  void eachRule(Double costImpact, String tier, String approverGroup) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("costImpact", costImpact);
    variables.put("tier", tier);
    assertThat((String) decision.evaluate(variables).getSingleEntry()).isEqualTo(approverGroup);
  }

  @ParameterizedTest(name = "[{index}] whole number {0}")
  @CsvSource({"8000, sales-management", "60000, general-manager"})
  void integersFromFormsAreAccepted(int costImpact, String approverGroup) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("costImpact", costImpact);
    variables.put("tier", "C");
    assertThat((String) decision.evaluate(variables).getSingleEntry()).isEqualTo(approverGroup);
  }
}
