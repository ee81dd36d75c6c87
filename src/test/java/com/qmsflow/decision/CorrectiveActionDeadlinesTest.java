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
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests the shipped decisions/corrective-action-deadlines.dmn. */
class CorrectiveActionDeadlinesTest {

  private static final String[] STEPS = {
    "d0", "d1", "d2", "d3", "d4", "d5", "d5-approval", "d6", "d7", "d8", "prevention-report"
  };

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("corrective-action-deadlines");
  }

  private static DmnDecisionResult evaluate(
      String step, String tier, Boolean urgent, String causeOrigin) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("step", step);
    variables.put("tier", tier);
    variables.put("urgent", urgent);
    variables.put("causeOrigin", causeOrigin);
    return decision.evaluate(variables);
  }

  @ParameterizedTest(
      name = "[{index}] {0} tier={1} urgent={2} cause={3} -> {4} + {5} {6}, then {7} {8}")
  @CsvSource(
      nullValues = "null",
      value = {
        // step, tier, urgent, causeOrigin, dueBase, dueAmount, dueUnit, secondAmount, secondUnit,
        // group1
        // rules d0-d3-tier-a, d0-d3 (001 part 7 §5.2(4), §5.3(7)), every step of the list
        "d0, A, false, null, raised, 24, hours, 30, hours, quality-management",
        "d1, A, true, supplier, raised, 24, hours, 30, hours, quality-management",
        "d2, A, false, ownPlant, raised, 24, hours, 30, hours, quality-management",
        "d3, A, null, null, raised, 24, hours, 30, hours, quality-management",
        "d0, B, false, null, raised, 24, hours, 36, hours, quality-management",
        "d1, C, true, null, raised, 24, hours, 36, hours, quality-management",
        "d2, null, false, supplier, raised, 24, hours, 36, hours, quality-management",
        "d3, B, false, '', raised, 24, hours, 36, hours, quality-management",
        // rules d4-root-cause-tier-a, d4-root-cause
        "d4, A, false, null, stepStart, 3, workingDays, 4, workingDays, quality-management",
        "d4, B, true, supplier, stepStart, 3, workingDays, 5, workingDays, quality-management",
        // rules d5-permanent-actions-tier-a, d5-permanent-actions
        "d5, A, false, ownPlant, stepStart, 3, workingDays, 4, workingDays, quality-management",
        "d5, C, false, null, stepStart, 3, workingDays, 5, workingDays, quality-management",
        // rule d5-approval (the approver is quality management: both levels to the general manager)
        "d5-approval, A, false, null, stepStart, 1, workingDays, 2, workingDays, general-manager",
        "d5-approval, B, true, null, stepStart, 1, workingDays, 2, workingDays, general-manager",
        // rules d6-implementation-tier-a, d6-implementation
        "d6, A, false, null, stepStart, 10, workingDays, 12, workingDays, quality-management",
        "d6, B, false, supplier, stepStart, 10, workingDays, 15, workingDays, quality-management",
        // rule d7-prevention (all tiers)
        "d7, A, false, null, stepStart, 10, workingDays, 15, workingDays, quality-management",
        "d7, C, true, ownPlant, stepStart, 10, workingDays, 15, workingDays, quality-management",
        // rule d8-closure (all tiers)
        "d8, A, false, null, stepStart, 5, workingDays, 10, workingDays, quality-management",
        "d8, B, false, null, stepStart, 5, workingDays, 10, workingDays, quality-management",
        // rule prevention-report (001 part 7 §5.3(4)-(5), all tiers)
        "prevention-report, A, false, null, stepStart, 5, workingDays, 10, workingDays,"
            + " quality-management",
        "prevention-report, null, null, null, stepStart, 5, workingDays, 10, workingDays,"
            + " quality-management",
      })
  void eachRule(
      String step,
      String tier,
      Boolean urgent,
      String causeOrigin,
      String dueBase,
      int dueAmount,
      String dueUnit,
      int secondLevelAmount,
      String secondLevelUnit,
      String escalationGroup) {
    DmnDecisionResult result = evaluate(step, tier, urgent, causeOrigin);

    assertThat(result).as("FIRST hit policy returns exactly one result").hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .containsEntry("dueBase", dueBase)
        .containsEntry("dueAmount", dueAmount)
        .containsEntry("dueUnit", dueUnit)
        .containsEntry("secondLevelAmount", secondLevelAmount)
        .containsEntry("secondLevelUnit", secondLevelUnit)
        .containsEntry("escalationGroup", escalationGroup)
        .containsEntry("secondEscalationGroup", "general-manager")
        .hasSize(7);
  }

  @Test
  void tierAShortensOnlyTheSecondLevelOfD0ToD6() {
    for (String step : new String[] {"d0", "d1", "d2", "d3", "d4", "d5", "d6"}) {
      Map<String, Object> a = evaluate(step, "A", false, null).getSingleResult().getEntryMap();
      Map<String, Object> c = evaluate(step, "C", false, null).getSingleResult().getEntryMap();
      assertThat(a.get("dueBase")).as(step).isEqualTo(c.get("dueBase"));
      assertThat(a.get("dueAmount")).as(step).isEqualTo(c.get("dueAmount"));
      assertThat(a.get("dueUnit")).as(step).isEqualTo(c.get("dueUnit"));
      assertThat((Integer) a.get("secondLevelAmount"))
          .as(step)
          .isLessThan((Integer) c.get("secondLevelAmount"));
      assertThat(a.get("secondLevelUnit")).as(step).isEqualTo(c.get("secondLevelUnit"));
    }
  }

  @Test
  void tierADoesNotChangeTheOtherSteps() {
    for (String step : new String[] {"d5-approval", "d7", "d8", "prevention-report"}) {
      assertThat(evaluate(step, "A", false, null).getSingleResult().getEntryMap())
          .as(step)
          .isEqualTo(evaluate(step, "B", false, null).getSingleResult().getEntryMap());
    }
  }

  @Test
  void urgencyAndCauseOriginChangeNoStep() {
    for (String step : STEPS) {
      for (String tier : new String[] {"A", "B"}) {
        Map<String, Object> plain =
            evaluate(step, tier, false, null).getSingleResult().getEntryMap();
        assertThat(evaluate(step, tier, true, "supplier").getSingleResult().getEntryMap())
            .as("%s tier %s", step, tier)
            .isEqualTo(plain);
        assertThat(evaluate(step, tier, null, "ownPlant").getSingleResult().getEntryMap())
            .as("%s tier %s", step, tier)
            .isEqualTo(plain);
      }
    }
  }

  @Test
  void onlyD0ToD3CountFromTheMomentTheEightDWasRaised() {
    for (String step : STEPS) {
      String expected = step.matches("d[0-3]") ? "raised" : "stepStart";
      assertThat(evaluate(step, "B", false, null).getSingleResult().getEntryMap())
          .as(step)
          .containsEntry("dueBase", expected);
    }
  }

  @ParameterizedTest(name = "unknown step ''{0}'' gives no result")
  @ValueSource(
      strings = {"unknown-step", "D0", "d9", "d0-d3", "d5approval", "confirm", "prevention"})
  @NullAndEmptySource
  void unknownStepGivesNoResult(String step) {
    assertThat(evaluate(step, "A", true, "supplier")).isEmpty();
  }
}
