package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;

/**
 * Translates the messages of violated field rules for the caller. The form rules write English
 * sentences of a few fixed shapes ("Quantity (数量) (quantity) must be at least 1"); each shape below
 * is a key of the message bundles whose first argument is the field's name as the rule wrote it. A
 * message of another shape stays as the rule wrote it. The shape "must match the pattern …" is
 * answered without the pattern: users do not read regular expressions.
 *
 * <p>What a person reads names the field by its label in their language only: the variable key the
 * rules write in brackets ("(quantity)") is left out (the key stays in the answer's {@code field}),
 * and a bilingual label "Quantity (数量)" becomes "数量" in Chinese and "Quantity" in English. The
 * fixed terms a rule puts into its sentence are translated likewise: {@code ruleTerm.<rule>.<name>}
 * is a term of the sentence {@code rule.<rule>} (e.g. the step that needs evidence files in {@code
 * rule.evidenceFiles}), found by its English text.
 */
final class FieldMessages {

  private record Shape(Pattern rule, String key) {}

  private static final String MARK = "\uE000";
  private static final Pattern ARGUMENT = Pattern.compile(MARK + "\\d+" + MARK);

  private static final List<Shape> SHAPES =
      List.of(
          shape("is required(?: and must not be blank)?", "field.required"),
          shape("must not be blank", "field.required"),
          shape("must be at least (\\d+) characters long", "field.minLength"),
          shape(
              "must (?:be at most|not be longer than) (\\d+) characters(?: long)?",
              "field.maxLength"),
          shape("must match the pattern .*", "field.pattern"),
          shape("must be a valid email address", "field.email"),
          shape("must be a valid international phone number \\(e\\.g\\. (.*)\\)", "field.phone"),
          shape("must be true or false", "field.boolean"),
          shape("must be one of:? (.*)", "field.oneOf"),
          shape("contains '(.*)', which is not one of: (.*)", "field.notOneOf"),
          shape("must be a single value", "field.single"),
          shape("must be a list of values", "field.list"),
          shape("must be a time in the format HH:mm", "field.time"),
          shape("must be a date and time in the format yyyy-MM-ddTHH:mm", "field.dateTime"),
          shape("must be a date (?:in the format yyyy-MM-dd|like 2026-03-31)", "field.date"),
          shape("is not a valid date: (.*)", "field.invalidDate"),
          shape("must not be in the future", "field.future"),
          shape("must not be in the past", "field.past"),
          shape("must not be before (.*)", "field.notBefore"),
          shape("must be (?:a JSON number|a number)", "field.number"),
          shape("must be a whole number", "field.wholeNumber"),
          shape("must not be negative", "field.negative"),
          shape("must be at least (-?[\\d.]+)", "field.min"),
          shape("must be at most (-?[\\d.]+)", "field.max"),
          shape("must be a number between (-?\\d+) and (-?\\d+)", "field.range"),
          shape("must be (?:a JSON string|a text|text)", "field.text"),
          shape("must not contain control characters", "field.control"),
          shape("must not contain HTML or script tags \\(plain text only\\)", "field.html"),
          shape(
              "must not contain \\$\\{ or #\\{ \\(expressions are not accepted\\)",
              "field.expression"),
          shape("is not a field of (?:form )?(.*)", "field.unknown"),
          shape("is not in the customer archive", "field.unknownCustomer"),
          shape(
              "is deactivated in the customer archive and cannot receive new complaints",
              "field.inactiveCustomer"),
          shape("The request body must be a JSON object", "field.body"),
          shape(
              "must be a plain value \\(text, number, boolean or date\\), not .*",
              "field.plainValue"),
          shape(
              "must be a plain value without expressions, at most (\\d+) characters",
              "field.plainText"),
          shape("must be 2-30 capital letters, digits or hyphens", "field.defectCodeFormat"),
          shape(
              "must be the letter C followed by 3 to 19 digits, e\\.g\\. (\\S+)",
              "field.customerCodeFormat"));

  /**
   * The sentences of the project's cross-field form rules ({@code rule.*} keys of the bundles): the
   * English text of each key, with its arguments {@code {0}}, {@code {1}} … as wildcards, is the
   * rule's message; the request's language then gives the same key in Chinese.
   */
  private static final List<Shape> RULES = ruleShapes();

  /**
   * A bilingual label as the forms write it, "English (中文)": the English part, then the Chinese in
   * the last brackets (the English may hold brackets of its own: "Cost impact (CNY) (成本影响)").
   */
  private static final Pattern BILINGUAL =
      Pattern.compile(
          "^(.*?\\p{IsLatin}.*?)\\s*[(（]([^()（）]*\\p{IsHan}[^()（）]*)[)）]$", Pattern.DOTALL);

  /** A Chinese character or punctuation mark: no space before it in a Chinese sentence. */
  private static final String CHINESE_NEXT = "[\\p{IsHan}，。：；、（）“”]";

  /** Per rule sentence key ({@code rule.x}): its terms' keys ({@code ruleTerm.x.*}) by English. */
  private static final Map<String, Map<String, String>> TERMS = ruleTerms();

