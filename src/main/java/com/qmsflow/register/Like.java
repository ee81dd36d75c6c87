package com.qmsflow.register;

/** A user's search text inside a {@code like} pattern with {@code escape '\'}: taken literally. */
final class Like {

  private Like() {}

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
