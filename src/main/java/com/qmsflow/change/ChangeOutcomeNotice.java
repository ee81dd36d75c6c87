package com.qmsflow.change;

/**
 * What the register keeps as the reason of a finished change and what the requester's department is
 * told: a rejection with the approver and its reason, a withdrawal with the author's reason, a
 * closure with the first lot that confirmed the change and the identification of products before
 * and after it.
 */
public record ChangeOutcomeNotice(String reason, String subject, String body) {

  /** The facts of the change the notice is written from (values as the process holds them). */
  public record Facts(
      String number,
      String requester,
      Object approverGroup,
      Object approvalReason,
      Object withdrawReason,
      Object firstLotNumber,
      Object identificationRule,
      Object effectiveLot,
      Object effectiveDate) {}

  public static ChangeOutcomeNotice of(ChangeState outcome, Facts facts) {
    String number = facts.number();
    return switch (outcome) {
      case REJECTED -> {
        String reason = ChangeValues.text(facts.approvalReason());
        String addressee = facts.requester() == null ? "the requester" : facts.requester();
        yield new ChangeOutcomeNotice(
            reason,
            "Change " + number + " rejected",
            "Dear "
                + addressee
                + ", the change "
                + number
                + " was rejected by "
                + facts.approverGroup()
                + ". Reason: "
                + reason);
      }
      case WITHDRAWN -> {
        String reason = ChangeValues.text(facts.withdrawReason());
        yield new ChangeOutcomeNotice(
            reason,
            "Change " + number + " withdrawn",
            "The change " + number + " was withdrawn by its author. Reason: " + reason);
      }
      case CLOSED -> {
        String reason =
            "First lot "
                + facts.firstLotNumber()
                + " confirmed that the change's impact is removed";
        yield new ChangeOutcomeNotice(
            reason,
            "Change " + number + " closed",
            "The change "
                + number
                + " is implemented and closed. "
                + reason
                + ". Identification of products before/after: "
                + facts.identificationRule()
                + "; effective from lot "
                + facts.effectiveLot()
                + " / "
                + facts.effectiveDate()
                + ".");
      }
      default -> throw new IllegalStateException("A change does not finish as '" + outcome + "'");
    };
  }
}
