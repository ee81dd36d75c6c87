package com.qmsflow.change;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reading form values (texts, numbers, {@code yyyy-MM-dd} dates) the way Tasklist and the API
 * submit them.
 */
final class ChangeValues {

  private ChangeValues() {}

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  static BigDecimal amount(Object value) {
    if (value instanceof BigDecimal b) {
      return b;
    }
    if (value instanceof Number || value instanceof String) {
      try {
        String text = value.toString().trim();
        return text.isEmpty() ? null : new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static LocalDate date(Object value) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
