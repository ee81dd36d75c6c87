package com.qmsflow.survey;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code qms.survey.*} settings: how long an answer link works after it was mailed, and how
 * many answer page requests a client address and a token may make per minute.
 */
@Component
public class SurveySettings {

  private final Duration linkValidity;
  private final int requestsPerAddress;
  private final int requestsPerToken;

  public SurveySettings(
      @Value("${qms.survey.answer-link.valid-for:P60D}") Duration linkValidity,
      @Value("${qms.survey.answer-link.requests-per-minute-per-address:30}") int requestsPerAddress,
      @Value("${qms.survey.answer-link.requests-per-minute-per-token:10}") int requestsPerToken) {
    if (linkValidity.isNegative() || linkValidity.isZero()) {
      throw new IllegalArgumentException("qms.survey.answer-link.valid-for must be positive");
    }
    if (requestsPerAddress < 1 || requestsPerToken < 1) {
      throw new IllegalArgumentException(
          "qms.survey.answer-link.requests-per-minute-* must be at least 1");
    }
    this.linkValidity = linkValidity;
    this.requestsPerAddress = requestsPerAddress;
    this.requestsPerToken = requestsPerToken;
  }

  public Duration linkValidity() {
    return linkValidity;
  }

  public int requestsPerAddress() {
    return requestsPerAddress;
  }

  public int requestsPerToken() {
    return requestsPerToken;
  }
}
