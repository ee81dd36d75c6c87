package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.Review;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After all reviewers of the round answered: {@code reviewOutcome} is NG when any of them said NG
 * (the request then returns to its author [002 §7.2]), and {@code reviewComments} holds every
 * reviewer's verdict and comments for the author.
 */
@Component("collectChangeReviews")
public class CollectChangeReviewsDelegate implements JavaDelegate {

  private final ChangeRequestRepository register;

  public CollectChangeReviewsDelegate(ChangeRequestRepository register) {
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = CHANGE_NUMBER_VAR.get(execution);
    int round = REVIEW_ROUND.get(execution).intValue();
    List<Review> reviews = register.reviews(number, round);
    if (reviews.isEmpty()) {
      throw new IllegalStateException("No review recorded for " + number + " in round " + round);
    }
    ReviewSummary summary = ReviewSummary.of(reviews);
    REVIEW_OUTCOME.set(execution, summary.outcome());
    REVIEW_COMMENTS.set(execution, summary.comments());
    if (summary.returnsToAuthor()) {
      register.state(number, ChangeState.RETURNED);
    }
  }
}
