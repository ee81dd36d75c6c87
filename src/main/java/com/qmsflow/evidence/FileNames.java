package com.qmsflow.evidence;

/** Makes an uploaded file's name safe to store and to send back in a header. */
public final class FileNames {

  static final int MAX_LENGTH = 200;

  private FileNames() {}

  /**
   * The last path segment (a browser or client may send {@code C:\fakepath\x.jpg} or {@code ../x}),
   * without control, format (bidi override) and line characters, quotes or reserved characters,
   * without leading dots, at most {@value #MAX_LENGTH} characters with its extension kept; {@code
   * file} when nothing is left.
   */
  public static String sanitise(String name) {
    String n = name == null ? "" : name;
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    n.codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              if (type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR
                  || type == Character.UNASSIGNED
                  || type == Character.SURROGATE) {
                return;
              }
              if ("\"<>:|?*;".indexOf(cp) >= 0) {
                clean.append('_');
              } else {
                clean.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
              }
            });
    String result =
        clean.toString().trim().replaceAll(" {2,}", " ").replaceFirst("^\\.+", "").trim();
    if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
      int dot = result.lastIndexOf('.');
      String ext = dot > 0 && result.length() - dot <= 10 ? result.substring(dot) : "";
      String base = ext.isEmpty() ? result : result.substring(0, dot);
      int keep = MAX_LENGTH - ext.length();
      base =
          base.substring(
              0, base.offsetByCodePoints(0, Math.min(keep, base.codePointCount(0, base.length()))));
      result = base.trim() + ext;
    }
    return result.isEmpty() ? "file" : result;
  }
}
