package com.qmsflow.web;

import org.springframework.http.HttpStatus;

/** The request does not fit the record's state now; answered with 409. */
public class ConflictException extends ApiException {

  public ConflictException(String messageKey, Object... arguments) {
    super(HttpStatus.CONFLICT, messageKey, arguments);
  }
}
