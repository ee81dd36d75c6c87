package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import com.qmsflow.customer.CustomerRepository;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * One instance of the multi-instance step per customer of the campaign (its own job, retried on its
 * own): starts that customer's survey through the message start event, with the survey number as
 * business key. A re-run finds the survey's instance and starts none.
 */
@Component("startCustomerSurvey")
public class StartCustomerSurveyDelegate implements JavaDelegate {

  /** Task priority per tier, as the complaint's (A customers first, 002 §4.6.2). */
  private static final Map<String, Integer> PRIORITY = Map.of("A", 80, "B", 60, "C", 40);

  private final SurveyRepository surveys;
  private final CustomerRepository customers;

  public StartCustomerSurveyDelegate(SurveyRepository surveys, CustomerRepository customers) {
    this.surveys = surveys;
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int position = LOOP_COUNTER.get(execution).intValue() + 1;
    SurveyRepository.Survey survey =
        surveys
            .findAt(CAMPAIGN_NUMBER.get(execution), position)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No survey at position "
                            + position
                            + " of "
                            + CAMPAIGN_NUMBER.get(execution)));
    if (survey.processInstanceId() != null) {
      return;
    }
    Map<String, Object> variables = Variables.createVariables();
    CAMPAIGN_NUMBER.put(variables, survey.campaignNumber());
    SURVEY_NUMBER.put(variables, survey.surveyNumber());
    CUSTOMER_CODE.put(variables, survey.customerCode());
    CUSTOMER_NAME.put(variables, survey.customerName());
    TIER.put(variables, survey.tier());
    SALES_REP.put(variables, survey.salesRep());
    ASPECTS.put(variables, survey.aspects());
    QUESTIONNAIRE_VERSION.put(variables, survey.questionnaireVersion());
    CONTACT_EMAIL.put(
        variables,
        customers
            .mailContact(survey.customerCode(), null)
            .map(CustomerRepository.MailContact::email)
            .orElse(null));
    TASK_PRIORITY.put(
        variables, PRIORITY.getOrDefault(String.valueOf(survey.tier()), DEFAULT_PRIORITY));
    ProcessInstance started =
        execution
            .getProcessEngineServices()
            .getRuntimeService()
            .createMessageCorrelation(SURVEY_REQUESTED_MESSAGE)
            .processInstanceBusinessKey(survey.surveyNumber())
            .setVariables(variables)
            .correlateStartMessage();
    surveys.setProcessInstance(survey.surveyNumber(), started.getId());
  }
}
