package com.qmsflow.complainant;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code qms.complainant.*} settings: how long a status link works after the complaint closed,
 * how many status page requests a client address and a token may make per minute, and how often
 * missed committed dates are looked for (empty or 0: never).
 */
@Component
public class ComplainantSettings {

  private final Duration linkValidAfterClosure;
  private final int requestsPerAddress;
  private final int requestsPerToken;
  private final Duration missedDateCheck;

  public ComplainantSettings(
      @Value("${qms.complainant.status-link.valid-after-closure:P90D}")
          Duration linkValidAfterClosure,
      @Value("${qms.complainant.status-link.requests-per-minute-per-address:30}")
          int requestsPerAddress,
      @Value("${qms.complainant.status-link.requests-per-minute-per-token:10}")
          int requestsPerToken,
      @Value("${qms.complainant.missed-date-check-interval:PT15M}") String missedDateCheck) {
    if (linkValidAfterClosure.isNegative()) {
      throw new IllegalArgumentException(
          "qms.complainant.status-link.valid-after-closure must not be negative");
    }
    if (requestsPerAddress < 1 || requestsPerToken < 1) {
      throw new IllegalArgumentException(
          "qms.complainant.status-link.requests-per-minute-* must be at least 1");
    }
    this.linkValidAfterClosure = linkValidAfterClosure;
    this.requestsPerAddress = requestsPerAddress;
    this.requestsPerToken = requestsPerToken;
    this.missedDateCheck =
        missedDateCheck == null || missedDateCheck.isBlank() || "0".equals(missedDateCheck.trim())
            ? Duration.ZERO
            : Duration.parse(missedDateCheck.trim());
  }

  public Duration linkValidAfterClosure() {
    return linkValidAfterClosure;
  }

  public int requestsPerAddress() {
    return requestsPerAddress;
  }

  public int requestsPerToken() {
    return requestsPerToken;
  }

  public Duration missedDateCheck() {
    return missedDateCheck;
  }
}
