package com.qmsflow.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The application's texts ({@code messages.properties}, {@code messages_zh.properties}): every key
 * in both languages, none empty, and a text with arguments uses the same arguments in both and is a
 * valid {@link MessageFormat} pattern.
 */
class MessageBundlesTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

  static Map<String, String> bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> texts = new TreeMap<>();
    properties.forEach((key, value) -> texts.put((String) key, (String) value));
    return texts;
  }

  @Test
  void everyKeyIsInBothLanguages() throws IOException {
    Map<String, String> english = bundle("messages.properties");
    Map<String, String> chinese = bundle("messages_zh.properties");
    Set<String> onlyEnglish = new TreeSet<>(english.keySet());
    onlyEnglish.removeAll(chinese.keySet());
    Set<String> onlyChinese = new TreeSet<>(chinese.keySet());
    onlyChinese.removeAll(english.keySet());
    assertThat(onlyEnglish).as("keys without a Chinese text").isEmpty();
    assertThat(onlyChinese).as("keys without an English text").isEmpty();
    assertThat(english).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
    assertThat(chinese).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
  }

  @Test
  void bothLanguagesUseTheSameArguments() throws IOException {
    Map<String, String> english = bundle("messages.properties");
    Map<String, String> chinese = bundle("messages_zh.properties");
    for (String key : english.keySet()) {
      Set<String> arguments = arguments(english.get(key));
      assertThat(arguments(chinese.getOrDefault(key, "")))
          .as("arguments of %s in Chinese", key)
          .isEqualTo(arguments);
      if (!arguments.isEmpty()) {
        new MessageFormat(english.get(key));
        new MessageFormat(chinese.get(key));
      }
    }
  }

  @Test
  void aChineseTextIsTranslatedNotCopied() throws IOException {
    Map<String, String> english = bundle("messages.properties");
    Map<String, String> chinese = bundle("messages_zh.properties");
    Pattern words = Pattern.compile("[A-Za-z]{3,}");
    Pattern cjk = Pattern.compile("[\\u4e00-\\u9fff]");
    assertThat(chinese)
        .allSatisfy(
            (key, text) ->
                assertThat(
                        !words.matcher(english.getOrDefault(key, "")).find()
                            || cjk.matcher(text).find())
                    .as("%s has no Chinese text: %s", key, text)
                    .isTrue());
  }

  private static Set<String> arguments(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
