package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import java.util.List;
import java.util.Locale;
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
          shape("The request body must be a JSON object", "field.body"));

  private static Shape shape(String rule, String key) {
    return new Shape(Pattern.compile("^(.*?)\\s*" + rule + "$", Pattern.DOTALL), key);
  }

  private FieldMessages() {}

  static String translate(String message, MessageSource messages, Locale locale) {
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
