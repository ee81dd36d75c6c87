package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.Review;
import com.qmsflow.identity.Groups;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * When a reviewer completes a review task, its OK/NG and comments go into the register's reviews.
 */
@Component("recordChangeReview")
public class RecordChangeReviewListener implements TaskListener {

  /** Review task -> reviewing group, verdict variable, comments variable. */
  static final Map<String, String[]> REVIEWS =
      Map.of(
          "userTaskEngineeringReview",
              new String[] {Groups.ENGINEERING, ENGINEERING_VERDICT, ENGINEERING_COMMENTS},
          "userTaskProductionReview",
              new String[] {Groups.PRODUCTION, PRODUCTION_VERDICT, PRODUCTION_COMMENTS},
          "userTaskMaterialReview",
              new String[] {Groups.MATERIAL_CONTROL, MATERIAL_VERDICT, MATERIAL_COMMENTS});

  private final ChangeRequestRepository register;
  private final Clock clock;

  public RecordChangeReviewListener(ChangeRequestRepository register, Clock clock) {
    this.register = register;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String[] review = REVIEWS.get(task.getTaskDefinitionKey());
    if (review == null) {
      throw new IllegalStateException(
          "recordChangeReview is attached to "
              + task.getTaskDefinitionKey()
              + ", not a review task");
    }
    int round = ((Number) task.getVariable(REVIEW_ROUND)).intValue();
    register.recordReview(
        (String) task.getVariable(CHANGE_NUMBER),
        new Review(
            round,
            review[0],
            (String) task.getVariable(review[1]),
            ChangeValues.text(task.getVariable(review[2])),
            completedBy(task),
            clock.instant()));
  }

  static String completedBy(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }
}
