package com.qmsflow.evidence;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upload page linked from the forms of evidence steps: {@code /evidence/{kind}/{number}/{step}}
 * lists the step's files, uploads and removes; {@code /evidence/{kind}/{number}} lists every file
 * of the complaint (with its 8D's) or 8D report. A static page (no external resources) that calls
 * the evidence API in the same origin, so the Tasklist session of the browser applies.
 */
@RestController
public class EvidencePageController {

  private static final String SECURITY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'";

  @GetMapping(
      value = {"/evidence/{kind}/{number}", "/evidence/{kind}/{number}/{step}"},
      produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page() throws IOException {
    return resource("evidence/page.html", MediaType.TEXT_HTML);
  }

  @GetMapping(value = "/evidence/page.js", produces = "text/javascript")
  public ResponseEntity<String> script() throws IOException {
    return resource("evidence/page.js", MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  @GetMapping(value = "/evidence/page.css", produces = "text/css")
  public ResponseEntity<String> style() throws IOException {
    return resource("evidence/page.css", MediaType.valueOf("text/css;charset=UTF-8"));
  }

  /**
   * The CSRF token of the browser's Tasklist session, for the page's changes ({@code null} without
   * one).
   */
  public record CsrfToken(String headerName, String token) {}

  /**
   * The webapps hand their session's CSRF token out once (cookie scoped to {@code /camunda}), so
   * the upload page asks here. Under {@code /api}: only an authenticated session gets it, and a
   * page of another origin cannot read the answer (same-origin policy, no CORS).
   */
  @GetMapping(value = "/api/evidence/csrf-token", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CsrfToken> csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object token =
        session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            new CsrfToken(
                CsrfConstants.CSRF_TOKEN_HEADER_NAME, token instanceof String t ? t : null));
  }

  private static ResponseEntity<String> resource(String path, MediaType type) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return ResponseEntity.ok()
          .contentType(type)
          .header("X-Content-Type-Options", "nosniff")
          .header("Content-Security-Policy", SECURITY)
          .header(HttpHeaders.CACHE_CONTROL, "no-cache")
          .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
