package com.qmsflow.change.api;

import com.qmsflow.complaint.api.ApiExceptionHandler.Errors;
import com.qmsflow.complaint.api.ApiExceptionHandler.Message;
import com.qmsflow.complaint.api.InvalidRequestException;
import com.qmsflow.complaint.api.NotFoundException;
import com.qmsflow.config.FormSubmissionRejectedException;
import com.qmsflow.forms.FieldError;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Error bodies of {@code /api/changes}, in the same shape as the complaint intake's. */
@RestControllerAdvice(assignableTypes = ChangeApiController.class)
public class ChangeApiExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Errors> invalid(InvalidRequestException e) {
    return ResponseEntity.badRequest().body(new Errors(e.getErrors()));
  }

  @ExceptionHandler(FormSubmissionRejectedException.class)
  ResponseEntity<Errors> rejectedByEngine(FormSubmissionRejectedException e) {
    return ResponseEntity.badRequest().body(new Errors(e.getErrors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Errors> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body(new Errors(List.of(new FieldError("body", "The request body must be a JSON object"))));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Message> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Message(e.getMessage()));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Message> forbidden(AuthorizationException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Message("You may not raise contract changes"));
  }
}
