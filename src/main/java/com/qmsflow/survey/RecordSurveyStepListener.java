package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Keeps what a survey task decided in the survey's row of {@code customer_survey}, in the task's
 * transaction (the records plugin keeps every submitted field besides): how the questionnaire went
 * out, the on-site visit, quality management's decision on low scores and the improvement done.
 */
@Component("recordSurveyStep")
public class RecordSurveyStepListener implements TaskListener {

  private final SurveyRepository surveys;
  private final Clock clock;

  public RecordSurveyStepListener(SurveyRepository surveys, Clock clock) {
    this.surveys = surveys;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String survey = SURVEY_NUMBER.get(task);
    Instant now = clock.instant();
    String by = user(task);
    switch (task.getTaskDefinitionKey()) {
      case "userTaskSendQuestionnaire" -> {
        if (CHANNEL_PAPER.equals(SURVEY_CHANNEL.get(task))) {
          surveys.markPaper(survey, by, now);
        }
      }
      case "userTaskRecordOnSiteVisit" ->
          surveys.recordVisit(
              survey,
              LocalDate.parse(VISIT_DATE.get(task).substring(0, 10)),
              VISIT_PARTICIPANTS.get(task),
              VISIT_NOTES.get(task),
              by);
      case "userTaskDecideOnLowScores" -> {
        if (KIND_CORRECTIVE_ACTION.equals(IMPROVEMENT_KIND.get(task))) {
          String title =
              "Satisfaction survey "
                  + survey
                  + " ("
                  + CUSTOMER_NAME.get(task)
                  + "): low scores in "
                  + LOW_ASPECTS.get(task);
          CORRECTIVE_ACTION_TITLE.set(task, title.length() > 200 ? title.substring(0, 200) : title);
        }
        surveys.recordDecision(
            survey,
            IMPROVEMENT_KIND.get(task),
            KIND_IMPROVEMENT.equals(IMPROVEMENT_KIND.get(task))
                ? RESPONSIBLE_DEPARTMENT.get(task)
                : "quality",
            IMPROVEMENT_REQUEST.get(task),
            by,
            now);
      }
      case "userTaskImproveLowScores" ->
          surveys.recordImprovement(survey, IMPROVEMENT_ACTIONS.get(task), by, now);
      default -> {
        // the follow-up's answer is recorded by recordSurveyAnswers
      }
    }
  }

  private static String user(DelegateTask task) {
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null ? current.getUserId() : task.getAssignee();
  }
}
