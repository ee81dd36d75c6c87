package com.qmsflow.web;

import com.qmsflow.forms.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a list request (the registers, the customer's history), read one by one;
 * every bad one becomes a field error (written in the English shapes that web/FieldMessages
 * translates), and {@link #done} refuses the request with all of them, unknown parameters included.
 */
public final class QueryParams {

  public static final int MAX_TEXT = 200;

  private final Map<String, String[]> raw;
  private final Set<String> read = new TreeSet<>();
  private final List<FieldError> errors = new ArrayList<>();

  public QueryParams(Map<String, String[]> raw) {
    this.raw = raw;
  }

  /** A text (trimmed; null when absent or blank). */
  public String text(String name) {
    String value = single(name);
    if (value == null) {
      return null;
    }
    value = value.strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_TEXT) {
      errors.add(new FieldError(name, name + " must be at most " + MAX_TEXT + " characters long"));
      return null;
    }
    if (value.chars().anyMatch(ch -> Character.isISOControl(ch))) {
      errors.add(new FieldError(name, name + " must not contain control characters"));
      return null;
    }
    return value;
  }

  /** One of the given values (null when absent). */
  public String oneOf(String name, Collection<String> values) {
    String value = text(name);
    if (value != null && !values.contains(value)) {
      errors.add(new FieldError(name, name + " must be one of: " + String.join(", ", values)));
      return null;
    }
    return value;
  }

  public Boolean bool(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        errors.add(new FieldError(name, name + " must be true or false"));
        yield null;
      }
    };
  }

  public LocalDate date(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, name + " must be a date in the format yyyy-MM-dd"));
      return null;
    }
  }

  public int integer(String name, int fallback, int min, int max) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, name + " must be a whole number"));
      return fallback;
    }
    if (number < min) {
      errors.add(new FieldError(name, name + " must be at least " + min));
      return fallback;
    }
    if (number > max) {
      errors.add(new FieldError(name, name + " must be at most " + max));
      return fallback;
    }
    return number;
  }

  /** A period of plant-local days, {@code [from 00:00, day after to 00:00)}. */
  public record Period(Instant from, Instant toExclusive) {}

  public Period period(String fromName, String toName, ZoneId zone) {
    LocalDate from = date(fromName);
    LocalDate to = date(toName);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(toName, toName + " must not be before " + fromName));
      return null;
    }
    if (from == null && to == null) {
      return null;
    }
    return new Period(
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** Accepts these parameters without reading them (the list's paging for an export). */
  public void ignore(String... names) {
    read.addAll(List.of(names));
  }

  /** Refuses the request when a parameter was bad or is not one of the register's. */
  public void done() {
    for (String name : new TreeSet<>(raw.keySet())) {
      if (!read.contains(name)) {
        errors.add(new FieldError(name, name + " is not a field of " + String.join(", ", read)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  private String single(String name) {
    read.add(name);
    String[] values = raw.get(name);
    if (values == null || values.length == 0) {
      return null;
    }
    if (values.length > 1) {
      errors.add(new FieldError(name, name + " must be a single value"));
      return null;
    }
    return values[0];
  }
}
