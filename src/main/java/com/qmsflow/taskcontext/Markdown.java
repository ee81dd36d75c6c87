package com.qmsflow.taskcontext;

/**
 * Makes a recorded text safe to place in a form's Markdown text view: on one line, with the
 * characters Markdown and HTML would interpret inside a line escaped, so what a person typed shows
 * as typed. The texts are always placed after a prefix ("- label: "), never at a line's start, so
 * line-start markers (#, 1., -, >) need no escape.
 */
final class Markdown {

  private static final String SPECIAL = "\\`*_[]|~";

  private Markdown() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.replaceAll("\\s*\\R\\s*", " ").toCharArray()) {
      if (c == '<') {
        out.append("&lt;");
      } else if (c == '&') {
        out.append("&amp;");
      } else if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
