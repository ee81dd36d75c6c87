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

/**
 * Tests the shipped decisions/change-deadlines.dmn: one case per rule, plus what it must not do.
 */
class ChangeDeadlinesTest {

  private static final String[] STEPS = {
    "confirm-with-customer",
    "engineering-review",
    "production-review",
    "material-review",
    "revise",
    "approval",
    "change-notice",
    "implementation",
    "first-lot-check"
  };

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("change-deadlines");
  }

  private static DmnDecisionResult evaluate(String step, String tier) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("step", step);
    variables.put("tier", tier);
    // the deadline service passes these too; the change deadlines ignore them
    variables.put("urgent", false);
    variables.put("causeOrigin", null);
    return decision.evaluate(variables);
  }

  @ParameterizedTest(name = "[{index}] {0} tier={1} -> {2} then {3} working days, {4}")
  @CsvSource(
      nullValues = "null",
      value = {
        // rule reviews-tier-a
        "engineering-review, A, 2, 3, quality-management",
        "production-review, A, 2, 3, quality-management",
        // rule reviews
        "engineering-review, B, 2, 4, quality-management",
        "production-review, null, 2, 4, quality-management",
        // rule material-review-tier-a
        "material-review, A, 2, 3, sales-management",
        // rule material-review
        "material-review, C, 2, 4, sales-management",
        // rule confirm-with-customer
        "confirm-with-customer, A, 2, 4, sales-management",
        // rule revise
        "revise, C, 5, 8, sales-management",
        // rule approval
        "approval, A, 2, 4, general-manager",
        // rule change-notice
        "change-notice, B, 2, 4, quality-management",
        // rule implementation
        "implementation, C, 5, 8, quality-management",
        // rule first-lot-check
        "first-lot-check, A, 3, 5, quality-management",
      })
  void eachRule(
      String step, String tier, int dueAmount, int secondLevelAmount, String escalationGroup) {
    DmnDecisionResult result = evaluate(step, tier);
    assertThat(result).as("FIRST hit policy returns exactly one result").hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("dueBase", "stepStart")
        .containsEntry("dueAmount", dueAmount)
        .containsEntry("dueUnit", "workingDays")
        .containsEntry("secondLevelAmount", secondLevelAmount)
        .containsEntry("secondLevelUnit", "workingDays")
        .containsEntry("escalationGroup", escalationGroup)
        .containsEntry("secondEscalationGroup", "general-manager")
        .hasSize(7);
  }

  @Test
  void reviewsAreDueInTwoWorkingDaysForEveryTier() {
    for (String step :
        new String[] {"engineering-review", "production-review", "material-review"}) {
      for (String tier : new String[] {"A", "B", "C", null}) {
        assertThat(evaluate(step, tier).getSingleResult().getEntryMap())
            .as("%s %s", step, tier)
            .containsEntry("dueAmount", 2)
            .containsEntry("dueUnit", "workingDays");
      }
    }
  }

  @Test
  void everyStepOfTheProcessHasADeadlineAndTheSecondLevelComesLater() {
    for (String step : STEPS) {
      Map<String, Object> row = evaluate(step, "C").getSingleResult().getEntryMap();
      assertThat((Integer) row.get("secondLevelAmount"))
          .as(step)
          .isGreaterThan((Integer) row.get("dueAmount"));
    }
  }

  @Test
  void anUnknownStepHasNoDeadline() {
    assertThat(evaluate("d0", "A")).isEmpty();
  }
}
