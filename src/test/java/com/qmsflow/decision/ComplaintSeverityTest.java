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

/** Tests the shipped decisions/complaint-severity.dmn (PROCEDURE step 9, 001 part 7 §5.3(4)). */
class ComplaintSeverityTest {

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("complaint-severity");
  }

  private static Map<String, Object> evaluate(
      Boolean safetyRelated,
      Boolean batchWide,
      Double defectiveShare,
      Integer repeatComplaints,
      String tier,
      Boolean urgent) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("safetyRelated", safetyRelated);
    variables.put("batchWide", batchWide);
    variables.put("defectiveShare", defectiveShare);
    variables.put("repeatComplaints", repeatComplaints);
    variables.put("tier", tier);
    variables.put("urgent", urgent);
    DmnDecisionResult result = decision.evaluate(variables);
    assertThat(result).as("FIRST hit policy returns exactly one result").hasSize(1);
    return result.getSingleResult().getEntryMap();
  }

  @ParameterizedTest(name = "[{index}] {6}: {7}")
  @CsvSource({
    // safety, batch, share, repeats, tier, urgent, severity, reason
    // rule safety-related-rule (wins over everything, even for a C customer with nothing else)
    "true,  false, 0.0,    0, C, false, serious, The defect affects product safety.",
    // rule batch-wide-rule
    "false, true,  0.0,    0, C, false, serious, The defect affects the whole batch.",
    // rule defective-share-rule, boundary 0.05
    "false, false, 0.05,   0, C, false, serious, At least 5% of the purchased quantity is"
        + " defective.",
    "false, false, 0.5,    0, B, false, serious, At least 5% of the purchased quantity is"
        + " defective.",
    // rule repeat-complaints-rule, boundary 2
    "false, false, 0.0,    2, C, false, serious, The customer has reported the same defect at least"
        + " twice before in the last 12 months.",
    // rule tier-a-urgent-rule
    "false, false, 0.0,    0, A, true,  serious, An A-tier customer marked the complaint as"
        + " urgent.",
    // rule tier-a-defective-share-rule, boundary 0.02
    "false, false, 0.02,   0, A, false, serious, At least 2% of the quantity an A-tier customer"
        + " purchased is defective.",
    // rule minor-rule
    "false, false, 0.0,    0, C, false, minor,   No criterion for a serious complaint applies.",
    // boundaries that stay minor
    "false, false, 0.0499, 0, C, false, minor,   No criterion for a serious complaint applies.",
    "false, false, 0.0499, 1, B, true,  minor,   No criterion for a serious complaint applies.",
    "false, false, 0.0199, 1, A, false, minor,   No criterion for a serious complaint applies.",
    "false, false, 0.04,   0, B, false, minor,   No criterion for a serious complaint applies.",
  })
  void eachRule(
      boolean safetyRelated,
      boolean batchWide,
      double defectiveShare,
      int repeatComplaints,
      String tier,
      boolean urgent,
      String severity,
      String reason) {
    assertThat(evaluate(safetyRelated, batchWide, defectiveShare, repeatComplaints, tier, urgent))
        .containsEntry("severity", severity)
        .containsEntry("severityReason", reason);
  }

  @Test
  void safetyRuleWinsOverAllOtherSeriousRules() {
    assertThat(evaluate(true, true, 0.9, 5, "A", true))
        .containsEntry("severity", "serious")
        .containsEntry("severityReason", "The defect affects product safety.");
  }

  @Test
  void batchRuleWinsOverQuantityRepeatAndTierRules() {
    assertThat(evaluate(false, true, 0.9, 5, "A", true))
        .containsEntry("severityReason", "The defect affects the whole batch.");
  }

  @Test
  void shareRuleWinsOverRepeatRule() {
    assertThat(evaluate(false, false, 0.05, 3, "A", true))
        .containsEntry("severityReason", "At least 5% of the purchased quantity is defective.");
  }

  @Test
  void missingValuesDoNotFailAndFallThroughToMinor() {
    assertThat(evaluate(null, null, null, null, null, null)).containsEntry("severity", "minor");
  }
}
