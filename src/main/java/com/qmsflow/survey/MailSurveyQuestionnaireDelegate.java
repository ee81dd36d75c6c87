package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Mails the questionnaire with its answer link to the address the sales rep chose (after an async
 * continuation: the outbox delivers it; a retried job mails nothing twice).
 */
@Component("mailSurveyQuestionnaire")
public class MailSurveyQuestionnaireDelegate implements JavaDelegate {

  private final SurveyRepository surveys;
  private final SurveyMails mails;
  private final Clock clock;

  public MailSurveyQuestionnaireDelegate(SurveyRepository surveys, SurveyMails mails, Clock clock) {
    this.surveys = surveys;
    this.mails = mails;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SurveyRepository.Survey survey = surveys.find(SURVEY_NUMBER.get(execution)).orElseThrow();
    mails.sendQuestionnaire(
        survey, CONTACT_EMAIL.get(execution), SALES_REP.get(execution), clock.instant());
  }
}
