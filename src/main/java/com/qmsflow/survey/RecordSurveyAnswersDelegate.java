package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Keeps the answers of a paper or visit answer (or of the follow-up of an unanswered survey) per
 * aspect in {@code satisfaction_survey}; an answer from the answer page is there already. Then
 * finds the aspects at or below their threshold (002 §4.5.3) and sets {@code lowAspects} ("" when
 * none). A re-run records nothing twice.
 */
@Component("recordSurveyAnswers")
public class RecordSurveyAnswersDelegate implements JavaDelegate {

  private final SurveyRepository surveys;
  private final SurveyThresholds thresholds;
  private final Clock clock;

  public RecordSurveyAnswersDelegate(
      SurveyRepository surveys, SurveyThresholds thresholds, Clock clock) {
    this.surveys = surveys;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SurveyRepository.Survey survey = surveys.find(SURVEY_NUMBER.get(execution)).orElseThrow();
    boolean declined = OUTCOME_DECLINED.equals(FOLLOW_UP_OUTCOME.get(execution));
    if (survey.answeredAt() == null && !declined) {
      surveys.recordAnswers(
          survey,
          formAnswers(execution, SurveyAspects.split(survey.aspects())),
          via(execution),
          clock.instant());
    }
    if (declined) {
      surveys.markDeclined(survey.surveyNumber(), clock.instant());
    }
    List<String> low =
        LowScoreRule.lowAspects(
            surveys.answers(survey.surveyNumber()),
            aspect -> thresholds.threshold(aspect, survey.tier()));
    String lowAspects = String.join(",", low);
    surveys.recordLowAspects(survey.surveyNumber(), lowAspects);
    LOW_ASPECTS.set(execution, lowAspects);
  }

  private static String via(DelegateExecution execution) {
    return FOLLOW_UP_OUTCOME.get(execution) != null ? "FOLLOW_UP" : "PAPER";
  }

  /** The scores of the form: the standard aspects' fields and the extra aspects' lines. */
  static Map<String, SurveyAspects.Answer> formAnswers(
      DelegateExecution execution, List<String> aspects) {
    Map<String, SurveyAspects.Answer> answers = new LinkedHashMap<>();
    for (String aspect : aspects) {
      if (SurveyAspects.STANDARD.contains(aspect)) {
        Object score = execution.getVariable(scoreField(aspect));
        Object comment = execution.getVariable(commentField(aspect));
        if (score instanceof Number n) {
          answers.put(
              aspect,
              new SurveyAspects.Answer(
                  n.intValue(),
                  comment == null || comment.toString().isBlank() ? null : comment.toString()));
        }
      }
    }
    List<String> extra = aspects.stream().filter(a -> !SurveyAspects.STANDARD.contains(a)).toList();
    var other = SurveyAspects.parseOtherScores(OTHER_SCORES.get(execution), extra);
    if (other.ok()) {
      answers.putAll(other.value());
    }
    return answers;
  }
}
