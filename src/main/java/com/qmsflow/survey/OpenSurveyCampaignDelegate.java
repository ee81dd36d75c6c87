package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import com.qmsflow.numbering.ReadableNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Opens the campaign sales management planned [002 §4.5.1-§4.5.2]: gives it its number {@code
 * SC-<year>-<2 digits>} as business key and enters one survey per customer (every active customer,
 * or the listed ones) with its own number, tier and sales rep from the archive. A re-run (a retried
 * job) finds the campaign of the instance and enters nothing twice.
 */
@Component("openSurveyCampaign")
public class OpenSurveyCampaignDelegate implements JavaDelegate {

  private final SurveyRepository surveys;
  private final ReadableNumbers numbers;
  private final Clock clock;

  public OpenSurveyCampaignDelegate(
      SurveyRepository surveys, ReadableNumbers numbers, Clock clock) {
    this.surveys = surveys;
    this.numbers = numbers;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String existing = surveys.campaignOfProcess(execution.getProcessInstanceId()).orElse(null);
    if (existing != null) {
      execution.setProcessBusinessKey(existing);
      return;
    }
    Instant now = clock.instant();
    List<SurveyRepository.Surveyed> customers =
        "listed".equals(CUSTOMER_SELECTION.get(execution))
            ? surveys.activeCustomers(listed(LISTED_CUSTOMERS.get(execution)))
            : surveys.activeCustomers();
    String campaign = numbers.next("survey-campaign", "SC", 2);
    List<String> extra = SurveyAspects.parseExtra(EXTRA_ASPECTS.get(execution)).value();
    surveys.insertCampaign(
        campaign,
        execution.getProcessInstanceId(),
        CAMPAIGN_YEAR.get(execution).intValue(),
        QUESTIONNAIRE_VERSION.get(execution).trim(),
        SurveyAspects.join(extra == null ? List.of() : extra),
        LocalDate.parse(CAMPAIGN_START_DATE.get(execution).substring(0, 10)),
        "listed".equals(CUSTOMER_SELECTION.get(execution)) ? "LISTED" : "ALL",
        customers.size(),
        plannedBy(execution),
        now);
    int position = 0;
    for (SurveyRepository.Surveyed customer : customers) {
      surveys.insertSurvey(
          numbers.next("customer-survey", "SV", 5), campaign, customer, ++position, now);
    }
    execution.setProcessBusinessKey(campaign);
    CAMPAIGN_NUMBER.set(execution, campaign);
    CUSTOMER_COUNT.set(execution, customers.size());
  }

  /** Customer codes as typed: separated by commas, blanks or new lines. */
  static List<String> listed(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
  }

  private static String plannedBy(DelegateExecution execution) {
    Authentication current =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }
}
