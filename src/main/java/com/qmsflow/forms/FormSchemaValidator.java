package com.qmsflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks submitted variables against the rules a Camunda Form declares, so the form file is the
 * single source of its validation rules. Stateless and thread-safe.
 *
 * <p>Rules: {@code validate.required} (null, blank string and empty list are missing; a checkbox
 * {@code false} is an answer); number {@code validate.min}/{@code max}, {@code decimalDigits},
 * {@code increment}; text {@code validate.minLength}/{@code maxLength} (counted on the trimmed
 * value, as form-js does), {@code validate.pattern} (the whole value must match) and {@code
 * validate.validationType} email/phone; radio/select/checklist/taglist values must be among the
 * static {@code values}; datetime values must parse as ISO {@code yyyy-MM-dd} (subtype date),
 * {@code HH:mm[:ss][offset]} (time) or {@code yyyy-MM-ddTHH:mm[:ss][offset]} (datetime). Read-only
 * and disabled fields are skipped; absent optional fields produce no error.
 *
 * <p>Values are looked up by the field's key; a dotted key ({@code a.b}, or a field in a group with
 * a {@code path}) is looked up literally first, then through nested {@link Map}s or Jackson {@link
 * JsonNode}s. A field whose parent value is some other object (e.g. a Camunda Spin JSON value)
 * cannot be inspected and is skipped; convert such values to a {@code Map} first.
 */
@Component
public class FormSchemaValidator {

