package com.qmsflow.evidence;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webapps hand their session's CSRF token out once (cookie scoped to {@code /camunda}), so the
 * upload page ({@link EvidencePageController}) asks here before a change. Under {@code /api}: only
 * an authenticated session gets it, and a page of another origin cannot read the answer
 * (same-origin policy, no CORS).
 */
@RestController
public class EvidenceCsrfTokenController {

  /**
   * The CSRF token of the browser's Tasklist session, for the page's changes ({@code null} without
   * one).
   */
  public record CsrfToken(String headerName, String token) {}

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
}
