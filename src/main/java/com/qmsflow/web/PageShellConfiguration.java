package com.qmsflow.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security headers of every page of a {@link PageController}: only the application's own
 * scripts, styles, images and connections ({@code 'self'}; no CDN, no inline script: a page hands
 * data to its script in {@code data-*} attributes and {@code application/json} blocks), never
 * framed by another site. Inline style attributes are allowed because the charting library writes
 * them into its tooltips; they cannot run code.
 */
@Configuration(proxyBeanMethods = false)
public class PageShellConfiguration implements WebMvcConfigurer {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self';"
          + " form-action 'self'";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
        new HandlerInterceptor() {
          @Override
          public boolean preHandle(
              HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method
                && method.getBeanType().isAnnotationPresent(PageController.class)) {
              response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
              response.setHeader("X-Content-Type-Options", "nosniff");
              response.setHeader("Referrer-Policy", "same-origin");
              // the page shows who is signed in: never from a shared cache
              response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
              response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
            }
            return true;
          }
        });
  }
}
