package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests the shipped decisions/change-reviewers.dmn (hit policy COLLECT): one case per rule, then
 * combinations.
 */
class ChangeReviewersTest {

  private static final List<String> ASPECTS =
      List.of("man", "machine", "material", "method", "measurement", "environment");

  private static ShippedDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    decision = ShippedDecision.parse("change-reviewers");
  }

  /** The reviewer groups of all matching rows, in row order, with duplicates. */
  private static List<String> reviewers(String changeType, String... aspects) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("changeType", changeType);
    for (String aspect : ASPECTS) {
      variables.put(
          "touches" + Character.toUpperCase(aspect.charAt(0)) + aspect.substring(1),
          List.of(aspects).contains(aspect));
    }
    return decision.evaluate(variables).collectEntries("reviewerGroup");
  }

  @ParameterizedTest(name = "[{index}] {0} touching {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        // rule engineering-process-change (with man, which adds production)
        "engineering-process; man; engineering,production",
        // rules machine-engineering + machine-production
        "company-competitive; machine; engineering,production",
        // rules material-engineering + material-material-control
        "company-competitive; material; engineering,material-control",
        // rules method-engineering + method-production
        "company-competitive; method; engineering,production",
        // rule measurement-engineering
        "company-competitive; measurement; engineering",
        // rule man-production
        "company-competitive; man; production",
        // rule environment-production
        "company-competitive; environment; production",
        // rule cost-optimisation-material-control (with man: production)
        "customer-cost-optimisation; man; material-control,production",
        // rule no-aspect-engineering
        "company-competitive; ; engineering",
        "customer-cost-optimisation; ; engineering,material-control",
      })
  void eachRule(String changeType, String aspects, String expected) {
    String[] touched = aspects == null ? new String[0] : aspects.split(",");
    assertThat(new TreeSet<>(reviewers(changeType, touched)))
        .containsExactlyElementsOf(new TreeSet<>(List.of(expected.split(","))));
  }

  @Test
  void everyCombinationOfTypeAndAspectsHasAtLeastOneReviewer() {
    for (String type :
        List.of("customer-cost-optimisation", "company-competitive", "engineering-process")) {
      for (int mask = 0; mask < 64; mask++) {
        List<String> touched = new java.util.ArrayList<>();
        for (int i = 0; i < ASPECTS.size(); i++) {
          if ((mask & (1 << i)) != 0) {
            touched.add(ASPECTS.get(i));
          }
        }
        assertThat(reviewers(type, touched.toArray(String[]::new)))
            .as("%s %s", type, touched)
            .isNotEmpty()
            .allSatisfy(g -> assertThat(g).isIn("engineering", "production", "material-control"));
      }
    }
  }

  @Test
  void allThreeReviewWhenMaterialAndTheLineChange() {
    assertThat(new TreeSet<>(reviewers("company-competitive", "material", "man")))
        .containsExactly("engineering", "material-control", "production");
  }
}
