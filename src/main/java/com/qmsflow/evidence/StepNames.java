package com.qmsflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The names of the steps an evidence file belongs to, as the models name their user tasks ("Verify
 * effectiveness (验证改善效果)"), in the page's language, so the evidence page shows the task's name
 * instead of its key ({@code userTaskVerifyEffectiveness}).
 */
@Component
public class StepNames {

  private static final Pattern USER_TASK =
      Pattern.compile("<bpmn:userTask\\s+id=\"([^\"]+)\"\\s+name=\"([^\"]+)\"");
  private static final Pattern BILINGUAL = Pattern.compile("^(.*\\S)\\s*[(（]([^()（）]*)[)）]$");

  private final Map<String, String> english = new HashMap<>();
  private final Map<String, String> chinese = new HashMap<>();

  public StepNames() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (Resource model : resolver.getResources("classpath*:processes/*.bpmn")) {
        try (InputStream in = model.getInputStream()) {
          Matcher m = USER_TASK.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            String name = unescape(m.group(2));
            Matcher parts = BILINGUAL.matcher(name.trim());
            english.putIfAbsent(m.group(1), parts.matches() ? parts.group(1) : name);
            chinese.putIfAbsent(m.group(1), parts.matches() ? parts.group(2) : name);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("models unreadable", e);
    }
  }

  private static String unescape(String xml) {
    return xml.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
  }

  /** The step's name in the language, or the key itself for a step no model names. */
  public String name(String taskDefinitionKey, Locale locale) {
    Map<String, String> names =
        Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? chinese : english;
    return names.getOrDefault(taskDefinitionKey, taskDefinitionKey);
  }

  /** Every step's name in the language, by key. */
  public Map<String, String> all(Locale locale) {
    return new TreeMap<>(
        Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? chinese : english);
  }
}
