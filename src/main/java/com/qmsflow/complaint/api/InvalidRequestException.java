package com.qmsflow.complaint.api;

import com.qmsflow.forms.FieldError;
import java.util.List;

/** A request of the intake API that breaks a rule; answered with 400 and one entry per field. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.isEmpty() ? "invalid request" : errors.get(0).message());
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRequestException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> getErrors() {
    return errors;
  }
}
