package com.qmsflow.complaint.api;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormSubmissionRejectedException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Error bodies of the intake APIs (complaints, contract changes): {@code 400
 * {"errors":[{"field":…,"message":…}]}} and {@code 403}/{@code 404 {"message":…}}. Applies to the
 * intake controllers listed below.
 */
@RestControllerAdvice(
    assignableTypes = {
      ComplaintApiController.class,
      DefectCodeController.class,
      ReplyMailController.class,
      com.qmsflow.change.api.ChangeApiController.class
    })
public class ApiExceptionHandler {

  /** Body of a 400 answer. */
  public record Errors(List<FieldError> errors) {}

  /** Body of a 404 (or 409) answer. */
  public record Message(String message) {}

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Errors> invalid(InvalidRequestException e) {
    return ResponseEntity.badRequest().body(new Errors(e.getErrors()));
  }

  /** The engine's own start-form check (FormValidationPlugin) disagreed; nothing was committed. */
  @ExceptionHandler(FormSubmissionRejectedException.class)
  ResponseEntity<Errors> rejectedByEngine(FormSubmissionRejectedException e) {
    return ResponseEntity.badRequest().body(new Errors(e.getErrors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Errors> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body(
            new Errors(List.of(new FieldError("body", "The request body must be a JSON object"))));
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<Message> forbidden(ForbiddenException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Message(e.getMessage()));
  }

  /**
   * The engine refused the user (e.g. starting a complaint without CREATE_INSTANCE); nothing was
   * committed.
   */
  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Message> notAuthorized(AuthorizationException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(
            new Message("User " + e.getUserId() + " is not allowed to do this: " + e.getMessage()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Message> conflict(ConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(new Message(e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Message> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Message(e.getMessage()));
  }
}
