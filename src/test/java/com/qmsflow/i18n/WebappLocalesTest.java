package com.qmsflow.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chinese locale files of the Camunda webapps
 * (src/main/resources/META-INF/resources/webjars/camunda/app/{app}/locales/zh.json) against the
 * English ones of the webjar on the test classpath, and the config.js overrides that offer them.
 */
class WebappLocalesTest {

  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * {{name}} of angular-translate, {} of the activity-instance counter, %s/%d of moment's relative
   * times.
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|\\{}|%[sd]");

  private static final Pattern TAG = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)\\b[^<>]*>");

  /**
   * Only real HTML elements count as tags: "<null>" or "<Operation>" are texts shown to the user.
   */
  private static final Set<String> HTML_ELEMENTS =
      Set.of(
          "a", "b", "br", "strong", "em", "i", "span", "code", "p", "ul", "ol", "li", "div", "pre",
          "small", "u", "kbd", "table", "tr", "td", "th", "sup", "sub", "hr", "img");

  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

  /**
   * English values that stay without Chinese characters: product names, symbols, formats, technical
   * words, two sentence fragments whose Chinese is punctuation only, the English plural suffix "s"
   * (Chinese has none, so it is empty) and values that are empty in English too.
   */
  private static final Set<String> KEPT_WITHOUT_CHINESE =
      Set.of(
          "",
          "s",
          "<",
          "<=",
          ">",
          ">=",
          "<null>",
          "<undefined>",
          "CSV",
          "JSON",
          "Camunda",
          "Camunda Cockpit",
          "Cockpit",
          "Tasklist",
          "Admin",
          "ID",
          "ID*",
          "Optimize",
          "YYYY-MM-DDTHH:mm:ss",
          "null",
          "requestPayload",
          " out of ",
          "flag.");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseHasExactlyTheKeysOfEnglish(String app) throws IOException {
    Map<String, Object> en = flatten(stockText(APP + app + "/locales/en.json"));
    Map<String, Object> zh = flatten(ourText(APP + app + "/locales/zh.json"));

    assertThat(en).as("English labels of %s in the webjar", app).hasSizeGreaterThan(100);
    assertThat(zh.keySet())
        .as("keys of %s zh.json", app)
        .containsExactlyInAnyOrderElementsOf(en.keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyValueIsTranslatedWithPlaceholdersAndTagsKept(String app) throws IOException {
    Map<String, Object> en = flatten(stockText(APP + app + "/locales/en.json"));
    Map<String, Object> zh = flatten(ourText(APP + app + "/locales/zh.json"));
    List<String> problems = new ArrayList<>();

    en.forEach(
        (key, enValue) -> {
          Object zhValue = zh.get(key);
          if (!(enValue instanceof String english)) {
            if (key.startsWith("dateLocales.week.") && !enValue.equals(zhValue)) {
              problems.add(key + ": week numbering " + zhValue + " instead of " + enValue);
            }
            return;
          }
          if (!(zhValue instanceof String chinese)) {
            problems.add(key + ": no text");
            return;
          }
          if (!english.isBlank() && chinese.isBlank() && !english.equals("s")) {
            problems.add(key + ": empty");
          }
          if (!KEPT_WITHOUT_CHINESE.contains(english)
              && !isDateFormat(key)
              && !CJK.matcher(chinese).find()) {
            problems.add(key + ": not translated: " + chinese);
          }
          if (!tokens(PLACEHOLDER, english).equals(tokens(PLACEHOLDER, chinese))) {
            problems.add(
                key
                    + ": placeholders "
                    + tokens(PLACEHOLDER, chinese)
                    + " instead of "
                    + tokens(PLACEHOLDER, english));
          }
          if (!htmlTags(english).equals(htmlTags(chinese))) {
            problems.add(key + ": tags " + htmlTags(chinese) + " instead of " + htmlTags(english));
          }
        });

    assertThat(problems).as("translation problems in %s zh.json", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersChineseAndEnglishAndKeepsEveryStockSetting(String app) throws IOException {
    String path = APP + app + "/scripts/config.js";
    String ours = ourText(path);
    String stock = stockText(path);

    Matcher locales =
        Pattern.compile(
                "(?m)^  locales: \\{\\s*availableLocales: \\[([^]]*)],\\s*fallbackLocale:"
                    + " '([a-z]+)'\\s*},\\n")
            .matcher(ours);
    assertThat(locales.find()).as("active locales block in our %s config.js", app).isTrue();
    assertThat(locales.group(1).replaceAll("[\\s']", "").split(",")).containsExactly("en", "zh");
    assertThat(locales.group(2)).isEqualTo("en");

    // Served is the first one on the classpath: ours, not the webjar's.
    assertThat(read(getClass().getClassLoader().getResource(path))).isEqualTo(ours);
    // Everything else is the stock file: remove our comment and the locales block and compare.
    // Cockpit and Tasklist load the plugin linking the application's pages, Tasklist also the
    // script showing form refusals at their fields; the other apps load no script
    Matcher customScripts = Pattern.compile("(?m)^  customScripts: \\[([^]]*)],\\n").matcher(ours);
    List<String> scripts =
        customScripts.find()
            ? List.of(customScripts.group(1).replaceAll("[\\s']", "").split(","))
            : List.of();
    switch (app) {
      case "cockpit" -> assertThat(scripts).contains("scripts/dashboard-link.js");
      case "tasklist" ->
          assertThat(scripts)
              .contains(
                  "scripts/shell-links.js", "scripts/form-refusals.js", "scripts/task-list.js");
      default -> assertThat(scripts).as("%s config.js loads no script", app).isEmpty();
    }
    String withoutOurs =
        ours.replace(locales.group(0), "")
            .replaceFirst("(?m)^  customScripts: \\[[^]]*],\\n", "")
            .replaceFirst("(?s)/\\*\\n \\* complaint-handling:.*?\\*/\\n", "");
    assertThat(withoutOurs).isEqualTo(stock);
  }

  private static boolean isDateFormat(String key) {
    return key.startsWith("dateLocales.longDateFormat.")
        || key.equals("dateLocales.calendar.sameElse");
  }

  private static List<String> tokens(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    Collections.sort(found);
    return found;
  }

  private static List<String> htmlTags(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      if (HTML_ELEMENTS.contains(m.group(1).toLowerCase())) {
        found.add(m.group());
      }
    }
    Collections.sort(found);
    return found;
  }

  private static Map<String, Object> flatten(String json) throws IOException {
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("", JSON.readTree(json), flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Object> flat) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), flat));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + i + ".", node.get(i), flat);
      }
    } else {
      flat.put(
          prefix.substring(0, prefix.length() - 1),
          node.isTextual() ? node.textValue() : node.numberValue());
    }
  }

  /** The file as shipped in camunda-webapp-webjar. */
  private String stockText(String path) throws IOException {
    return read(resource(path, true));
  }

  /** The project's own file (build output), not the webjar's. */
  private String ourText(String path) throws IOException {
    return read(resource(path, false));
  }

  private URL resource(String path, boolean fromWebjar) throws IOException {
    List<URL> candidates = Collections.list(getClass().getClassLoader().getResources(path));
    return candidates.stream()
        .filter(url -> url.toString().contains("camunda-webapp-webjar") == fromWebjar)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    (fromWebjar ? "webjar" : "project")
                        + " has no "
                        + path
                        + " among "
                        + candidates));
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
  }
}
