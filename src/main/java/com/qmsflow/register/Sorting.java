package com.qmsflow.register;

import java.util.Map;

/**
 * The whitelisted orders of a register: {@code sort=received} ascending, {@code sort=-received}
 * descending; the key column breaks ties so that pages never overlap.
 */
record Sorting(String value, String orderBy) {

  static Sorting read(
      RegisterParams params, Map<String, String> columns, String fallback, String keyColumn) {
    String value = params.oneOf("sort", allowed(columns));
    if (value == null) {
      value = fallback;
    }
    boolean descending = value.startsWith("-");
    String column = columns.get(descending ? value.substring(1) : value);
    String direction = descending ? " desc" : " asc";
    String nulls = descending ? " nulls last" : " nulls first";
    String orderBy =
        column.equals(keyColumn)
            ? column + direction
            : column + direction + nulls + ", " + keyColumn + direction;
    return new Sorting(value, orderBy);
  }

  private static java.util.List<String> allowed(Map<String, String> columns) {
    return columns.keySet().stream().flatMap(k -> java.util.stream.Stream.of(k, "-" + k)).toList();
  }
}
