package com.qmsflow.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a form submission may contain at all, before the form's own rules: only the form's fields,
 * only plain values (text, numbers, booleans, dates; JSON lists for checklist/taglist fields), no
 * text beyond Camunda's 4000-character string variable, no expression syntax ({@code ${…}}, {@code
 * #{…}}), markup or control characters anywhere, no non-finite or absurdly large numbers. The
 * engine never evaluates variable values, but such values travel on into documents, mails and other
 * systems that might.
 */
public final class SubmissionHygiene {

  public static final String NO_EXPRESSIONS =
      "must not contain ${ or #{ (expressions are not accepted)";

  /** Camunda stores a string variable in a varchar(4000) column. */
  public static final int MAX_TEXT = 4000;

  /** Larger than any quantity, amount or count the procedure knows. */
  public static final double MAX_NUMBER = 1e12;

  private static final Set<String> LIST_TYPES = Set.of("checklist", "taglist");

  private SubmissionHygiene() {}

  private static final java.util.regex.Pattern MARKUP =
      java.util.regex.Pattern.compile("<[A-Za-z!/?]");
  private static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  public static boolean containsExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /**
   * What is wrong with a text value anywhere in a submission, or {@code null}: expression syntax,
   * HTML/script tags (the texts are plain text; a {@code <} before a digit or space is fine) or
   * control characters other than tab and line breaks.
   */
  public static String textProblem(String text) {
    if (text == null) {
      return null;
    }
    if (containsExpression(text)) {
      return NO_EXPRESSIONS;
    }
    if (MARKUP.matcher(text).find()) {
      return "must not contain HTML or script tags (plain text only)";
    }
    if (CONTROL.matcher(text).find()) {
      return "must not contain control characters";
    }
    return null;
  }

  /**
   * Problems of the submitted variables (not merged with existing ones) against the form's fields.
   */
  public static List<FieldError> check(FormSchema schema, VariableMap submitted) {
    Map<String, FormSchema.Field> fields =
        schema.fields().stream()
            .collect(Collectors.toMap(FormSchema.Field::key, f -> f, (a, b) -> a));
    List<FieldError> errors = new ArrayList<>();
    for (String name : submitted.keySet()) {
      FormSchema.Field field = fields.get(name);
      if (field == null && fields.keySet().stream().noneMatch(key -> key.startsWith(name + "."))) {
        errors.add(new FieldError(name, "is not a field of form " + schema.id()));
        continue;
      }
      TypedValue typed = submitted.getValueTyped(name);
      String subject = field == null ? name : field.displayName();
      boolean listField = field != null && LIST_TYPES.contains(field.type());
      // untyped values (REST without "type", Java maps) have no type; their raw value is checked
      // below
      // an empty field (Tasklist sends null for a cleared date) is no value: the form's rules say
      // whether the field is required
      if (typed != null
          && typed.getType() != null
          && typed.getType() != ValueType.NULL
          && !(typed instanceof PrimitiveValue<?>)
          && !listField) {
        errors.add(
            new FieldError(
                name,
                subject
                    + " must be a plain value (text, number, boolean or date), not "
                    + typed.getType().getName()));
        continue;
      }
      checkValue(name, subject, typed == null ? null : typed.getValue(), errors);
    }
    return errors;
  }

  private static void checkValue(
      String name, String subject, Object value, List<FieldError> errors) {
    if (value instanceof String text) {
      if (text.length() > MAX_TEXT) {
        errors.add(
            new FieldError(name, subject + " must be at most " + MAX_TEXT + " characters long"));
      }
      String problem = textProblem(text);
      if (problem != null) {
        errors.add(new FieldError(name, subject + " " + problem));
      }
    } else if (value instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > MAX_NUMBER) {
        errors.add(
            new FieldError(
                name,
                subject
                    + " must be a number between -"
                    + (long) MAX_NUMBER
                    + " and "
                    + (long) MAX_NUMBER));
      }
    } else if (value instanceof Collection<?> items) {
      items.forEach(item -> checkValue(name, subject, item, errors));
    } else if (value != null && !(value instanceof Boolean) && !(value instanceof java.util.Date)) {
      String text = String.valueOf(value);
      if (text.length() > MAX_TEXT || textProblem(text) != null) {
        errors.add(
            new FieldError(
                name,
                subject
                    + " must be a plain value without expressions, at most "
                    + MAX_TEXT
                    + " characters"));
      }
    }
  }
}
