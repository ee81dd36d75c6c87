package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.forms.FormRule.Submission;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The survey forms' rules beyond their schemas: the fields a choice makes required (scores on
 * paper, the address by mail, the department of an improvement, the listed customers), scores 1-5,
 * the further aspects' lines, an existing active customer for each listed code, no visit in the
 * future.
 */
@Configuration(proxyBeanMethods = false)
public class SurveyFormRules {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @Bean
  FormRule planSurveyCampaignRule(SurveyRepository surveys) {
    return FormRule.of(
        "plan-survey-campaign",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          var extra = SurveyAspects.parseExtra(s.text(EXTRA_ASPECTS));
          if (!extra.ok()) {
            errors.add(
                new FieldError(
                    EXTRA_ASPECTS.name(),
                    "Further aspects (extraAspects): \""
                        + extra.error()
                        + "\" is not an aspect name (lower-case words joined by '-', at most 10"
                        + " aspects) (其他调查项目格式不正确)"));
          }
          if ("listed".equals(s.text(CUSTOMER_SELECTION))) {
            List<String> codes = OpenSurveyCampaignDelegate.listed(s.text(LISTED_CUSTOMERS));
            if (codes.isEmpty()) {
              errors.add(
                  new FieldError(
                      LISTED_CUSTOMERS.name(),
                      "Customer codes (listedCustomers) are required when listed customers are"
                          + " surveyed (选择“下列客户”时必须填写客户代码)"));
            } else {
              List<String> active =
                  surveys.activeCustomers(codes).stream()
                      .map(SurveyRepository.Surveyed::code)
                      .toList();
              List<String> unknown = codes.stream().filter(c -> !active.contains(c)).toList();
              if (!unknown.isEmpty()) {
                errors.add(
                    new FieldError(
                        LISTED_CUSTOMERS.name(),
                        "Customer codes (listedCustomers) "
                            + String.join(", ", unknown)
                            + " are not active customers of the archive (不是客户档案中的有效客户)"));
              }
            }
          }
          return errors;
        });
  }

  @Bean
  FormRule sendSurveyQuestionnaireRule() {
    return FormRule.of(
        "send-survey-questionnaire",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          if (CHANNEL_MAIL.equals(s.text(SURVEY_CHANNEL))) {
            String email = s.text(CONTACT_EMAIL);
            if (email == null || !EMAIL.matcher(email).matches()) {
              errors.add(
                  new FieldError(
                      CONTACT_EMAIL.name(),
                      "Customer contact's e-mail (contactEmail) must be an e-mail address when"
                          + " the questionnaire is mailed (邮件方式须填写有效的邮箱地址)"));
            }
          } else if (CHANNEL_PAPER.equals(s.text(SURVEY_CHANNEL))) {
            errors.addAll(answers(s));
          }
          return errors;
        });
  }

  @Bean
  FormRule followUpUnansweredSurveyRule() {
    return FormRule.of(
        "follow-up-unanswered-survey",
        s -> OUTCOME_ANSWERED.equals(s.text(FOLLOW_UP_OUTCOME)) ? answers(s) : List.of());
  }

  @Bean
  FormRule recordOnSiteVisitRule(
      Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    return FormRule.of(
        "record-on-site-visit",
        s -> {
          LocalDate visit = s.date(VISIT_DATE);
          LocalDate today = LocalDate.ofInstant(s.submittedAt(), ZoneId.of(zone));
          return visit != null && visit.isAfter(today)
              ? List.of(
                  new FieldError(
                      VISIT_DATE.name(),
                      "Visit date (visitDate) must not be in the future (拜访日期不得晚于今天)"))
              : List.of();
        });
  }

  @Bean
  FormRule decideOnLowScoresRule() {
    return FormRule.of(
        "decide-on-low-scores",
        s ->
            FormRule.requiredWhen(
                s,
                KIND_IMPROVEMENT.equals(s.text(IMPROVEMENT_KIND)),
                RESPONSIBLE_DEPARTMENT,
                "Responsible department (responsibleDepartment) is required for an improvement"
                    + " (部门改进时须选择责任部门)"));
  }

  /** The scores of a paper or follow-up answer: every aspect of the questionnaire, 1-5. */
  static List<FieldError> answers(Submission s) {
    List<FieldError> errors = new ArrayList<>();
    List<String> aspects = SurveyAspects.split(s.text(ASPECTS.name()));
    for (String aspect : SurveyAspects.STANDARD) {
      String field = scoreField(aspect);
      if (SurveyAspects.score(s.text(field) == null ? null : wholeNumber(s, field)).isEmpty()) {
        errors.add(
            new FieldError(
                field, "Score (" + field + ") must be a whole number from 1 to 5 (评分须为1至5的整数)"));
      }
    }
    List<String> extra = aspects.stream().filter(a -> !SurveyAspects.STANDARD.contains(a)).toList();
    var other = SurveyAspects.parseOtherScores(s.text(OTHER_SCORES), extra);
    if (!other.ok()) {
      errors.add(
          new FieldError(
              OTHER_SCORES.name(),
              "Other aspects (otherScores): \""
                  + other.error()
                  + "\" — one line per further aspect ("
                  + String.join(", ", extra)
                  + "), as aspect=score comment, score 1-5 (每个其他项目一行：项目=分数 意见)"));
    }
    return errors;
  }

  private static String wholeNumber(Submission s, String field) {
    Double number = s.number(field);
    return number == null || number != Math.rint(number) ? null : String.valueOf(number.intValue());
  }
}
