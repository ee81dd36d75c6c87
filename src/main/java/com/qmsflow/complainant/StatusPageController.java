package com.qmsflow.complainant;

import com.qmsflow.web.PageController;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code GET /status/{token}}: the customer's read-only status page of one complaint, without a
 * login (the token in the acknowledgement mail is the key). In the page shell's style and security
 * headers ({@link PageController}), without the staff navigation and without any script. A wrong,
 * revoked or expired token answers 404 with the same page whatever the reason; more than {@code
 * qms.complainant.status-link.requests-per-minute-per-address} requests from one address, or {@code
 * …-per-token} for one token, answer 429. The language is the contact's, unless {@code ?lang=zh} or
 * {@code ?lang=en} asks otherwise.
 */
@PageController
public class StatusPageController {

  /** The page's texts in the page's language (not necessarily the browser's). */
  public record Texts(MessageSource messages, Locale locale) {
    public String m(String key) {
      return messages.getMessage(key, null, locale);
    }

    public String m(String key, Object arg) {
      return messages.getMessage(key, new Object[] {arg}, locale);
    }

    public String m(String key, Object arg, Object other) {
      return messages.getMessage(key, new Object[] {arg, other}, locale);
    }
  }

  private final StatusPages pages;
  private final RateLimiter limiter;
  private final ComplainantSettings settings;
  private final MessageSource messages;
  private final CustomerAnswers answers;

  public StatusPageController(
      CustomerAnswers answers,
      StatusPages pages,
      RateLimiter limiter,
      ComplainantSettings settings,
      MessageSource messages) {
    this.answers = answers;
    this.pages = pages;
    this.limiter = limiter;
    this.settings = settings;
    this.messages = messages;
  }

  @GetMapping("/status/{token}")
  public String status(
      @PathVariable String token,
      @RequestParam(name = "lang", required = false) String lang,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Locale requested =
        "zh".equals(lang) ? WebLocale.CHINESE : "en".equals(lang) ? WebLocale.ENGLISH : null;
    Locale locale = requested != null ? requested : WebLocale.of(request);
    if (!admitted(token, request, response)) {
      return view(model, locale, null, "tooMany");
    }
    Optional<ComplaintStatus> status = pages.status(token);
    if (status.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return view(model, locale, null, "notFound");
    }
    ComplaintStatus s = status.get();
    if (requested == null) {
      locale = Locale.forLanguageTag(s.language());
    }
    model.addAttribute("token", token);
    return view(model, locale, s, null);
  }

  /**
   * {@code POST /status/{token}/answer}: the customer accepts the reply or rejects it with a reason
   * (form fields {@code decision} = {@code accepted} | {@code rejected}, {@code reason}). The same
   * token check and rate limits as the page. A valid answer while the complaint waits for it is
   * recorded and the browser is sent back to the page (303), which then shows it; a wrong field
   * answers 400 with the page, the message at the field and the text as typed; an answer when none
   * is expected, or a second one, answers 409 and changes nothing.
   */
  @PostMapping("/status/{token}/answer")
  public Object answer(
      @PathVariable String token,
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "reason", required = false) String reason,
      @RequestParam(name = "lang", required = false) String lang,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Locale requested =
        "zh".equals(lang) ? WebLocale.CHINESE : "en".equals(lang) ? WebLocale.ENGLISH : null;
    Locale locale = requested != null ? requested : WebLocale.of(request);
    if (!admitted(token, request, response)) {
      return view(model, locale, null, "tooMany");
    }
    Optional<Acknowledgement> link = pages.byToken(token);
    Optional<ComplaintStatus> before = link.flatMap(pages::status);
    if (before.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return view(model, locale, null, "notFound");
    }
    if (requested == null) {
      locale = Locale.forLanguageTag(before.get().language());
    }
    model.addAttribute("token", token);
    Map<String, String> errors = new LinkedHashMap<>();
    boolean accepted = "accepted".equals(decision);
    if (!accepted && !"rejected".equals(decision)) {
      errors.put("decision", "complainant.answer.error.decision");
    }
    String text = reason == null ? "" : reason.strip();
    if (text.length() > CustomerAnswers.MAX_REASON) {
      errors.put("reason", "complainant.answer.error.reasonTooLong");
    } else if ("rejected".equals(decision) && text.length() < CustomerAnswers.MIN_REASON) {
      errors.put("reason", "complainant.answer.error.reason");
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("answerErrors", errors);
      model.addAttribute("answerDecision", accepted || "rejected".equals(decision) ? decision : "");
      model.addAttribute("answerReason", reason == null ? "" : reason);
      return view(model, locale, before.get(), null);
    }
    CustomerAnswers.Outcome outcome;
    try {
      outcome = answers.answer(link.get(), accepted, text);
    } catch (RuntimeException e) {
      if (!CustomerAnswers.concurrent(e)) {
        throw e;
      }
      outcome = CustomerAnswers.Outcome.ALREADY_ANSWERED;
    }
    if (outcome == CustomerAnswers.Outcome.RECORDED) {
      RedirectView back =
          new RedirectView(
              "/status/" + token + (requested == null ? "" : "?lang=" + locale.getLanguage()),
              true);
      back.setStatusCode(HttpStatus.SEE_OTHER);
      return back;
    }
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute(
        "answerNotice",
        outcome == CustomerAnswers.Outcome.ALREADY_ANSWERED
            ? "complainant.answer.already"
            : "complainant.answer.notAsked");
    return view(model, locale, pages.status(link.get()).orElse(before.get()), null);
  }

  private boolean admitted(String token, HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    boolean admitted =
        limiter.admit("address:" + request.getRemoteAddr(), settings.requestsPerAddress())
            && limiter.admit(
                "token:"
                    + (StatusTokens.wellFormed(token) ? StatusTokens.hash(token) : "malformed"),
                settings.requestsPerToken());
    if (!admitted) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, "60");
    }
    return admitted;
  }

  private String view(Model model, Locale locale, ComplaintStatus s, String refusal) {
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("t", new Texts(messages, locale));
    model.addAttribute("s", s);
    model.addAttribute("refusal", refusal);
    return "complaint-status";
  }
}
