package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.identity.Groups;
import com.qmsflow.variable.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<String> reviewers = reviewerGroups(REVIEWER_DECISION.raw(execution));
    if (reviewers.isEmpty()) {
      throw new IllegalStateException(
          "Decision change-reviewers named no reviewer for "
              + CHANGE_NUMBER_VAR.raw(execution)
              + ": add a rule for its change type and aspects");
    }
    int round = REVIEW_ROUND.get(execution).intValue() + 1;
    REVIEW_ROUND.set(execution, round);
    REVIEWER_GROUPS.set(execution, String.join(",", reviewers));
    ENGINEERING_REVIEW_NEEDED.set(execution, reviewers.contains(Groups.ENGINEERING));
    PRODUCTION_REVIEW_NEEDED.set(execution, reviewers.contains(Groups.PRODUCTION));
    MATERIAL_REVIEW_NEEDED.set(execution, reviewers.contains(Groups.MATERIAL_CONTROL));
    REVIEW_VARIABLES.forEach(variable -> variable.set(execution, null));
    register.startReviewRound(CHANGE_NUMBER_VAR.get(execution), round);
    access.grant(execution.getProcessInstanceId(), reviewers);
  }

  /**
   * The groups of a collect-entries result ({@code ["engineering", "production", "engineering"]}),
   * distinct, in order.
   */
  static List<String> reviewerGroups(Object decisionResult) {
    Set<String> groups = new LinkedHashSet<>();
    if (decisionResult instanceof Collection<?> entries) {
      for (Object entry : entries) {
        Object group = entry instanceof Map<?, ?> m ? m.get("reviewerGroup") : entry;
        if (group != null && !group.toString().isBlank()) {
          groups.add(group.toString());
        }
      }
    }
    return new ArrayList<>(groups);
  }
}
