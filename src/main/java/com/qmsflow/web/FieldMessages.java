package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;

/**
 * Translates the messages of violated field rules for the caller. The form rules write English
 * sentences of a few fixed shapes ("Quantity (quantity) must be at least 1"); each shape below is a
 * key of the message bundles whose first argument is the field's name as the rule wrote it. A
 * message of another shape stays as the rule wrote it. The shape "must match the pattern …" is
 * answered without the pattern: users do not read regular expressions.
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

  private static List<Shape> ruleShapes() {
    ResourceBundle english =
        ResourceBundle.getBundle(
            "messages",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
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

  static String translate(String message, MessageSource messages, Locale locale) {
    for (Shape shape : RULES) {
      Matcher m = shape.rule().matcher(message);
      if (m.matches()) {
        Object[] arguments = new Object[m.groupCount()];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = m.group(i + 1);
        }
        // formatted here also without arguments, so '' is an apostrophe in every sentence
        String sentence = messages.getMessage(shape.key(), null, null, locale);
        return sentence == null ? message : new MessageFormat(sentence, locale).format(arguments);
      }
    }
    for (Shape shape : SHAPES) {
      Matcher m = shape.rule().matcher(message);
      if (m.matches()) {
        Object[] arguments = new Object[m.groupCount()];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = m.group(i + 1);
        }
        String subject = m.group(1);
        String text = messages.getMessage(shape.key(), arguments, message, locale);
        return subject.isEmpty() ? capitalise(text.strip()) : text;
      }
    }
    return message;
  }

  static FieldError translate(FieldError error, MessageSource messages, Locale locale) {
    return new FieldError(error.field(), translate(error.message(), messages, locale));
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
