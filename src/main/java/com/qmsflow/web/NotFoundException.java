package com.qmsflow.web;

import org.springframework.http.HttpStatus;

/** The addressed record does not exist; answered with 404. */
public class NotFoundException extends ApiException {

  public NotFoundException(String messageKey, Object... arguments) {
    super(HttpStatus.NOT_FOUND, messageKey, arguments);
  }
}