  private static ResourceBundle english() {
    return ResourceBundle.getBundle(
        "messages",
        Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static Map<String, Map<String, String>> ruleTerms() {
    ResourceBundle english = english();
    Map<String, Map<String, String>> terms = new HashMap<>();
    for (String key : Collections.list(english.getKeys())) {
      if (key.startsWith("ruleTerm.")) {
        String rule = "rule." + key.substring("ruleTerm.".length(), key.lastIndexOf('.'));
        terms.computeIfAbsent(rule, r -> new HashMap<>()).put(english.getString(key), key);
      }
    }
    return Map.copyOf(terms);
  }

  private static List<Shape> ruleShapes() {
    ResourceBundle english = english();
    List<Shape> shapes = new ArrayList<>();
    for (String key : Collections.list(english.getKeys())) {
      if (key.startsWith("rule.")) {
        shapes.add(new Shape(sentence(english.getString(key)), key));
      }
    }
    // the most specific sentence first: a longer fixed text wins over a shorter one
    shapes.sort(Comparator.comparingInt((Shape r) -> -r.rule().pattern().length()));
    return List.copyOf(shapes);
  }

  /**
   * The pattern of a bundle sentence: its fixed text literally, each argument as a wildcard. The
   * arguments must appear in the order of their numbers ({@code MessageBundlesTest} keeps it so).
   */
  static Pattern sentence(String format) {
    MessageFormat message = new MessageFormat(format, Locale.ROOT);
    int count = message.getFormatsByArgumentIndex().length;
    Object[] markers = new Object[count];
    for (int i = 0; i < count; i++) {
      markers[i] = MARK + i + MARK;
    }
    String text = message.format(markers);
    StringBuilder pattern = new StringBuilder("^");
    Matcher argument = ARGUMENT.matcher(text);
    int from = 0;
    while (argument.find()) {
      pattern.append(Pattern.quote(text.substring(from, argument.start()))).append("(.+?)");
      from = argument.end();
    }
    pattern.append(Pattern.quote(text.substring(from))).append('$');
    return Pattern.compile(pattern.toString(), Pattern.DOTALL);
  }

  private static Shape shape(String rule, String key) {
    return new Shape(Pattern.compile("^(.*?)\\s*" + rule + "$", Pattern.DOTALL), key);
  }

  private FieldMessages() {}

  /**
   * The message of a violated rule in the caller's language, naming the field by its label only.
   *
   * @param field the field's key (as in {@link FieldError#field()}), left out of the text
   */
  static String translate(String field, String message, MessageSource messages, Locale locale) {
    for (Shape shape : RULES) {
      Matcher m = shape.rule().matcher(message);
      if (m.matches()) {
        Object[] arguments = new Object[m.groupCount()];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = term(shape.key(), m.group(i + 1), messages, locale);
        }
        // formatted here also without arguments, so '' is an apostrophe in every sentence
        String sentence = messages.getMessage(shape.key(), null, null, locale);
        return withoutKey(
            sentence == null ? message : new MessageFormat(sentence, locale).format(arguments),
            field);
      }
    }
    for (Shape shape : SHAPES) {
      Matcher m = shape.rule().matcher(message);
      if (m.matches()) {
        Object[] arguments = new Object[m.groupCount()];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = m.group(i + 1);
        }
        String subject = label(withoutKey(m.group(1), field), locale);
        arguments[0] = subject;
        String text =
            joined(
                subject,
                withoutKey(messages.getMessage(shape.key(), arguments, message, locale), field));
        return subject.isEmpty() ? capitalise(text.strip()) : text;
      }
    }
    return withoutKey(message, field);
  }

  static FieldError translate(FieldError error, MessageSource messages, Locale locale) {
    return new FieldError(
        error.field(), translate(error.field(), error.message(), messages, locale));
  }

  /**
   * A form's bilingual label in one language: "Quantity (数量)" is "数量" in Chinese, "Quantity"
   * otherwise; any other text as it is.
   */
  static String label(String text, Locale locale) {
    Matcher bilingual = BILINGUAL.matcher(text.strip());
    if (!bilingual.matches()) {
      return text;
    }
    return isChinese(locale) ? bilingual.group(2).strip() : bilingual.group(1).strip();
  }

  /** A part of a rule's sentence: a fixed term or a bilingual label in the caller's language. */
  private static String term(String rule, String part, MessageSource messages, Locale locale) {
    String key = TERMS.getOrDefault(rule, Map.of()).get(part);
    String term = key == null ? null : messages.getMessage(key, null, null, locale);
    return term != null ? term : label(part, locale);
  }

  /** The text without the field's key in brackets: "Quantity (quantity) …" is "Quantity …". */
  static String withoutKey(String text, String field) {
    if (field == null || field.isBlank()) {
      return text;
    }
    String result = text;
    String last = field.substring(field.lastIndexOf('.') + 1);
    for (String key : field.equals(last) ? List.of(field) : List.of(field, last)) {
      // "客户同意 (key)：" is "客户同意：", "意见 (key) 必填" is "意见必填"
      result =
          result.replaceAll(
              "\\s*[(（]" + Pattern.quote(key) + "[)）](?:\\s+(?=" + CHINESE_NEXT + "))?", "");
    }
    return result;
  }

  /** After a Chinese subject, a Chinese sentence goes on without a space: "渠道为必填项". */
  private static String joined(String subject, String text) {
    if (!subject.isEmpty()
        && text.startsWith(subject + " ")
        && Character.UnicodeScript.of(subject.codePointBefore(subject.length()))
            == Character.UnicodeScript.HAN
        && text.substring(subject.length() + 1).matches("(?s)" + CHINESE_NEXT + ".*")) {
      return subject + text.substring(subject.length() + 1);
    }
    return text;
  }

  private static boolean isChinese(Locale locale) {
    return locale != null && "zh".equals(locale.getLanguage());
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
