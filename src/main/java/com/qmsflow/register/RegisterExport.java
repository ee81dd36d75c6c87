package com.qmsflow.register;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes a register's rows as {@code .xlsx} (Apache POI, streaming) or CSV (UTF-8 with BOM so that
 * Excel reads Chinese; RFC 4180 quoting). Headers and coded values (status, category …) are in the
 * request's language, times in plant time ({@code qms.calendar.zone}) as {@code yyyy-MM-dd HH:mm}.
 * A CSV cell that begins with {@code = + - @}, a tab or a carriage return is prefixed with {@code
 * '} so that a spreadsheet does not run it as a formula (CSV injection); the {@code .xlsx} cells
 * are typed text or numbers and never formulas.
 */
@Component
public class RegisterExport {

  /**
   * A column: its header is {@code register.column.<key>}; a text value is looked up as {@code
   * <codes><value>} when {@code codes} is set (the value itself when the bundle lacks it).
   */
  public record Column<T>(String key, Function<T, Object> value, String codes) {

    public static <T> Column<T> of(String key, Function<T, Object> value) {
      return new Column<>(key, value, null);
    }

    public static <T> Column<T> coded(String key, Function<T, Object> value, String codes) {
      return new Column<>(key, value, codes);
    }
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final MessageSource messages;
  private final ZoneId zone;

  public RegisterExport(
      MessageSource messages, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  public <T> void csv(List<Column<T>> columns, List<T> rows, Locale locale, OutputStream out)
      throws IOException {
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writeCsvLine(writer, columns.stream().map(c -> header(c, locale)).toList());
    for (T row : rows) {
      writeCsvLine(
          writer,
          columns.stream()
              .map(c -> cell(c, row, locale))
              .map(v -> v == null ? "" : v.toString())
              .toList());
    }
    writer.flush();
  }

  public <T> void xlsx(
      List<Column<T>> columns, List<T> rows, Locale locale, String sheetName, OutputStream out)
      throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    try {
      Sheet sheet = workbook.createSheet(sheetName);
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      CellStyle wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      Row header = sheet.createRow(0);
      for (int i = 0; i < columns.size(); i++) {
        Cell cell = header.createCell(i);
        cell.setCellValue(header(columns.get(i), locale));
        cell.setCellStyle(bold);
        sheet.setColumnWidth(i, 18 * 256);
      }
      sheet.createFreezePane(0, 1);
      int r = 1;
      for (T row : rows) {
        Row line = sheet.createRow(r++);
        for (int i = 0; i < columns.size(); i++) {
          Object value = cell(columns.get(i), row, locale);
          if (value == null) {
            continue;
          }
          Cell cell = line.createCell(i);
          if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
          } else {
            String text = value.toString();
            cell.setCellValue(text);
            if (text.indexOf('\n') >= 0) {
              cell.setCellStyle(wrap);
            }
          }
        }
      }
      workbook.write(out);
    } finally {
      workbook.close();
    }
  }

  private String header(Column<?> column, Locale locale) {
    return messages.getMessage("register.column." + column.key(), null, column.key(), locale);
  }

  /** The cell's value: a number, or a text in the language and plant time. */
  private <T> Object cell(Column<T> column, T row, Locale locale) {
    Object value = column.value().apply(row);
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return DATE_TIME.format(instant.atZone(zone));
    }
    if (value instanceof Boolean flag) {
      return messages.getMessage(flag ? "register.value.yes" : "register.value.no", null, locale);
    }
    if (value instanceof Number) {
      return value;
    }
    String text = value.toString();
    if (column.codes() != null) {
      return messages.getMessage(column.codes() + text, null, text, locale);
    }
    return text;
  }

  private static void writeCsvLine(Writer writer, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(csvCell(cells.get(i)));
    }
    writer.write("\r\n");
  }

  /** A cell as CSV: formula starts neutralised, then quoted when needed. */
  static String csvCell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
