package com.qmsflow.register;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A piece of SQL with its positional parameters; the register queries are built from these. */
final class Sql {

  private final StringBuilder text;
  final List<Object> params;

  private Sql(String text, List<Object> params) {
    this.text = new StringBuilder(text);
    this.params = params;
  }

  static Sql of(String text, Object... params) {
    return new Sql(text, new ArrayList<>(Arrays.asList(params)));
  }

  Sql append(Sql other) {
    text.append(other.text);
    params.addAll(other.params);
    return this;
  }

  /** {@code (this) or (other)}. */
  Sql or(Sql other) {
    Sql result = Sql.of("((" + text + ") or (" + other.text + "))");
    result.params.addAll(params);
    result.params.addAll(other.params);
    return result;
  }

  String text() {
    return text.toString();
  }

  /** The conditions joined by {@code and}, as a where clause ({@code ""} without any). */
  static Sql where(List<Sql> conditions) {
    if (conditions.isEmpty()) {
      return Sql.of("");
    }
    Sql where = Sql.of(" where ");
    for (int i = 0; i < conditions.size(); i++) {
      if (i > 0) {
        where.append(Sql.of(" and "));
      }
      where.append(Sql.of("(")).append(conditions.get(i)).append(Sql.of(")"));
    }
    return where;
  }
}
