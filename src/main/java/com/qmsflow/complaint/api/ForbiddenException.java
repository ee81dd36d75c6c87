package com.qmsflow.complaint.api;

/** The authenticated user may not read or change what the request names (HTTP 403). */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
