package com.qmsflow.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SQL condition with its positional parameters, to be put into a {@code where} clause as it is
 * (it is parenthesised).
 */
public record Condition(String sql, List<Object> params) {

  public Condition {
    params = List.copyOf(params);
  }

  static Condition of(String sql, Object... params) {
    return new Condition("(" + sql + ")", Arrays.asList(params));
  }

  Condition or(Condition other) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(other.params);
    return new Condition("(" + sql + " or " + other.sql + ")", all);
  }
}
