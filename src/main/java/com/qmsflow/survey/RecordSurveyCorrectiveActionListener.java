package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When the survey's 8D report has closed: the survey keeps its number (the 8D's problem title and
 * its variable {@code surveyNumber} name the survey the other way). Setting it again changes
 * nothing.
 */
@Component("recordSurveyCorrectiveAction")
public class RecordSurveyCorrectiveActionListener implements ExecutionListener {

  private final SurveyRepository surveys;

  public RecordSurveyCorrectiveActionListener(SurveyRepository surveys) {
    this.surveys = surveys;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String eightD = EIGHT_D_NUMBER.get(execution);
    if (eightD != null) {
      surveys.linkCorrectiveAction(SURVEY_NUMBER.get(execution), eightD);
    }
  }
}
