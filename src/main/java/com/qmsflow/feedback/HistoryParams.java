package com.qmsflow.feedback;

import com.qmsflow.forms.FieldError;
import com.qmsflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paging parameters of the feedback history, with the names, limits and messages of the
 * registers' lists: {@code page} from 0, {@code size} 1–200 (default 20, the customer page's).
 * Every bad or unknown parameter is a field error (in the English shapes that web/FieldMessages
 * translates), all of them in one 400.
 */
record HistoryParams(int page, int size) {

  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 200;
  static final int MAX_PAGE = 1_000_000;

  /** {@code page} and {@code size}. */
  static HistoryParams of(Map<String, String[]> raw) {
    return read(raw, Set.of("page", "size"));
  }

  /** {@code size} only: the first page of every section. */
  static HistoryParams firstPages(Map<String, String[]> raw) {
    return read(raw, Set.of("size"));
  }

  private static HistoryParams read(Map<String, String[]> raw, Set<String> accepted) {
    List<FieldError> errors = new ArrayList<>();
    int page = accepted.contains("page") ? integer(raw, "page", 0, 0, MAX_PAGE, errors) : 0;
    int size = integer(raw, "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
    String fields = String.join(", ", new TreeSet<>(accepted));
    for (String name : new TreeSet<>(raw.keySet())) {
      if (!accepted.contains(name)) {
        errors.add(new FieldError(name, name + " is not a field of " + fields));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new HistoryParams(page, size);
  }

  private static int integer(
      Map<String, String[]> raw,
      String name,
      int fallback,
      int min,
      int max,
      List<FieldError> errors) {
    String[] values = raw.get(name);
    if (values == null || values.length == 0 || values[0].isBlank()) {
      return fallback;
    }
    if (values.length > 1) {
      errors.add(new FieldError(name, name + " must be a single value"));
      return fallback;
    }
    int number;
    try {
      number = Integer.parseInt(values[0].strip());
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
}
