package com.qmsflow.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * 002 §4.5.3: an aspect scored at or below its threshold is a weak point that becomes an
 * improvement or a corrective action. The thresholds come from the decision {@code
 * survey-low-score-threshold} (2 by default), which process owners change in DMN.
 */
public final class LowScoreRule {

  private LowScoreRule() {}

  /** The aspects at or below their threshold, in the order of the answers. */
  public static List<String> lowAspects(
      Map<String, SurveyAspects.Answer> answers, ToIntFunction<String> threshold) {
    List<String> low = new ArrayList<>();
    answers.forEach(
        (aspect, answer) -> {
          if (answer.score() <= threshold.applyAsInt(aspect)) {
            low.add(aspect);
          }
        });
    return low;
  }
}
