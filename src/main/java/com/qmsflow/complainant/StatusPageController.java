package com.qmsflow.complainant;

import com.qmsflow.web.PageController;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

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

  public StatusPageController(
      StatusPages pages,
      RateLimiter limiter,
      ComplainantSettings settings,
      MessageSource messages) {
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

  private String view(Model model, Locale locale, ComplaintStatus s, String refusal) {
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("t", new Texts(messages, locale));
    model.addAttribute("s", s);
    model.addAttribute("refusal", refusal);
    return "complaint-status";
  }
}
