package com.qmsflow.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Form values as Tasklist sends them to {@code POST /engine-rest/task/{id}/submit-form}: typed
 * values.
 */
public final class SubmitFormVariables {

  private SubmitFormVariables() {}

  /** {@code {name: {value, type}}} for each plain value, in the given order. */
  public static Map<String, Object> of(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> variables.put(name, Map.of("value", value, "type", type(value))));
    return variables;
  }

  private static String type(Object value) {
    if (value instanceof String) {
      return "String";
    }
    if (value instanceof Boolean) {
      return "Boolean";
    }
    if (value instanceof Integer || value instanceof Short) {
      return "Integer";
    }
    if (value instanceof Long) {
      return "Long";
    }
    if (value instanceof Number) {
      return "Double";
    }
    throw new IllegalArgumentException(
        "No typed value for " + value.getClass().getName() + ": " + value);
  }
}
