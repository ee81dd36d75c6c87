package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/**
 * A request that breaks a rule; answered with 400, type {@code /problems/validation} and one entry
 * per field in {@code errors}. The messages of the entries are either English texts of the form
 * rules, which {@link FieldMessages} translates for the caller, or keys of the message bundles
 * ({@link #of}).
 */
public class InvalidRequestException extends ApiException {

  private final transient List<FieldError> errors;
  private final transient Object[] keyArguments;
  private final boolean keyed;

  public InvalidRequestException(List<FieldError> errors) {
    super(HttpStatus.BAD_REQUEST, "problem.validation");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRequestException needs at least one error");
    }
    this.errors = List.copyOf(errors);
    this.keyArguments = new Object[0];
    this.keyed = false;
  }

  private InvalidRequestException(String field, String messageKey, Object[] arguments) {
    super(HttpStatus.BAD_REQUEST, "problem.validation");
    this.errors = List.of(new FieldError(field, messageKey));
    this.keyArguments = arguments.clone();
    this.keyed = true;
  }

  /** One field breaks a rule whose text is the bundle key {@code messageKey}. */
  public static InvalidRequestException of(String field, String messageKey, Object... arguments) {
    return new InvalidRequestException(field, messageKey, arguments);
  }

  /** The errors in the given language. */
  List<FieldError> errors(MessageSource messages, Locale locale) {
    if (keyed) {
      FieldError error = errors.get(0);
      return List.of(
          new FieldError(
              error.field(),
              messages.getMessage(error.message(), keyArguments, error.message(), locale)));
    }
    return errors.stream().map(e -> FieldMessages.translate(e, messages, locale)).toList();
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  /** The errors in English. */
  public List<FieldError> getErrors() {
    if (keyed) {
      FieldError error = errors.get(0);
      return List.of(new FieldError(error.field(), english(error.message(), keyArguments)));
    }
    return errors;
  }

  @Override
  public String getMessage() {
    return getErrors().get(0).message();
  }
}
