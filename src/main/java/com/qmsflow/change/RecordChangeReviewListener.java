package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.Review;
import com.qmsflow.identity.Groups;
import com.qmsflow.variable.Variable;
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

  /** A review task's reviewing group and its verdict and comments variables. */
  record ReviewTask(String group, Variable<String> verdict, Variable<String> comments) {}

  /** Review task -> reviewing group, verdict variable, comments variable. */
  static final Map<String, ReviewTask> REVIEWS =
      Map.of(
          ENGINEERING_REVIEW_TASK,
              new ReviewTask(Groups.ENGINEERING, ENGINEERING_VERDICT, ENGINEERING_COMMENTS),
          PRODUCTION_REVIEW_TASK,
              new ReviewTask(Groups.PRODUCTION, PRODUCTION_VERDICT, PRODUCTION_COMMENTS),
          MATERIAL_REVIEW_TASK,
              new ReviewTask(Groups.MATERIAL_CONTROL, MATERIAL_VERDICT, MATERIAL_COMMENTS));

  private final ChangeRequestRepository register;
  private final Clock clock;

  public RecordChangeReviewListener(ChangeRequestRepository register, Clock clock) {
    this.register = register;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    ReviewTask review = REVIEWS.get(task.getTaskDefinitionKey());
    if (review == null) {
      throw new IllegalStateException(
          "recordChangeReview is attached to "
              + task.getTaskDefinitionKey()
              + ", not a review task");
    }
    int round = REVIEW_ROUND.get(task).intValue();
    register.recordReview(
        CHANGE_NUMBER_VAR.get(task),
        new Review(
            round,
            review.group(),
            review.verdict().get(task),
            ChangeValues.text(review.comments().raw(task)),
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
