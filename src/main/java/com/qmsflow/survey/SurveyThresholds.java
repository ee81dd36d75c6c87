package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.THRESHOLD_DECISION;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The low-score threshold of an aspect for a tier, from the decision {@code
 * survey-low-score-threshold}. Like the deadline tables it is the process's configuration, so it is
 * evaluated without the current user's authorizations.
 */
@Service
public class SurveyThresholds {

  private final DecisionService decisions;

  public SurveyThresholds(@Lazy DecisionService decisions) {
    this.decisions = decisions;
  }

  public int threshold(String aspect, String tier) {
    var input = Variables.createVariables().putValue("aspect", aspect).putValue("tier", tier);
    CommandContext context = Context.getCommandContext();
    var result =
        context == null
            ? decisions.evaluateDecisionByKey(THRESHOLD_DECISION).variables(input).evaluate()
            : context.runWithoutAuthorization(
                () ->
                    decisions
                        .evaluateDecisionByKey(THRESHOLD_DECISION)
                        .variables(input)
                        .evaluate());
    if (result.getFirstResult() == null) {
      throw new IllegalStateException(
          "Decision " + THRESHOLD_DECISION + " has no threshold for aspect '" + aspect + "'");
    }
    return ((Number) result.getFirstResult().getEntry("threshold")).intValue();
  }
}
