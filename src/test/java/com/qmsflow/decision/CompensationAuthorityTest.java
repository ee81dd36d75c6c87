package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests the shipped decisions/compensation-authority.dmn (001 part 7 §6(1)-(2)). */
class CompensationAuthorityTest {

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("compensation-authority");
  }

  private static DmnDecisionResult evaluate(Object compensationAmount) {
    return decision.evaluate(Map.of("compensationAmount", compensationAmount));
  }

  @ParameterizedTest(name = "{0} CNY -> {1} ({2})")
  @CsvSource({
    // rule up-to-10000, with boundaries
    "0.01,     sales-management,   head of marketing",
    "5000,     sales-management,   head of marketing",
    "10000,    sales-management,   head of marketing",
    // rule up-to-50000, with boundaries
    "10000.01, quality-management, VP quality",
    "50000,    quality-management, VP quality",
    // rule above-50000, with boundary
    "50000.01, general-manager,    general manager",
    "1000000,  general-manager,    general manager",
  })
  void approverByAmount(double amount, String approverGroup, String authorityLevel) {
    DmnDecisionResult result = evaluate(amount);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("approverGroup", approverGroup)
        .containsEntry("authorityLevel", authorityLevel);
  }

  @ParameterizedTest(name = "{0} CNY needs no approval")
  @ValueSource(doubles = {0.0, -100.0})
  void noApprovalForZeroOrNegativeAmount(double amount) {
    assertThat(evaluate(amount)).isEmpty();
  }

  @ParameterizedTest(name = "integer amount {0} is accepted as a double")
  @CsvSource({"10000, sales-management", "10001, quality-management"})
  void integerAmountsAreConverted(int amount, String approverGroup) {
    DmnDecisionResult result = evaluate(amount);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("approverGroup", approverGroup);
  }
}
