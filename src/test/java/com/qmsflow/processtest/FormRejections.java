package com.qmsflow.processtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qmsflow.forms.FormSubmissionRejectedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The form validation's refusal of a submission, however the engine wraps it. */
public final class FormRejections {

  private FormRejections() {}

  /**
   * Runs the submission and returns its refusal; fails when it was accepted or refused otherwise.
   */
  public static FormSubmissionRejectedException rejection(ThrowingCallable submission) {
    Throwable thrown = catchThrowable(submission);
    assertThat(thrown).as("the submission was refused").isNotNull();
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof FormSubmissionRejectedException)) {
      cause = cause.getCause();
    }
    assertThat(cause)
        .as("refused by the form validation: %s", thrown)
        .isInstanceOf(FormSubmissionRejectedException.class);
    return (FormSubmissionRejectedException) cause;
  }
}
