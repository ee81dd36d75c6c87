package com.qmsflow.complainant;

import java.util.List;

/**
 * What the customer sees on the status page, and nothing else: the number, the customer's own
 * contact, the stage in plain words, the dates committed and met, and the written reply once sent.
 * Built only from the fields named here, so no finding, cause, responsibility, compensation or
 * staff name can reach the page.
 *
 * @param stage one of {@code RECEIVED}, {@code INVESTIGATING}, {@code REPLYING}, {@code REPLIED},
 *     {@code CLOSED}
 */
public record ComplaintStatus(
    String complaintNumber,
    String language,
    String contactName,
    String receivedAt,
    String stage,
    List<Commitment> commitments,
    Reply reply,
    String closedAt,
    Answer answer) {

  /**
   * A date committed to the customer and when it was met ({@code met} null: not yet).
   *
   * @param what {@code contact}, {@code reply} or {@code improvement}
   * @param agreedReference the customer's agreement to a later date, as recorded (or null)
   */
  public record Commitment(
      String what, String committed, String met, boolean late, String agreedReference) {}

  /**
   * The customer's answer to the reply (issue 19.3): whether we wait for it now ({@code open}: the
   * page offers the form), the answer recorded last and, for a rejection, what we told the
   * customer. Null when there is nothing to ask or show yet.
   *
   * @param decision {@code ACCEPTED}, {@code REJECTED}, {@code ACCEPTED_BY_DEFAULT} or null
   * @param proposal our revised settlement the open question is about (or null)
   * @param ruling our final ruling on a rejection (or null)
   */
  public record Answer(
      boolean open, String decision, String recordedAt, String proposal, String ruling) {}

  /** The written reply as mailed to the customer. */
  public record Reply(String sentAt, String subject, String text) {}
}
