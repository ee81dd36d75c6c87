package com.qmsflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What JSON itself can get wrong in an intake body (complaints, contract changes): unknown
 * properties and values of the wrong type, turned into field errors. Each returns the value for the
 * process variable, or {@code null} after adding an error.
 */
public final class JsonFields {

  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private JsonFields() {}

  /** One error per property of the body that is not among the allowed ones. */
  public static void rejectUnknown(
      JsonNode body, Set<String> allowed, String ofWhat, List<FieldError> errors) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        errors.add(new FieldError(name, name + " is not a field of " + ofWhat));
      }
    }
  }

  /**
   * A JSON string of at most {@code max} characters without expressions, markup or control
   * characters.
   */
  public static String text(String key, JsonNode node, int max, List<FieldError> errors) {
    if (!node.isTextual()) {
      errors.add(new FieldError(key, key + " must be a JSON string"));
      return null;
    }
    String text = node.textValue();
    if (text.length() > max) {
      errors.add(new FieldError(key, key + " must be at most " + max + " characters long"));
      return null;
    }
    String problem = SubmissionHygiene.textProblem(text);
    if (problem != null) {
      errors.add(new FieldError(key, key + " " + problem));
      return null;
    }
    return text;
  }

  /** A {@code yyyy-MM-dd} date as a string; blank is "missing" and left to the form to judge. */
  public static String date(String key, JsonNode node, List<FieldError> errors) {
    String message = key + " must be a date in the format yyyy-MM-dd, e.g. 2026-03-31";
    if (!node.isTextual()) {
      errors.add(new FieldError(key, message));
      return null;
    }
    String text = node.textValue();
    if (text.isBlank()) {
      return text;
    }
    if (!ISO_DATE.matcher(text).matches()) {
      errors.add(new FieldError(key, message));
      return null;
    }
    try {
      LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(key, key + " is not a valid date: " + text));
      return null;
    }
    return text;
  }

  public static Boolean bool(String key, JsonNode node, List<FieldError> errors) {
    if (!node.isBoolean()) {
      errors.add(new FieldError(key, key + " must be true or false"));
      return null;
    }
    return node.booleanValue();
  }
}
