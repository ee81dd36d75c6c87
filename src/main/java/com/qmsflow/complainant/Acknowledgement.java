package com.qmsflow.complainant;

import java.time.Instant;

/** A complaint's acknowledgement to the customer contact and its status link (never the token). */
public record Acknowledgement(
    String complaintNumber,
    String processInstanceId,
    String customerCode,
    String contactName,
    String contactEmail,
    String language,
    String mode,
    String state,
    Instant receivedAt,
    Instant contactBy,
    Instant createdAt,
    Instant sentAt,
    String sentBy,
    String tokenHash,
    Instant revokedAt,
    String revokedBy) {

  public static final String AUTO = "AUTO";
  public static final String MANUAL = "MANUAL";
  public static final String WAITING = "WAITING";
  public static final String NO_ADDRESS = "NO_ADDRESS";
  public static final String SENT = "SENT";

  public boolean sent() {
    return SENT.equals(state);
  }

  public boolean linkActive() {
    return tokenHash != null && revokedAt == null;
  }
}
