package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormSubmissionRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one error handler of the project's controllers: every refusal is an RFC 9457 {@code
 * application/problem+json} built by {@link ApiProblems} (type {@code /problems/…}, title and
 * detail in the caller's language, {@code errors: [{field, message}]} for violated rules). Spring
 * MVC's own exceptions (unknown path, wrong method, unreadable body …) come through {@link
 * ResponseEntityExceptionHandler} and get the same type and language. A database outage is answered
 * before this handler (web/DatabaseUnavailableHandler).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final ApiProblems problems;
  private final MessageSource messages;
  private final DataSize maxUploadSize;

  public ApiExceptionHandler(
      ApiProblems problems,
      MessageSource messages,
      @Value("${qms.attachments.max-size:20MB}") DataSize maxUploadSize) {
    this.problems = problems;
    this.messages = messages;
    this.maxUploadSize = maxUploadSize;
    setMessageSource(messages);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    return answer(problems.validation(e.errors(messages, locale()), locale()));
  }

  /** The engine's own start-form check (FormValidationPlugin) disagreed; nothing was committed. */
  @ExceptionHandler(FormSubmissionRejectedException.class)
  ResponseEntity<ProblemDetail> rejectedByEngine(FormSubmissionRejectedException e) {
    return answer(problems.validation(problems.translate(e.getErrors(), locale()), locale()));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> refused(ApiException e, HttpServletRequest request) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.UNAUTHORIZED) {
      answer.header(
          HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"complaint-handling\", charset=\"UTF-8\"");
    }
    return answer
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problems.problem(e.status(), e.messageKey(), e.arguments(), locale()));
  }

  /**
   * The engine refused the user (e.g. starting a complaint without CREATE_INSTANCE); nothing was
   * committed.
   */
  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> notAuthorized(AuthorizationException e) {
    return answer(
        problems.problem(
            HttpStatus.FORBIDDEN,
            "problem.notAuthorized",
            new Object[] {e.getUserId(), e.getMessage()},
            locale()));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> notMultipart(MultipartException e) {
    if (e instanceof MaxUploadSizeExceededException tooLarge) {
      return answer(tooLarge());
    }
    return answer(problems.problem(HttpStatus.BAD_REQUEST, "problem.multipart", null, locale()));
  }

  /** Whatever no other handler expects: 500, logged with its stack trace. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(
        problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "problem.internal", null, locale()));
  }

  // Spring MVC's exceptions -----------------------------------------------------------------------

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        List.of(new FieldError("body", "The request body must be a JSON object"));
    return body(problems.validation(problems.translate(errors, locale()), locale()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Locale locale = locale();
    List<FieldError> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldError(e.getField(), messages.getMessage(e, locale)))
            .toList();
    return body(problems.validation(errors, locale));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    boolean date =
        ex.getRequiredType() != null
            && java.time.temporal.Temporal.class.isAssignableFrom(ex.getRequiredType());
    return body(
        problems.problem(
            HttpStatus.BAD_REQUEST,
            date ? "problem.typeMismatch.date" : "problem.typeMismatch",
            new Object[] {ex.getPropertyName(), String.valueOf(ex.getValue())},
            locale()));
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return body(tooLarge());
  }

  /**
   * An address nothing answers: Spring's own detail names no path ({@code NoResourceFoundException}
   * gives its message no arguments), so the path the caller asked for is put in here.
   */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String path =
        request instanceof ServletWebRequest servlet
            ? servlet.getRequest().getRequestURI()
            : "/" + ex.getResourcePath();
    return body(
        problems.problem(
            HttpStatus.NOT_FOUND, "problem.noSuchAddress", new Object[] {path}, locale()));
  }

  /** Every other problem Spring built: the project's type and a title in the caller's language. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    Object given =
        body == null && ex instanceof ErrorResponse response
            ? response.updateAndGetBody(getMessageSource(), locale())
            : body;
    Object completed =
        given instanceof ProblemDetail problem ? problems.complete(problem, locale()) : given;
    return super.handleExceptionInternal(ex, completed, headers, statusCode, request);
  }

  // -----------------------------------------------------------------------------------------------

  private ProblemDetail tooLarge() {
    long bytes = maxUploadSize.toBytes();
    String readable =
        bytes % (1024 * 1024) == 0
            ? bytes / (1024 * 1024) + " MB"
            : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " B";
    return problems.problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "problem.uploadTooLarge",
        new Object[] {String.valueOf(bytes), readable},
        locale());
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<Object> body(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
