package com.qmsflow.survey;

import static com.qmsflow.variable.Variable.numberVariable;
import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;

/**
 * Process key, decisions, message and the process variables of {@code
 * customer-satisfaction-survey}, each variable declared once with its type. The answers themselves
 * live in {@code satisfaction_survey} and {@code customer_survey}; the variables carry only what
 * the process routes on and what its forms show.
 */
public final class SurveyVariables {

  public static final String PROCESS_KEY = "customer-satisfaction-survey";
  public static final String DEADLINE_DECISION = "survey-deadlines";
  public static final String THRESHOLD_DECISION = "survey-low-score-threshold";

  /** Message that starts one customer's survey; the answer page's message ends its waiting. */
  public static final String SURVEY_REQUESTED_MESSAGE = "messageCustomerSurveyRequested";

  public static final String ANSWER_RECEIVED_MESSAGE = "messageSurveyAnswerReceived";

  // the campaign (plan-survey-campaign)
  public static final Variable<String> CAMPAIGN_NUMBER = stringVariable("campaignNumber");
  public static final Variable<Number> CAMPAIGN_YEAR = numberVariable("campaignYear");
  public static final Variable<String> QUESTIONNAIRE_VERSION =
      stringVariable("questionnaireVersion");
  public static final Variable<String> EXTRA_ASPECTS = stringVariable("extraAspects");
  public static final Variable<String> CAMPAIGN_START_DATE = stringVariable("campaignStartDate");
  public static final Variable<String> CUSTOMER_SELECTION = stringVariable("customerSelection");
  public static final Variable<String> LISTED_CUSTOMERS = stringVariable("listedCustomers");
  public static final Variable<Number> CUSTOMER_COUNT = numberVariable("customerCount");
  public static final Variable<Number> LOOP_COUNTER = numberVariable("loopCounter");

  // one customer's survey
  public static final Variable<String> SURVEY_NUMBER = stringVariable("surveyNumber");
  public static final Variable<String> CUSTOMER_CODE = stringVariable("customerCode");
  public static final Variable<String> CUSTOMER_NAME = stringVariable("customerName");
  public static final Variable<String> TIER = stringVariable("tier");
  public static final Variable<String> SALES_REP = stringVariable("salesRep");
  public static final Variable<String> ASPECTS = stringVariable("aspects");
  public static final Variable<Number> TASK_PRIORITY = numberVariable("taskPriority");

  // sending: by mail with an answer link, or answered on paper / at a visit
  public static final Variable<String> SURVEY_CHANNEL = stringVariable("surveyChannel");
  public static final Variable<String> CONTACT_EMAIL = stringVariable("contactEmail");
  public static final Variable<String> OTHER_SCORES = stringVariable("otherScores");

  // follow-up of an unanswered survey
  public static final Variable<String> FOLLOW_UP_OUTCOME = stringVariable("followUpOutcome");

  // the on-site visit
  public static final Variable<String> VISIT_DATE = stringVariable("visitDate");
  public static final Variable<String> VISIT_PARTICIPANTS = stringVariable("visitParticipants");
  public static final Variable<String> VISIT_NOTES = stringVariable("visitNotes");

  // low scores
  public static final Variable<String> LOW_ASPECTS = stringVariable("lowAspects");
  public static final Variable<String> IMPROVEMENT_KIND = stringVariable("improvementKind");
  public static final Variable<String> RESPONSIBLE_DEPARTMENT =
      stringVariable("responsibleDepartment");
  public static final Variable<String> IMPROVEMENT_REQUEST = stringVariable("improvementRequest");
  public static final Variable<String> IMPROVEMENT_ACTIONS = stringVariable("improvementActions");
  public static final Variable<String> CORRECTIVE_ACTION_TITLE =
      stringVariable("correctiveActionTitle");
  public static final Variable<String> EIGHT_D_NUMBER = stringVariable("eightDNumber");

  public static final String CHANNEL_MAIL = "mail";
  public static final String CHANNEL_PAPER = "paper";
  public static final String KIND_IMPROVEMENT = "improvement";
  public static final String KIND_CORRECTIVE_ACTION = "corrective-action";
  public static final String OUTCOME_ANSWERED = "answered";
  public static final String OUTCOME_DECLINED = "declined";

  /** Priority of survey tasks when the customer has no tier (as the 8D's internal priority). */
  public static final int DEFAULT_PRIORITY = 40;

  private SurveyVariables() {}

  /** The form field of an aspect's score, e.g. {@code scoreQuality}. */
  public static String scoreField(String aspect) {
    return "score" + Character.toUpperCase(aspect.charAt(0)) + aspect.substring(1);
  }

  /** The form field of an aspect's comment, e.g. {@code commentQuality}. */
  public static String commentField(String aspect) {
    return "comment" + Character.toUpperCase(aspect.charAt(0)) + aspect.substring(1);
  }
}
