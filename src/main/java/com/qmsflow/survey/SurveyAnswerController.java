package com.qmsflow.survey;

import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /survey/{token}}: the customer's answers from the answer page (a plain HTML form, no
 * script), stored once through {@link SurveyAnswerPages}; answered with the page itself (thanks,
 * already answered 409, field errors 400, unavailable 404, too many requests 429) and the pages'
 * security headers. Pages of the shell are read with GET only, so the write is its own controller.
 */
@Controller
public class SurveyAnswerController {

  /** The page shell's policy (web/PageShellConfiguration), also for this answer. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self';"
          + " form-action 'self'";

  private final SurveyAnswerPages pages;
  private final SurveyAnswerPageController page;
  private final MessageSource messages;

  public SurveyAnswerController(
      SurveyAnswerPages pages, SurveyAnswerPageController page, MessageSource messages) {
    this.pages = pages;
    this.page = page;
    this.messages = messages;
  }

  @PostMapping("/survey/{token}")
  public String answer(
      @PathVariable String token,
      @RequestParam Map<String, String> form,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    Locale requested = SurveyAnswerPageController.requested(form.get("lang"));
    Locale locale = requested != null ? requested : WebLocale.of(request);
    if (!page.admitted(token, request, response)) {
      return page.view(model, locale, token, null, "tooMany", Map.of(), Map.of());
    }
    Optional<SurveyRepository.Survey> survey = pages.survey(token);
    SurveyAnswerPages.Submitted submitted = pages.submit(token, form);
    switch (submitted.outcome()) {
      case RECORDED -> {
        return page.view(model, locale, token, survey.orElse(null), "thanks", Map.of(), Map.of());
      }
      case ALREADY_ANSWERED -> {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        return page.view(model, locale, token, survey.orElse(null), "answered", Map.of(), Map.of());
      }
      case INVALID -> {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        Map<String, String> errors = new LinkedHashMap<>();
        SurveyAnswerPageController.Texts t = new SurveyAnswerPageController.Texts(messages, locale);
        submitted.problems().forEach(p -> errors.putIfAbsent(p.field(), t.m(p.messageKey())));
        return page.view(model, locale, token, survey.orElse(null), null, form, errors);
      }
      default -> {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return page.view(model, locale, token, null, "notFound", Map.of(), Map.of());
      }
    }
  }
}
