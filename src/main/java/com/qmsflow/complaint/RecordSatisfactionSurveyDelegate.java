package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.variable.Variable;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Step 20: keeps the survey per aspect, so reports show the distribution per tier and aspect. */
@Component("recordSatisfactionSurvey")
public class RecordSatisfactionSurveyDelegate implements JavaDelegate {

  private final SatisfactionSurveyRepository surveys;
  private final Clock clock;

  public RecordSatisfactionSurveyDelegate(SatisfactionSurveyRepository surveys, Clock clock) {
    this.clock = clock;
    this.surveys = surveys;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = clock.instant();
    for (Variable<Number> scoreVariable : SATISFACTION_SCORES) {
      Number score = scoreVariable.get(execution);
      surveys.recordOnce(
          COMPLAINT_NUMBER_VAR.get(execution),
          CUSTOMER_CODE.get(execution),
          TIER_VAR.get(execution),
          aspect(scoreVariable),
          score.intValue(),
          now);
    }
  }
}
