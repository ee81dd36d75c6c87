package com.qmsflow.evidence;

import org.springframework.http.HttpStatus;

/**
 * A refused evidence request; answered with its status and {@code {"status", "error", "message"}}.
 */
public class EvidenceException extends RuntimeException {

  private final HttpStatus status;

  public EvidenceException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
