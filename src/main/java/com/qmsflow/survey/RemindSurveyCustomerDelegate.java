package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminds a customer who has not answered by the reminder date (survey-deadlines). */
@Component("remindSurveyCustomer")
public class RemindSurveyCustomerDelegate implements JavaDelegate {

  private final SurveyRepository surveys;
  private final SurveyMails mails;
  private final Clock clock;

  public RemindSurveyCustomerDelegate(SurveyRepository surveys, SurveyMails mails, Clock clock) {
    this.surveys = surveys;
    this.mails = mails;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    surveys
        .find(SURVEY_NUMBER.get(execution))
        .ifPresent(survey -> mails.remind(survey, clock.instant()));
  }
}