  /** Close to the HTML5 / form-js email rule. */
  static final Pattern EMAIL =
      Pattern.compile(
          "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
              + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

  /**
   * International number as form-js expects it: {@code +} or {@code 00}, a country code that does
   * not start with 0, then digits only; 7 to 20 digits in all.
   */
  static final Pattern PHONE = Pattern.compile("(?:\\+|00)[1-9][0-9]{6,19}");

  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ConcurrentMap<String, Pattern> patterns = new ConcurrentHashMap<>();

  /** The violated rules, in form order; empty when the variables satisfy the form. */
  public List<FieldError> validate(FormSchema schema, Map<String, Object> variables) {
    Map<String, Object> vars = variables == null ? Map.of() : variables;
    List<FieldError> errors = new ArrayList<>();
    for (FormSchema.Field field : schema.fields()) {
      if (field.skipped()) {
        continue;
      }
      Lookup lookup = lookup(vars, field.key());
      if (!lookup.inspectable()) {
        continue;
      }
      validateField(field, lookup.value(), errors);
    }
    return errors;
  }

  /**
   * Like {@link #validate} but throws a {@link FormValidationException} when any rule is violated.
   */
  public void validateOrThrow(FormSchema schema, Map<String, Object> variables) {
    List<FieldError> errors = validate(schema, variables);
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void validateField(FormSchema.Field field, Object value, List<FieldError> errors) {
    if (isMissing(value)) {
      if (field.required() && !field.conditional()) {
        errors.add(error(field, "is required"));
      }
      return;
    }
    switch (field.type()) {
      case "number" -> validateNumber(field, value, errors);
      case "textfield", "textarea" -> validateText(field, value, errors);
      case "checkbox" -> validateCheckbox(field, value, errors);
      case "radio", "select" -> validateChoice(field, value, errors);
      case "checklist", "taglist" -> validateMultiChoice(field, value, errors);
      case "datetime" -> validateDateTime(field, value, errors);
      default -> {}
    }
  }

  private void validateNumber(FormSchema.Field field, Object value, List<FieldError> errors) {
    BigDecimal number = toNumber(value);
    if (number == null) {
      errors.add(error(field, "must be a number"));
      return;
    }
    if (field.min() != null && number.compareTo(field.min()) < 0) {
      errors.add(error(field, "must be at least " + plain(field.min())));
    }
    if (field.max() != null && number.compareTo(field.max()) > 0) {
      errors.add(error(field, "must be at most " + plain(field.max())));
    }
    Integer digits = field.decimalDigits();
    if (digits != null && number.stripTrailingZeros().scale() > digits) {
      errors.add(
          error(
              field,
              digits == 0
                  ? "must be a whole number"
                  : "must have at most " + digits + " decimal digit" + (digits == 1 ? "" : "s")));
    }
    BigDecimal increment = field.increment();
    if (increment != null && number.remainder(increment).signum() != 0) {
      errors.add(error(field, "must be a multiple of " + plain(increment)));
    }
  }

  private void validateText(FormSchema.Field field, Object value, List<FieldError> errors) {
    String text = scalarText(value);
    if (text == null) {
      errors.add(error(field, "must be text"));
      return;
    }
    String problem = SubmissionHygiene.textProblem(text);
    if (problem != null) {
      errors.add(error(field, problem));
    }
    int length = text.trim().length();
    if (field.minLength() != null && length < field.minLength()) {
      errors.add(error(field, "must be at least " + field.minLength() + " characters long"));
    }
    if (field.maxLength() != null && length > field.maxLength()) {
      errors.add(error(field, "must be at most " + field.maxLength() + " characters long"));
    }
    if (field.pattern() != null
        && !patterns.computeIfAbsent(field.pattern(), Pattern::compile).matcher(text).matches()) {
      errors.add(error(field, "must match the pattern " + field.pattern()));
    }
    if ("email".equals(field.validationType()) && !EMAIL.matcher(text).matches()) {
      errors.add(error(field, "must be a valid email address"));
    }
    if ("phone".equals(field.validationType()) && !PHONE.matcher(text).matches()) {
      errors.add(error(field, "must be a valid international phone number (e.g. +4930664040900)"));
    }
  }

  private void validateCheckbox(FormSchema.Field field, Object value, List<FieldError> errors) {
    boolean isBoolean =
        value instanceof Boolean
            || value instanceof CharSequence s
                && ("true".equalsIgnoreCase(s.toString().trim())
                    || "false".equalsIgnoreCase(s.toString().trim()));
    if (!isBoolean) {
      errors.add(error(field, "must be true or false"));
    }
  }

  private void validateChoice(FormSchema.Field field, Object value, List<FieldError> errors) {
    String text = scalarText(value);
    if (text == null) {
      errors.add(
          error(field, field.allowedValues() == null ? "must be a single value" : oneOf(field)));
      return;
    }
    if (field.allowedValues() != null && !isAllowed(field.allowedValues(), value, text)) {
      errors.add(error(field, oneOf(field)));
    }
  }

  private void validateMultiChoice(FormSchema.Field field, Object value, List<FieldError> errors) {
    List<?> items = asList(value);
    if (items == null) {
      errors.add(error(field, "must be a list of values"));
      return;
    }
    if (field.allowedValues() == null) {
      return;
    }
    for (Object item : items) {
      String text = scalarText(item);
      if (text == null || !isAllowed(field.allowedValues(), item, text)) {
        errors.add(
            error(
                field,
                "contains '"
                    + item
                    + "', which is not one of: "
                    + String.join(", ", field.allowedValues())));
      }
    }
  }

  private void validateDateTime(FormSchema.Field field, Object value, List<FieldError> errors) {
    String subtype = field.subtype() == null ? "date" : field.subtype();
    switch (subtype) {
      case "time" -> {
        if (!(value instanceof LocalTime || value instanceof OffsetTime || isTime(value))) {
          errors.add(error(field, "must be a time in the format HH:mm"));
        }
      }
      case "datetime" -> {
        if (!(value instanceof Date
            || value instanceof LocalDateTime
            || value instanceof OffsetDateTime
            || value instanceof ZonedDateTime
            || value instanceof java.time.Instant
            || isDateTime(value))) {
          errors.add(error(field, "must be a date and time in the format yyyy-MM-ddTHH:mm"));
        }
      }
      default -> {
        if (!(value instanceof LocalDate || value instanceof Date || isDate(value))) {
          errors.add(error(field, "must be a date in the format yyyy-MM-dd"));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static FieldError error(FormSchema.Field field, String rule) {
    return new FieldError(field.key(), field.displayName() + " " + rule);
  }

  private static String oneOf(FormSchema.Field field) {
    return "must be one of: " + String.join(", ", field.allowedValues());
  }

  private static boolean isMissing(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof CharSequence s) {
      return s.toString().isBlank();
    }
    if (value instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (value instanceof Object[] a) {
      return a.length == 0;
    }
    if (value instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    return false;
  }

  private static boolean isAllowed(List<String> allowed, Object value, String text) {
    if (allowed.contains(text)) {
      return true;
    }
    BigDecimal number =
        value instanceof Number || value instanceof CharSequence ? toNumber(value) : null;
    if (number == null) {
      return false;
    }
    for (String option : allowed) {
      try {
        if (new BigDecimal(option.trim()).compareTo(number) == 0) {
          return true;
        }
      } catch (NumberFormatException ignored) {
        // not a numeric option
      }
    }
    return false;
  }

  /**
   * The text of a String, Number, Boolean or Character; {@code null} for lists, maps and other
   * objects.
   */
  private static String scalarText(Object value) {
    if (value instanceof CharSequence || value instanceof Boolean || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Number) {
      BigDecimal n = toNumber(value);
      return n == null ? value.toString() : plain(n);
    }
    return null;
  }

  private static List<?> asList(Object value) {
    if (value instanceof List<?> l) {
      return l;
    }
    if (value instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (value instanceof Object[] a) {
      return Arrays.asList(a);
    }
    return null;
  }

  static BigDecimal toNumber(Object value) {
    try {
      if (value instanceof BigDecimal d) {
        return d;
      }
      if (value instanceof BigInteger i) {
        return new BigDecimal(i);
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
      }
      if (value instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      if (value instanceof CharSequence s) {
        String t = s.toString().trim();
        return t.isEmpty() ? null : new BigDecimal(t);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  private static boolean isDate(Object value) {
    if (!(value instanceof CharSequence s) || !ISO_DATE.matcher(s).matches()) {
      return false;
    }
    return parses(() -> LocalDate.parse(s));
  }

  private static boolean isTime(Object value) {
    if (!(value instanceof CharSequence s)) {
      return false;
    }
    return parses(() -> LocalTime.parse(s)) || parses(() -> OffsetTime.parse(s));
  }

  private static boolean isDateTime(Object value) {
    if (!(value instanceof CharSequence s)) {
      return false;
    }
    return parses(() -> LocalDateTime.parse(s)) || parses(() -> OffsetDateTime.parse(s));
  }

  private static boolean parses(java.util.function.Supplier<Temporal> parser) {
    try {
      parser.get();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private record Lookup(Object value, boolean inspectable) {}

  private static Lookup lookup(Map<String, Object> variables, String key) {
    if (variables.containsKey(key) || key.indexOf('.') < 0) {
      return new Lookup(plainValue(variables.get(key)), true);
    }
    Object current = variables;
    for (String segment : key.split("\\.")) {
      if (current == null) {
        return new Lookup(null, true);
      }
      if (current instanceof Map<?, ?> map) {
        current = map.get(segment);
      } else if (current instanceof JsonNode node) {
        current = node.isObject() ? node.get(segment) : null;
      } else {
        return new Lookup(null, false);
      }
    }
    return new Lookup(plainValue(current), true);
  }

  /** Jackson nodes become plain Java values (String, Integer, Double, Boolean, List, Map). */
  private static Object plainValue(Object value) {
    if (value instanceof JsonNode node) {
      if (node.isNull() || node.isMissingNode()) {
        return null;
      }
      if (node.isNumber()) {
        return node.decimalValue();
      }
      return MAPPER.convertValue(node, Object.class);
    }
    return value;
  }
}
