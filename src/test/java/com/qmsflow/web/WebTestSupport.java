package com.qmsflow.web;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.util.unit.DataSize;

/** The web layer's error handling for a standalone MockMvc (no application context). */
public final class WebTestSupport {

  private WebTestSupport() {}

  /** The application's message bundles, configured as in application.yaml. */
  public static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  /** The one error handler, as the application has it. */
  public static ApiExceptionHandler exceptionHandler() {
    ResourceBundleMessageSource messages = messages();
    return new ApiExceptionHandler(new ApiProblems(messages), messages, DataSize.ofMegabytes(20));
  }

  /** A browser session in which {@code userId} has logged in to the Camunda webapps. */
  public static MockHttpSession signedIn(String userId) {
    Authentications authentications = new Authentications();
    authentications.addOrReplace(new UserAuthentication(userId, "default"));
    MockHttpSession session = new MockHttpSession();
    AuthenticationUtil.updateSession(session, authentications);
    return session;
  }
}
