package com.qmsflow.survey;

import com.qmsflow.complainant.RateLimiter;
import com.qmsflow.complainant.StatusTokens;
import com.qmsflow.web.PageController;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /survey/{token}}: the customer's answer page of a mailed questionnaire, without a
 * login (the token in the mail is the key), in the page shell's style without the staff navigation
 * and without any script; {@code POST} the same address ({@link SurveyAnswerController}) stores the
 * answers (one score 1-5 and an optional comment per aspect). A wrong or expired token, or a survey
 * that no longer waits for the answer, answers 404 with the same page whatever the reason; a second
 * submission 409; a score missing or out of range 400 with the page, the typed values and the
 * message at the field; too many requests from one address or for one token 429, as the complaint
 * status page.
 */
@PageController
public class SurveyAnswerPageController {

  private final SurveyAnswerPages pages;
  private final RateLimiter limiter;
  private final SurveySettings settings;
  private final MessageSource messages;

  public SurveyAnswerPageController(
      SurveyAnswerPages pages,
      RateLimiter limiter,
      SurveySettings settings,
      MessageSource messages) {
    this.pages = pages;
    this.limiter = limiter;
    this.settings = settings;
    this.messages = messages;
  }

  /** The page's texts in the page's language. */
  public record Texts(MessageSource messages, Locale locale) {
    public String m(String key) {
      return messages.getMessage(key, null, locale);
    }

    public String m(String key, Object arg) {
      return messages.getMessage(key, new Object[] {arg}, locale);
    }

    /** An aspect's name: the bundle's for the standard ones, the questionnaire's word otherwise. */
    public String aspect(String aspect) {
      return messages.getMessage("survey.aspect." + aspect, null, aspect, locale);
    }
  }

  @GetMapping("/survey/{token}")
  public String show(
      @PathVariable String token,
      @RequestParam(name = "lang", required = false) String lang,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Locale requested = requested(lang);
    Locale locale = requested != null ? requested : WebLocale.of(request);
    if (!admitted(token, request, response)) {
      return view(model, locale, token, null, "tooMany", Map.of(), Map.of());
    }
    Optional<SurveyRepository.Survey> survey = pages.survey(token);
    SurveyAnswerPages.State state =
        survey.map(pages::state).orElse(SurveyAnswerPages.State.UNAVAILABLE);
    if (survey.isPresent() && requested == null && survey.get().language() != null) {
      locale = Locale.forLanguageTag(survey.get().language());
    }
    if (state == SurveyAnswerPages.State.UNAVAILABLE) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return view(model, locale, token, null, "notFound", Map.of(), Map.of());
    }
    if (state == SurveyAnswerPages.State.ANSWERED) {
      return view(model, locale, token, survey.get(), "answered", Map.of(), Map.of());
    }
    return view(model, locale, token, survey.get(), null, Map.of(), Map.of());
  }

  boolean admitted(String token, HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    boolean admitted =
        limiter.admit("survey-address:" + request.getRemoteAddr(), settings.requestsPerAddress())
            && limiter.admit(
                "survey-token:"
                    + (StatusTokens.wellFormed(token) ? StatusTokens.hash(token) : "malformed"),
                settings.requestsPerToken());
    if (!admitted) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, "60");
    }
    return admitted;
  }

  static Locale requested(String lang) {
    return "zh".equals(lang) ? WebLocale.CHINESE : "en".equals(lang) ? WebLocale.ENGLISH : null;
  }

  String view(
      Model model,
      Locale locale,
      String token,
      SurveyRepository.Survey survey,
      String notice,
      Map<String, String> values,
      Map<String, String> errors) {
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("t", new Texts(messages, locale));
    model.addAttribute("token", token);
    model.addAttribute("survey", survey);
    model.addAttribute(
        "aspects", survey == null ? List.of() : SurveyAspects.split(survey.aspects()));
    model.addAttribute("notice", notice);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "survey-answer";
  }
}
