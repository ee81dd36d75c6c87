package com.qmsflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The low-score rule (002 §4.5.3): the shipped decision survey-low-score-threshold makes 1 and 2
 * low for every aspect and tier, 3 not; an aspect at its threshold is low; the paper answer's
 * further aspects are parsed or refused by line.
 */
class LowScoreRuleTest {

  private static final DmnEngine DMN =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private static int threshold(String aspect, String tier) throws Exception {
    try (var in = new java.io.FileInputStream("decisions/survey-low-score-threshold.dmn")) {
      DmnDecision decision = DMN.parseDecision("survey-low-score-threshold", in);
      return ((Number)
              DMN.evaluateDecisionTable(
                      decision,
                      Variables.createVariables().putValue("aspect", aspect).putValue("tier", tier))
                  .getSingleResult()
                  .getEntry("threshold"))
          .intValue();
    }
  }

  @ParameterizedTest(name = "{0}, tier {1}: low at or below {2}")
  @CsvSource({
    "quality, A, 2",
    "delivery, B, 2",
    "service, C, 2",
    "responsiveness, , 2",
    "packaging, A, 2"
  })
  void shippedThresholdIsTwoForEveryAspectAndTier(String aspect, String tier, int expected)
      throws Exception {
    assertThat(threshold(aspect, tier)).isEqualTo(expected);
  }

  @Test
  void aspectsAtOrBelowTheirThresholdAreLow() {
    Map<String, SurveyAspects.Answer> answers = new LinkedHashMap<>();
    answers.put("quality", new SurveyAspects.Answer(2, null));
    answers.put("delivery", new SurveyAspects.Answer(3, null));
    answers.put("service", new SurveyAspects.Answer(1, "slow"));
    answers.put("packaging", new SurveyAspects.Answer(3, null));
    assertThat(LowScoreRule.lowAspects(answers, aspect -> 2)).containsExactly("quality", "service");
    assertThat(LowScoreRule.lowAspects(answers, aspect -> aspect.equals("packaging") ? 3 : 2))
        .containsExactly("quality", "service", "packaging");
    assertThat(LowScoreRule.lowAspects(answers, aspect -> 0)).isEmpty();
  }

  @Test
  void furtherAspectsOfAPaperAnswerAreReadLineByLine() {
    var ok =
        SurveyAspects.parseOtherScores(
            "packaging=4 well packed\n\ntraining = 2", List.of("packaging", "training"));
    assertThat(ok.ok()).isTrue();
    assertThat(ok.value().get("packaging")).isEqualTo(new SurveyAspects.Answer(4, "well packed"));
    assertThat(ok.value().get("training")).isEqualTo(new SurveyAspects.Answer(2, null));
    assertThat(SurveyAspects.parseOtherScores("packaging=6", List.of("packaging")).error())
        .isEqualTo("packaging=6");
    assertThat(SurveyAspects.parseOtherScores("other=3", List.of("packaging")).error())
        .isEqualTo("other=3");
    assertThat(SurveyAspects.parseOtherScores("", List.of("packaging")).error())
        .isEqualTo("packaging=?");
    assertThat(SurveyAspects.parseExtra("Packaging!").ok()).isFalse();
    assertThat(SurveyAspects.parseExtra("packaging, quality, technical-support").value())
        .containsExactly("packaging", "technical-support");
  }
}
