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

/** Tests the shipped decisions/complaint-deadlines.dmn. */
class ComplaintDeadlinesTest {

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("complaint-deadlines");
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
        // rules confirm-tier-a, confirm (002 §4.3.3.1, 001 part 7 §5.5)
        "confirm, A, false, null, stepStart, 4, hours, 8, hours, sales-management",
        "confirm, B, false, null, stepStart, 4, hours, 12, hours, sales-management",
        "confirm, C, true, null, stepStart, 4, hours, 12, hours, sales-management",
        // rule environmental, both steps (001 part 7 §5.1.3, §5.2(4))
        "environmental-investigation, B, false, null, stepStart, 24, hours, 48, hours,"
            + " quality-management",
        "environmental-solution, A, false, null, stepStart, 24, hours, 48, hours,"
            + " quality-management",
        // rules analysis-tier-a, analysis (003 §3.2)
        "analysis, A, false, null, stepStart, 2, workingDays, 3, workingDays, quality-management",
        "analysis, B, false, null, stepStart, 2, workingDays, 4, workingDays, quality-management",
        // rules containment-tier-a, containment (000, 003 part 5)
        "containment, A, false, null, stepStart, 24, hours, 36, hours, quality-management",
        "containment, C, false, null, stepStart, 24, hours, 48, hours, quality-management",
        // rule improvement (002 §4.3.3.2)
        "improvement, A, false, null, stepStart, 2, workingDays, 4, workingDays, sales-management",
        "improvement, C, false, null, stepStart, 2, workingDays, 4, workingDays, sales-management",
        // rules correction-tier-a, correction
        "correction, A, false, ownPlant, committedDate, 0, hours, 1, workingDays,"
            + " quality-management",
        "correction, B, false, supplier, committedDate, 0, hours, 2, workingDays,"
            + " quality-management",
        // rules reply-supplier-tier-a, reply-supplier (supplier wins over urgent)
        "reply, A, false, supplier, sampleReceived, 7, calendarDays, 8, calendarDays,"
            + " sales-management",
        "reply, B, true, supplier, sampleReceived, 7, calendarDays, 9, calendarDays,"
            + " sales-management",
        // rule reply-urgent (all tiers)
        "reply, C, true, ownPlant, sampleReceived, 48, hours, 72, hours, sales-management",
        "reply, A, true, null, sampleReceived, 48, hours, 72, hours, sales-management",
        // rules reply-tier-a, reply (cause not yet known or own plant)
        "reply, A, false, ownPlant, sampleReceived, 3, calendarDays, 4, calendarDays,"
            + " sales-management",
        "reply, B, false, null, sampleReceived, 3, calendarDays, 5, calendarDays, sales-management",
        "reply, C, false, '', sampleReceived, 3, calendarDays, 5, calendarDays, sales-management",
        "reply, C, null, ownPlant, sampleReceived, 3, calendarDays, 5, calendarDays,"
            + " sales-management",
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
  void tierADoesNotChangeTheDueDateOnlyTheSecondLevel() {
    for (String step : new String[] {"confirm", "analysis", "containment", "correction", "reply"}) {
      Map<String, Object> a = evaluate(step, "A", false, null).getSingleResult().getEntryMap();
      Map<String, Object> c = evaluate(step, "C", false, null).getSingleResult().getEntryMap();
      assertThat(a.get("dueAmount")).as(step).isEqualTo(c.get("dueAmount"));
      assertThat((Integer) a.get("secondLevelAmount"))
          .as(step)
          .isLessThan((Integer) c.get("secondLevelAmount"));
    }
  }

  @ParameterizedTest(name = "unknown step ''{0}'' gives no result")
  @ValueSource(strings = {"unknown-step", "Confirm", "environmental"})
  @NullAndEmptySource
  void unknownStepGivesNoResult(String step) {
    assertThat(evaluate(step, "A", true, "supplier")).isEmpty();
  }
}
