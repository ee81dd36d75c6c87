package com.qmsflow.config;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormValidationException;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A form submission that breaks the form's rules. Being a {@link BadUserRequestException}, the
 * engine REST API answers 400 with this message, Tasklist shows it to the clerk, and the
 * transaction rolls back: the task stays open and no variable changes.
 */
public class FormSubmissionRejectedException extends BadUserRequestException {

  private final transient List<FieldError> errors;

  public FormSubmissionRejectedException(List<FieldError> errors) {
    super(new FormValidationException(errors).getMessage());
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> getErrors() {
    return errors;
  }
}
