package com.qmsflow.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of a request, as the Camunda webapps choose it: the browser's {@code
 * Accept-Language}; Chinese when it prefers {@code zh}, else English (also without the header). API
 * errors, the filters' refusals and the pages use this one resolver.
 */
@Configuration
public class WebLocale {

  public static final Locale CHINESE = Locale.CHINESE;
  public static final Locale ENGLISH = Locale.ENGLISH;

  private static final AcceptHeaderLocaleResolver RESOLVER = new AcceptHeaderLocaleResolver();

  static {
    RESOLVER.setSupportedLocales(List.of(ENGLISH, CHINESE));
    RESOLVER.setDefaultLocale(ENGLISH);
  }

  /** The language of this request: {@link #CHINESE} or {@link #ENGLISH}. */
  public static Locale of(HttpServletRequest request) {
    Locale locale = RESOLVER.resolveLocale(request);
    return CHINESE.getLanguage().equals(locale.getLanguage()) ? CHINESE : ENGLISH;
  }

  @Bean
  public LocaleResolver localeResolver() {
    return new LocaleResolver() {
      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return of(request);
      }

      @Override
      public void setLocale(
          HttpServletRequest request,
          jakarta.servlet.http.HttpServletResponse response,
          Locale locale) {
        throw new UnsupportedOperationException("the browser's language chooses");
      }
    };
  }
}
