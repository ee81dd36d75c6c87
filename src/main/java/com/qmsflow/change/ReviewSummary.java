package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.VERDICT_NG;
import static com.qmsflow.change.ChangeVariables.VERDICT_OK;

import com.qmsflow.change.ChangeRequestRepository.Review;
import com.qmsflow.identity.Groups;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of a review round: NG when any reviewer said NG (the request then returns to its
 * author [002 §7.2]), and every reviewer's verdict and comments for the author, one line each.
 */
public record ReviewSummary(String outcome, String comments) {

  public static ReviewSummary of(List<Review> reviews) {
    if (reviews.isEmpty()) {
      throw new IllegalArgumentException("A review round without any review has no outcome");
    }
    boolean anyNg = reviews.stream().anyMatch(r -> VERDICT_NG.equals(r.verdict()));
    String comments =
        reviews.stream()
            .map(
                r ->
                    Groups.nameOf(r.reviewerGroup())
                        + ": "
                        + r.verdict()
                        + (r.comments() == null ? "" : " – " + r.comments()))
            .collect(Collectors.joining("\n"));
    return new ReviewSummary(anyNg ? VERDICT_NG : VERDICT_OK, comments);
  }

  public boolean returnsToAuthor() {
    return VERDICT_NG.equals(outcome);
  }
}
