package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.variable.Variable;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Opens a review round [002 §4.2 B]: the distinct reviewer groups the change-reviewers decision
 * returned become {@code reviewerGroups} and one flag per reviewer (which the inclusive gateway
 * splits on), the reviewers may read the change from now on, and the verdicts of an earlier round
 * are cleared.
 */
@Component("openChangeReviewRound")
public class OpenChangeReviewRoundDelegate implements JavaDelegate {

  static final List<Variable<String>> REVIEW_VARIABLES =
      List.of(
          ENGINEERING_VERDICT,
          ENGINEERING_COMMENTS,
          PRODUCTION_VERDICT,
          PRODUCTION_COMMENTS,
          MATERIAL_VERDICT,
          MATERIAL_COMMENTS);

  private final ChangeRequestRepository register;
  private final ChangeAccess access;

  public OpenChangeReviewRoundDelegate(ChangeRequestRepository register, ChangeAccess access) {
    this.register = register;
    this.access = access;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReviewerSelection reviewers = ReviewerSelection.of(REVIEWER_DECISION.raw(execution));
    if (reviewers.isEmpty()) {
      throw new IllegalStateException(
          "Decision change-reviewers named no reviewer for "
              + CHANGE_NUMBER_VAR.raw(execution)
              + ": add a rule for its change type and aspects");
    }
    int round = REVIEW_ROUND.get(execution).intValue() + 1;
    REVIEW_ROUND.set(execution, round);
    REVIEWER_GROUPS.set(execution, reviewers.joined());
    ENGINEERING_REVIEW_NEEDED.set(execution, reviewers.engineeringReviews());
    PRODUCTION_REVIEW_NEEDED.set(execution, reviewers.productionReviews());
    MATERIAL_REVIEW_NEEDED.set(execution, reviewers.materialControlReviews());
    REVIEW_VARIABLES.forEach(variable -> variable.set(execution, null));
    register.startReviewRound(CHANGE_NUMBER_VAR.get(execution), round);
    access.grant(execution.getProcessInstanceId(), reviewers.groups());
  }
}
