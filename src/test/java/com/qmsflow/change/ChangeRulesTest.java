package com.qmsflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qmsflow.change.ChangeRequestRepository.Review;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules the contract-change delegates apply, without an engine: who reviews a round, what a
 * round's verdicts mean for the author, and what the requester is told when a change ends.
 */
class ChangeRulesTest {

  private static final Instant NOON = Instant.parse("2026-03-02T04:00:00Z");

  @Test
  void reviewersAreTheDistinctGroupsOfTheDecisionInItsOrder() {
    ReviewerSelection selection =
        ReviewerSelection.of(
            List.of(
                Map.of("reviewerGroup", "production"),
                Map.of("reviewerGroup", "engineering"),
                Map.of("reviewerGroup", "production")));

    assertThat(selection.groups()).containsExactly("production", "engineering");
    assertThat(selection.joined()).isEqualTo("production,engineering");
    assertThat(selection.productionReviews()).isTrue();
    assertThat(selection.engineeringReviews()).isTrue();
    assertThat(selection.materialControlReviews()).isFalse();
  }

  @Test
  void aDecisionResultWithoutGroupsSelectsNoReviewer() {
    assertThat(ReviewerSelection.of(null).isEmpty()).isTrue();
    assertThat(ReviewerSelection.of(List.of(Map.of("other", "x"))).isEmpty()).isTrue();
    assertThat(ReviewerSelection.of(List.of(" ", "material-control")).groups())
        .containsExactly("material-control");
  }

  @Test
  void oneNgReturnsTheRequestToItsAuthorWithEveryReviewersComments() {
    ReviewSummary summary =
        ReviewSummary.of(
            List.of(
                new Review(1, "engineering", "OK", null, "engineer", NOON),
                new Review(
                    1, "production", "NG", "Line 3 needs a new fixture", "production", NOON)));

    assertThat(summary.outcome()).isEqualTo("NG");
    assertThat(summary.returnsToAuthor()).isTrue();
    assertThat(summary.comments().lines().toList())
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).endsWith("OK"))
        .anySatisfy(line -> assertThat(line).endsWith("NG – Line 3 needs a new fixture"));
  }

  @Test
  void allOkLetsTheChangeGoOnAndARoundWithoutReviewsHasNoOutcome() {
    ReviewSummary summary =
        ReviewSummary.of(List.of(new Review(2, "engineering", "OK", "fine", "engineer", NOON)));
    assertThat(summary.outcome()).isEqualTo("OK");
    assertThat(summary.returnsToAuthor()).isFalse();

    assertThatThrownBy(() -> ReviewSummary.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ChangeOutcomeNotice.Facts facts() {
    return new ChangeOutcomeNotice.Facts(
        "CR-2026-0007",
        "sales",
        "general-manager",
        "Cost impact not justified",
        "Customer cancelled the order",
        "L2026-0412",
        "Green dot on the label",
        "L2026-0410",
        "2026-04-10");
  }

  @Test
  void aRejectionTellsTheRequesterWhoRejectedAndWhy() {
    ChangeOutcomeNotice notice = ChangeOutcomeNotice.of(ChangeState.REJECTED, facts());

    assertThat(notice.reason()).isEqualTo("Cost impact not justified");
    assertThat(notice.subject()).isEqualTo("Change CR-2026-0007 rejected");
    assertThat(notice.body())
        .startsWith("Dear sales,")
        .contains("rejected by general-manager", "Reason: Cost impact not justified");
  }

  @Test
  void aWithdrawalGivesTheAuthorsReason() {
    ChangeOutcomeNotice notice = ChangeOutcomeNotice.of(ChangeState.WITHDRAWN, facts());

    assertThat(notice.reason()).isEqualTo("Customer cancelled the order");
    assertThat(notice.subject()).isEqualTo("Change CR-2026-0007 withdrawn");
    assertThat(notice.body()).contains("withdrawn by its author", "Customer cancelled the order");
  }

  @Test
  void aClosureNamesTheFirstLotAndTheIdentificationOfProductsBeforeAndAfter() {
    ChangeOutcomeNotice notice = ChangeOutcomeNotice.of(ChangeState.CLOSED, facts());

    assertThat(notice.reason())
        .isEqualTo("First lot L2026-0412 confirmed that the change's impact is removed");
    assertThat(notice.subject()).isEqualTo("Change CR-2026-0007 closed");
    assertThat(notice.body())
        .contains("Green dot on the label", "effective from lot L2026-0410 / 2026-04-10");
  }

  @Test
  void onlyRejectedWithdrawnAndClosedFinishAChange() {
    assertThatThrownBy(() -> ChangeOutcomeNotice.of(ChangeState.RETURNED, facts()))
        .isInstanceOf(IllegalStateException.class);
  }
}
