package com.qmsflow.customer;

import com.qmsflow.customer.ArchiveColumns.Column;
import com.qmsflow.customer.ArchiveColumns.Kind;
import com.qmsflow.customer.CustomerArchive.Contact;
import com.qmsflow.customer.CustomerArchive.MasterData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the archive files: the export (customers with contacts; revenue for who may see it) and
 * the empty templates, as .xlsx (POI's streaming writer) or CSV (UTF-8 with BOM, CRLF, so Excel
 * opens Chinese text correctly). Headers are in the caller's language; the import reads either. A
 * CSV cell that starts with = + - @, a tab or CR is prefixed with an apostrophe so that a
 * spreadsheet does not run it as a formula; the import removes that apostrophe again, so an export
 * imported back changes nothing. (.xlsx cells are written as text or numbers, never formulas.)
 */
@Component
class ArchiveExport {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String CSV = "text/csv;charset=UTF-8";

  private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@\\t\\r]");

  /** One sheet of rows; a cell is a String, an Integer or a BigDecimal (null = empty). */
  record Table(String sheet, List<String> header, List<List<Object>> rows) {}

  private final CustomerArchive archive;
  private final MessageSource messages;

  ArchiveExport(CustomerArchive archive, MessageSource messages) {
    this.archive = archive;
    this.messages = messages;
  }

  // ---- content ----------------------------------------------------------------------------------

  Table customers(Locale locale) {
    Map<String, MasterData> customers = archive.all();
    Map<String, List<Contact>> contacts = archive.allContacts();
    int groups = Math.max(1, contacts.values().stream().mapToInt(List::size).max().orElse(0));
    List<Column> columns = ArchiveColumns.columns(Kind.CUSTOMERS, groups);
    List<List<Object>> rows = new ArrayList<>();
    String yes = text("customerImport.yes", locale);
    String no = text("customerImport.no", locale);
    for (MasterData c : customers.values()) {
      List<Object> row = new ArrayList<>();
      row.add(c.code());
      row.add(c.name());
      row.add(c.address());
      row.add(c.phone());
      row.add(c.active() ? yes : no);
      row.add(c.salesRep());
      List<Contact> list = contacts.getOrDefault(c.code(), List.of());
      for (int i = 0; i < groups; i++) {
        Contact contact = i < list.size() ? list.get(i) : null;
        row.add(contact == null ? null : contact.name());
        row.add(contact == null ? null : contact.role());
        row.add(contact == null ? null : contact.phone());
        row.add(contact == null ? null : contact.email());
      }
      rows.add(row);
    }
    return new Table(sheetName(Kind.CUSTOMERS, locale), headers(columns, locale), rows);
  }

  Table revenue(Locale locale) {
    Map<String, MasterData> customers = archive.all();
    List<List<Object>> rows = new ArrayList<>();
    archive
        .allRevenue()
        .forEach(
            (code, years) ->
                years.forEach(
                    (year, revenue) -> {
                      MasterData c = customers.get(code);
                      rows.add(
                          new ArrayList<>(
                              List.of(code, c == null ? "" : c.name(), year, revenue.setScale(2))));
                    }));
    return new Table(
        sheetName(Kind.REVENUE, locale),
        headers(ArchiveColumns.columns(Kind.REVENUE, 0), locale),
        rows);
  }

  Table template(Kind kind, Locale locale) {
    return new Table(
        sheetName(kind, locale),
        headers(ArchiveColumns.columns(kind, ArchiveColumns.TEMPLATE_CONTACTS), locale),
        List.of());
  }

  /** The template's second sheet: each column, whether it is required, what it takes. */
  Table instructions(Kind kind, Locale locale) {
    List<List<Object>> rows = new ArrayList<>();
    for (Column c : ArchiveColumns.columns(kind, ArchiveColumns.TEMPLATE_CONTACTS)) {
      String key = c.field().startsWith("contact") ? c.field().replaceAll("\\d+", "N") : c.field();
      rows.add(
          new ArrayList<>(
              List.of(
                  c.header(locale),
                  text(c.required() ? "customerImport.yes" : "customerImport.no", locale),
                  text("customerImport.column." + kind.id + "." + key, locale))));
    }
    return new Table(
        text("customerImport.sheet.instructions", locale),
        List.of(
            text("customerImport.instructions.column", locale),
            text("customerImport.instructions.required", locale),
            text("customerImport.instructions.content", locale)),
        rows);
  }

  String sheetName(Kind kind, Locale locale) {
    return text("customerImport.sheet." + kind.id, locale);
  }

  private static List<String> headers(List<Column> columns, Locale locale) {
    return columns.stream().map(c -> c.header(locale)).toList();
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }

  // ---- formats ----------------------------------------------------------------------------------

  /** CSV, UTF-8 with BOM, CRLF line ends, formula-guarded cells. */
  static byte[] csv(Table table) {
    StringBuilder s = new StringBuilder("\uFEFF");
    line(s, new ArrayList<>(table.header()));
    for (List<Object> row : table.rows()) {
      line(s, row);
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder s, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      Object value = cells.get(i);
      String text =
          value == null
              ? ""
              : value instanceof BigDecimal d ? d.toPlainString() : guard(value.toString());
      if (text.indexOf(',') >= 0
          || text.indexOf('"') >= 0
          || text.indexOf('\n') >= 0
          || text.indexOf('\r') >= 0) {
        s.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        s.append(text);
      }
    }
    s.append("\r\n");
  }

  /** A text a spreadsheet would take for a formula gets a leading apostrophe. */
  static String guard(String text) {
    return FORMULA.matcher(text).find() ? "'" + text : text;
  }

  /** .xlsx with one sheet per table, header row bold and frozen. */
  static byte[] xlsx(List<Table> tables) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle header = workbook.createCellStyle();
      header.setFont(bold);
      for (Table table : tables) {
        SXSSFSheet sheet = workbook.createSheet(table.sheet());
        var first = sheet.createRow(0);
        for (int i = 0; i < table.header().size(); i++) {
          var cell = first.createCell(i);
          cell.setCellValue(table.header().get(i));
          cell.setCellStyle(header);
          sheet.setColumnWidth(
              i, Math.min(60, Math.max(12, table.header().get(i).length() * 2 + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (List<Object> row : table.rows()) {
          var line = sheet.createRow(r++);
          for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
              continue;
            }
            var cell = line.createCell(i);
            if (value instanceof Integer n) {
              cell.setCellValue(n);
            } else if (value instanceof BigDecimal d
                && BigDecimal.valueOf(d.doubleValue()).compareTo(d) == 0) {
              cell.setCellValue(d.doubleValue());
            } else {
              // text, and amounts a double cannot hold exactly
              cell.setCellValue(
                  value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      workbook.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
