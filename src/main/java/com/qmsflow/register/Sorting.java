package com.qmsflow.register;

import com.qmsflow.web.QueryParams;
import java.util.Map;

/**
 * The whitelisted orders of a register: {@code sort=received} ascending, {@code sort=-received}
 * descending; the key column breaks ties so that pages never overlap.
 */
record Sorting(String value, String orderBy) {

  /**
   * The order of the request; {@code nullable} names the columns that may be null, whose nulls come
   * last (the others are ordered as their index is, so that a page is read from the index).
   */
  static Sorting read(
      QueryParams params,
      Map<String, String> columns,
      String fallback,
      String keyColumn,
      java.util.Set<String> nullable) {
    String value = params.oneOf("sort", allowed(columns));
    if (value == null) {
      value = fallback;
    }
    boolean descending = value.startsWith("-");
    String key = descending ? value.substring(1) : value;
    String column = columns.get(key);
    String direction = descending ? " desc" : " asc";
    String nulls = nullable.contains(key) ? " nulls last" : "";
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
