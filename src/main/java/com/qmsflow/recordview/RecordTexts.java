package com.qmsflow.recordview;

import com.qmsflow.web.PlantTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The texts of a record as the templates write them ({@code ${t.h('key')}}, {@code ${t.l(label)}},
 * {@code ${t.v(value)}}): on a page in the reader's language, in print in both ("English (中文)"), so
 * the same template serves the page and the PDF. Times are plant time.
 */
public final class RecordTexts {

  private static final Locale ZH = Locale.CHINESE;
  private static final Locale EN = Locale.ENGLISH;

  private final MessageSource messages;
  private final PlantTime plantTime;
  private final Locale locale;

  private RecordTexts(MessageSource messages, PlantTime plantTime, Locale locale) {
    this.messages = messages;
    this.plantTime = plantTime;
    this.locale = locale;
  }

  /** For a page in one language. */
  static RecordTexts page(MessageSource messages, PlantTime plantTime, Locale locale) {
    return new RecordTexts(messages, plantTime, "zh".equals(locale.getLanguage()) ? ZH : EN);
  }

  /** For print: every heading and label in English and Chinese. */
  static RecordTexts print(MessageSource messages, PlantTime plantTime) {
    return new RecordTexts(messages, plantTime, null);
  }

  public boolean print() {
    return locale == null;
  }

  /** A text of the bundles. */
  public String h(String key, Object... args) {
    if (locale != null) {
      return messages.getMessage(key, args, locale);
    }
    return both(messages.getMessage(key, args, EN), messages.getMessage(key, args, ZH));
  }

  /**
   * Who recorded a customer's decision and how ("by sales (sales), phone"): the channel is a part
   * of the sentence, so in print each language is built whole before the two are joined.
   */
  public String decisionSource(String source, String recordedBy, String channel) {
    if (locale != null) {
      return decisionSource(source, recordedBy, channel, locale);
    }
    return both(
        decisionSource(source, recordedBy, channel, EN),
        decisionSource(source, recordedBy, channel, ZH));
  }

  private String decisionSource(String source, String by, String channel, Locale language) {
    String how =
        channel == null
            ? ""
            : messages.getMessage("record.decision.channel", new Object[] {channel}, language);
    return messages.getMessage(
        "record.decision.source." + source, new Object[] {by, how}, language);
  }

  /** A text of the bundles for a value ({@code prefix + value}); the value itself if none. */
  public String k(String prefix, String value) {
    return k(prefix, value, null);
  }

  /**
   * A text of the bundles for a value ({@code prefix + value}); if the bundles have none, the text
   * of {@code fallbackKey}, or without one the value itself.
   */
  public String k(String prefix, String value, String fallbackKey) {
    if (value == null) {
      return "";
    }
    String key = prefix + value;
    if (messages.getMessage(key, null, null, EN) != null) {
      return h(key);
    }
    return fallbackKey == null ? value : h(fallbackKey);
  }

  /** A label of a model or form. */
  public String l(Label label) {
    if (label == null) {
      return "";
    }
    if (locale == null) {
      return both(label.en(), label.zh());
    }
    return locale == ZH ? label.zh() : label.en();
  }

  /** A recorded value: a label, a time (plant time), yes/no, or the text as entered. */
  public String v(Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return "–";
    }
    if (value instanceof Label label) {
      return l(label);
    }
    if (value instanceof Boolean b) {
      return h(b ? "record.value.yes" : "record.value.no");
    }
    if (value instanceof Instant instant) {
      return plantTime.dateTime(instant);
    }
    if (value instanceof Date date) {
      return plantTime.dateTime(date.toInstant());
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value.toString();
  }

  /** A time, plant time; "–" for none. */
  public String time(Instant instant) {
    return instant == null ? "–" : plantTime.dateTime(instant);
  }

  private static String both(String en, String zh) {
    return en.equals(zh) ? en : en + " (" + zh + ")";
  }
}
