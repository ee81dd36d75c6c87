package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes the customer's survey; its answer link stops working. */
@Component("closeSurvey")
public class CloseSurveyDelegate implements JavaDelegate {

  private final SurveyRepository surveys;
  private final Clock clock;

  public CloseSurveyDelegate(SurveyRepository surveys, Clock clock) {
    this.surveys = surveys;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = SURVEY_NUMBER.get(execution);
    surveys.expireToken(number, clock.instant());
    surveys.close(number, clock.instant());
  }
}
