package com.qmsflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The texts a page's script shows, for the template to hand over as a JSON block ({@code <script
 * type="application/json" id="page-texts">}, which the Content-Security-Policy lets the script
 * read): every key of {@code messages.properties} that starts with the given prefix (e.g. {@code
 * dashboard.js.}), in the request's language, keyed by the rest of the key. The texts are patterns
 * as written in the bundle; {@code qms.t(key, ...)} of {@code /app/shell.js} fills {@code {0}}, …
 */
@Component
public class PageTexts {

  private final MessageSource messages;
  private final List<String> keys;
  private final ObjectMapper json = new ObjectMapper();

  public PageTexts(MessageSource messages) {
    this.messages = messages;
    Properties english = new Properties();
    try (InputStream in = new ClassPathResource("messages.properties").getInputStream()) {
      english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.keys = english.stringPropertyNames().stream().sorted().toList();
  }

  /** The texts under {@code prefix} in the language of the current request, as a JSON object. */
  public String json(String prefix) {
    return json(prefix, LocaleContextHolder.getLocale());
  }

  String json(String prefix, Locale locale) {
    Map<String, String> texts = new TreeMap<>();
    for (String key : keys) {
      if (key.startsWith(prefix)) {
        texts.put(key.substring(prefix.length()), messages.getMessage(key, null, locale));
      }
    }
    try {
      // inside <script>, "</script>" or "<!--" must not appear: escape the characters that start
      // them
      return json.writeValueAsString(texts)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
