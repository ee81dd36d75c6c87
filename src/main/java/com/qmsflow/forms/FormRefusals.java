package com.qmsflow.forms;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The refused fields of a form submission that came over HTTP (Tasklist, the engine REST API), kept
 * on the request so the response can name each field for the page: the engine's REST layer only
 * passes on the exception's message. A submission outside an HTTP request (a job, Java) keeps
 * nothing.
 */
public final class FormRefusals {

  private static final String ATTRIBUTE = FormRefusals.class.getName();

  /**
   * One refused field.
   *
   * @param field the variable's name (the form field's key)
   * @param componentId the form component's {@code id}, which ends the input's DOM id in Camunda
   *     Forms; {@code null} for a variable that is no field of the form
   * @param label the field's label as the form shows it; {@code null} when it has none
   * @param message the rule's English message, translated by the response
   */
  public record Refusal(String field, String componentId, String label, String message) {}

  private FormRefusals() {}

  static void remember(FormSchema schema, List<FieldError> errors) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null) {
      return;
    }
    List<Refusal> refusals =
        errors.stream()
            .map(
                error ->
                    schema
                        .field(error.field())
                        .map(
                            f ->
                                new Refusal(
                                    error.field(), f.componentId(), f.label(), error.message()))
                        .orElseGet(() -> new Refusal(error.field(), null, null, error.message())))
            .toList();
    request.setAttribute(ATTRIBUTE, refusals, RequestAttributes.SCOPE_REQUEST);
  }

  /** The refusals of this request's form submission; empty when it refused nothing. */
  @SuppressWarnings("unchecked")
  public static List<Refusal> of(HttpServletRequest request) {
    Object refusals = request.getAttribute(ATTRIBUTE);
    return refusals instanceof List<?> list ? (List<Refusal>) list : List.of();
  }
}
