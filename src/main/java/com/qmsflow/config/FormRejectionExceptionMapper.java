package com.qmsflow.config;

import com.qmsflow.forms.FieldError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * The engine wraps an exception thrown by a task listener (ENGINE-03051), which the REST API would
 * answer with 500. A refused form submission is the caller's mistake: answer 400 with the message
 * the clerk reads and the field errors; everything else goes to Camunda's own handler.
 */
@Provider
@Priority(1)
public class FormRejectionExceptionMapper implements ExceptionMapper<ProcessEngineException> {

  private final ProcessEngineExceptionHandler camundaHandler = new ProcessEngineExceptionHandler();

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Throwable cause = exception;
    while (cause != null && !(cause instanceof FormSubmissionRejectedException)) {
      cause = cause.getCause();
    }
    if (cause instanceof FormSubmissionRejectedException rejected) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "FormSubmissionRejectedException");
      body.put("message", rejected.getMessage());
      List<Map<String, String>> errors = rejected.getErrors().stream()
          .map((FieldError e) -> Map.of("field", e.field(), "message", e.message())).toList();
      body.put("errors", errors);
      return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    return camundaHandler.toResponse(exception);
  }
}
