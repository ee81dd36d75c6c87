package com.qmsflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upload page linked from the forms of evidence steps: {@code /evidence/{kind}/{number}/{step}}
 * lists the step's files, uploads and removes; {@code /evidence/{kind}/{number}} lists every file of
 * the complaint (with its 8D's) or 8D report. A static page (no external resources) that calls the
 * evidence API in the same origin, so the Tasklist session of the browser applies.
 */
@RestController
public class EvidencePageController {

  private static final String SECURITY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'";

  @GetMapping(value = {"/evidence/{kind}/{number}", "/evidence/{kind}/{number}/{step}"}, produces = MediaType.TEXT_HTML_VALUE)
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
