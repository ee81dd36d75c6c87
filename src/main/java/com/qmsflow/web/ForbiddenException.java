package com.qmsflow.web;

import org.springframework.http.HttpStatus;

/** The authenticated user may not read or change what the request names; answered with 403. */
public class ForbiddenException extends ApiException {

  public ForbiddenException(String messageKey, Object... arguments) {
    super(HttpStatus.FORBIDDEN, messageKey, arguments);
  }
}
