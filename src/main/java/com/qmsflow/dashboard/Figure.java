package com.qmsflow.dashboard;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One figure of the dashboard: a table whose rows are drawn as a chart and downloaded as CSV.
 *
 * @param figure the figure's id (also the last path segment of its URL)
 * @param title what it shows
 * @param month the chosen month (yyyy-MM)
 * @param from first month the figure covers (yyyy-MM)
 * @param to last month the figure covers (yyyy-MM)
 * @param filters the filters applied (empty values left out)
 * @param columns the row keys in display order
 * @param rows the values, each row keyed by column
 */
public record Figure(
    String figure,
    String title,
    String month,
    String from,
    String to,
    Map<String, String> filters,
    List<String> columns,
    List<Map<String, Object>> rows) {

  /** RFC 4180 CSV with a header line, UTF-8 with byte order mark (so Excel shows Chinese text). */
  public byte[] toCsv() {
    StringBuilder csv = new StringBuilder("\uFEFF");
    csv.append(String.join(",", columns.stream().map(Figure::cell).toList())).append("\r\n");
    for (Map<String, Object> row : rows) {
      csv.append(String.join(",", columns.stream().map(c -> cell(row.get(c))).toList()))
          .append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      // a spreadsheet must not run a cell as a formula
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
