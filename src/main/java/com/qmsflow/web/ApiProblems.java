package com.qmsflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.forms.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The error bodies of the project's API ({@code /api/**}): RFC 9457 {@code
 * application/problem+json} with a stable {@code type} (a relative URI {@code /problems/{name}}), a
 * {@code title} and {@code detail} in the caller's language, and for a violated rule {@code errors:
 * [{field, message}]}. Used by {@link ApiExceptionHandler} and by the security filters that refuse
 * a request before any controller runs.
 */
@Component
public class ApiProblems {

  /** The prefix of every problem type. */
  public static final String TYPE_PREFIX = "/problems/";

  public static final String VALIDATION = "validation";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MessageSource messages;

  public ApiProblems(MessageSource messages) {
    this.messages = messages;
  }

  /** The type URI of a status: {@code /problems/validation} for rule violations, else by status. */
  public static URI type(HttpStatusCode status, boolean withFieldErrors) {
    return URI.create(TYPE_PREFIX + (withFieldErrors ? VALIDATION : name(status)));
  }

  /** {@code not-found}, {@code forbidden}, … : the status's reason phrase, lower case. */
  static String name(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    if (known == null) {
      return status.is4xxClientError() ? "bad-request" : "internal-server-error";
    }
    return known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-').replace("'", "");
  }

  /** A text of the bundles in this language. */
  public String text(String key, Object[] arguments, Locale locale) {
    return messages.getMessage(key, arguments, key, locale);
  }

  /** A problem without field errors whose detail is a bundle text. */
  public ProblemDetail problem(
      HttpStatusCode status, String key, Object[] arguments, Locale locale) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setType(type(status, false));
    problem.setTitle(title(status, false, locale));
    problem.setDetail(text(key, arguments, locale));
    return problem;
  }

  /** The English messages of field rules in this language. */
  public List<FieldError> translate(List<FieldError> errors, Locale locale) {
    return errors.stream().map(e -> FieldMessages.translate(e, messages, locale)).toList();
  }

  /**
   * A 400 {@code /problems/validation} with one entry per violated field rule.
   *
   * @param translated the errors, their messages already in the caller's language
   */
  public ProblemDetail validation(List<FieldError> translated, Locale locale) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setType(type(HttpStatus.BAD_REQUEST, true));
    problem.setTitle(title(HttpStatus.BAD_REQUEST, true, locale));
    problem.setDetail(
        translated.size() == 1
            ? translated.get(0).message()
            : text("problem.validation.detail", new Object[] {translated.size()}, locale));
    problem.setProperty("errors", translated);
    return problem;
  }

  /** Sets the type and a translated title on a problem that Spring built. */
  ProblemDetail complete(ProblemDetail problem, Locale locale) {
    HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
    boolean validation =
        problem.getProperties() != null && problem.getProperties().containsKey("errors");
    problem.setType(type(status, validation));
    problem.setTitle(title(status, validation, locale));
    return problem;
  }

  String title(HttpStatusCode status, boolean validation, Locale locale) {
    String name = validation ? VALIDATION : name(status);
    HttpStatus known = HttpStatus.resolve(status.value());
    return messages.getMessage(
        "problem.title." + name,
        null,
        known == null ? String.valueOf(status.value()) : known.getReasonPhrase(),
        locale);
  }

  /** Answers a request that a filter refuses with a problem in the request's language. */
  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String key,
      Object... arguments)
      throws IOException {
    // no "instance": a refusal before authentication repeats nothing of the request
    write(response, problem(status, key, arguments, WebLocale.of(request)));
  }

  /** Writes a problem as the body of a response. */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    var body = JSON.createObjectNode();
    body.put("type", String.valueOf(problem.getType()));
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
