package com.qmsflow.forms;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when submitted variables break the rules of a Camunda Form. The message is what Camunda
 * Tasklist shows the user: one line per error, each starting with {@value #PREFIX}.
 */
public class FormValidationException extends RuntimeException {

  public static final String PREFIX = "Please correct: ";

  private final transient List<FieldError> errors;

  public FormValidationException(List<FieldError> errors) {
    super(buildMessage(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> getErrors() {
    return errors;
  }

  private static String buildMessage(List<FieldError> errors) {
    if (errors == null || errors.isEmpty()) {
      throw new IllegalArgumentException("a FormValidationException needs at least one error");
    }
    return errors.stream().map(e -> PREFIX + e.message()).collect(Collectors.joining("\n"));
  }
}
