package com.qmsflow.forms;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form submission that breaks the form's rules. Being Camunda's {@link
 * FormFieldValidationException}, the engine REST API answers a form submission with 400 and this
 * message, which Tasklist shows to the clerk; the transaction rolls back: the task stays open and
 * no variable changes.
 */
public class FormSubmissionRejectedException extends FormFieldValidationException {

  private final transient List<FieldError> errors;

  public FormSubmissionRejectedException(List<FieldError> errors) {
    super(
        errors.isEmpty() ? null : errors.get(0).field(),
        new FormValidationException(errors).getMessage());
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> getErrors() {
    return errors;
  }
}
