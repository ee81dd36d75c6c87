package com.qmsflow.recordview;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text in both languages, as the models and forms write it: "English (中文)". */
public record Label(String en, String zh) {

  private static final Pattern BILINGUAL = Pattern.compile("^(.*\\S)\\s*[(（]([^()（）]*)[)）]$");

  /** Splits "English (中文)"; a text without a Chinese part is the same in both languages. */
  public static Label of(String text) {
    if (text == null) {
      return new Label("", "");
    }
    Matcher m = BILINGUAL.matcher(text.trim());
    return m.matches() ? new Label(m.group(1), m.group(2)) : new Label(text, text);
  }
}
