package com.qmsflow.customer;

import com.qmsflow.web.ApiException;
import com.qmsflow.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.springframework.http.HttpStatus;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an uploaded import file into rows of text cells: CSV (UTF-8 with or without BOM, else GBK;
 * comma, semicolon or tab) or .xlsx (every sheet, streamed with POI's SAX reader, raw cell values,
 * never formatted ones). A file that is not what its name says, too large, or an .xlsx that
 * inflates like a zip bomb is refused as a whole ({@link ApiException}), so nothing is imported.
 */
final class ImportFile {

  /** Largest file accepted (also documented in docs/customers.md). */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  /** Rows per sheet and columns per row read at most (a 10 MB CSV holds fewer). */
  static final int MAX_ROWS = 200_000;

  static final int MAX_COLUMNS = 200;

  /** An .xlsx part (e.g. a sheet's XML) may inflate to at most this many bytes. */
  static final long MAX_XLSX_ENTRY = 256L * 1024 * 1024;

  static {
    // POI's zip bomb guard: a part may not inflate more than 100 times (POI's default ratio, set
    // here explicitly), nor beyond MAX_XLSX_ENTRY, and a workbook has at most 1000 parts.
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(MAX_XLSX_ENTRY);
    ZipSecureFile.setMaxFileCount(1000);
  }

  /** One row as read: its number as the user sees it (1 = the first line) and its cells. */
  record Row(int number, List<String> cells) {
    String cell(int column) {
      return column < cells.size() ? cells.get(column) : null;
    }

    boolean blank() {
      return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
  }

  /** A sheet (a CSV file is one sheet without a name). */
  record Sheet(String name, List<Row> rows) {}

  /** A problem of the file's structure at a row (e.g. an open quote); reported like a cell's. */
  record Problem(int row, String key, Object... arguments) {}

  /** The file as read. */
  record Content(String format, String encoding, List<Sheet> sheets, List<Problem> problems) {}

  private ImportFile() {}

  /**
   * Reads the file.
   *
   * @param name the file name as uploaded; its extension says what it must be
   */
  static Content read(String name, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw InvalidRequestException.of("file", "customerImport.file.empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "customerImport.file.tooLarge",
          String.valueOf(bytes.length),
          "10 MB");
    }
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT).trim();
    if (lower.endsWith(".xlsx")) {
      return xlsx(name, bytes);
    }
    if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
      return csv(name, bytes);
    }
    if (lower.endsWith(".xls")) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.oldExcel", display(name));
    }
    throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.type", display(name));
  }

  private static String display(String name) {
    return name == null || name.isBlank() ? "?" : name;
  }

  // ---- what a file really is --------------------------------------------------------------------

  /** A few signatures of binary files people upload by mistake. */
  static String binaryKind(byte[] b) {
    if (starts(b, 0x50, 0x4B, 0x03, 0x04)) {
      return "ZIP/.xlsx";
    }
    if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "Excel 97-2003 (.xls)";
    }
    if (starts(b, 0x89, 'P', 'N', 'G')) {
      return "PNG";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "JPEG";
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return "GIF";
    }
    if (starts(b, '%', 'P', 'D', 'F')) {
      return "PDF";
    }
    if (starts(b, 0xFF, 0xFE) || starts(b, 0xFE, 0xFF)) {
      return "UTF-16";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... signature) {
    if (b.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((b[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  // ---- CSV --------------------------------------------------------------------------------------

  static Content csv(String name, byte[] bytes) {
    String kind = binaryKind(bytes);
    if (kind != null) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.notCsv", display(name), kind);
    }
    String encoding;
    String text;
    boolean bom = starts(bytes, 0xEF, 0xBB, 0xBF);
    try {
      text = decode(bytes, bom ? 3 : 0, StandardCharsets.UTF_8);
      encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
    } catch (CharacterCodingException notUtf8) {
      try {
        text = decode(bytes, 0, Charset.forName("GBK"));
        encoding = "GBK";
      } catch (CharacterCodingException notGbk) {
        throw new ApiException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.encoding", display(name));
      }
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7F) {
        throw new ApiException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "customerImport.file.notCsv",
            display(name),
            "binary");
      }
    }
    List<Problem> problems = new ArrayList<>();
    List<Row> rows = parseCsv(text, delimiter(text), problems);
    return new Content("csv", encoding, List.of(new Sheet(null, rows)), problems);
  }

  private static String decode(byte[] bytes, int offset, Charset charset)
      throws CharacterCodingException {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
        .toString();
  }

  /** The separator of the first line: comma unless it holds more semicolons or tabs. */
  static char delimiter(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    long commas = first.chars().filter(c -> c == ',').count();
    long semicolons = first.chars().filter(c -> c == ';').count();
    long tabs = first.chars().filter(c -> c == '\t').count();
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  /** RFC 4180: quoted fields may hold the separator, line breaks and doubled quotes. */
  static List<Row> parseCsv(String text, char separator, List<Problem> problems) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int record = 1;
    boolean quoted = false;
    boolean wasQuoted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
        rows.add(new Row(record, List.copyOf(cells)));
        cells.clear();
        record++;
        if (rows.size() > MAX_ROWS) {
          problems.add(new Problem(record, "customerImport.file.tooManyRows", MAX_ROWS));
          return rows;
        }
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      problems.add(new Problem(record, "customerImport.file.openQuote"));
    }
    if (!cell.isEmpty() || !cells.isEmpty() || wasQuoted) {
      cells.add(cell.toString());
      rows.add(new Row(record, List.copyOf(cells)));
    }
    return rows;
  }

  // ---- xlsx -------------------------------------------------------------------------------------

  static Content xlsx(String name, byte[] bytes) {
    if (!starts(bytes, 0x50, 0x4B, 0x03, 0x04)) {
      String kind = binaryKind(bytes);
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "customerImport.file.notXlsx",
          display(name),
          kind == null ? "text" : kind);
    }
    Path file = null;
    try {
      // a file, not a stream: POI then reads each part on demand (ZipSecureFile checks the
      // inflation of every part) instead of holding the whole inflated workbook in memory
      file = Files.createTempFile("customer-import", ".xlsx");
      Files.write(file, bytes);
      try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
        XSSFReader reader = new XSSFReader(pkg);
        ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
        List<Sheet> sheets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
          try (InputStream in = it.next()) {
            sheets.add(new Sheet(it.getSheetName(), sheet(in, strings, problems)));
          }
        }
        return new Content("xlsx", null, sheets, problems);
      }
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.notXlsx", display(name), "ZIP");
    } catch (IOException | SAXException | RuntimeException e) {
      if (isZipBomb(e)) {
        throw new ApiException(
            HttpStatus.PAYLOAD_TOO_LARGE, "customerImport.file.zipBomb", display(name));
      }
      if (e instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.notXlsx", display(name), "ZIP");
    } catch (Exception e) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "customerImport.file.notXlsx", display(name), "ZIP");
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file; the JVM's temp directory is cleaned by the system
        }
      }
    }
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.contains("Zip bomb")
              || message.contains("MAX_ENTRY_SIZE")
              || message.contains("maximum allowed")
              || message.contains("setMaxEntrySize"))) {
        return true;
      }
    }
    return false;
  }

  /** Stops reading a sheet that has more rows than we take. */
  private static final class TooManyRows extends SAXException {
    TooManyRows() {
      super("too many rows");
    }
  }

  private static List<Row> sheet(
      InputStream in, ReadOnlySharedStringsTable strings, List<Problem> problems) throws Exception {
    SheetHandler handler = new SheetHandler(strings);
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(handler);
    try {
      parser.parse(new InputSource(in));
    } catch (TooManyRows e) {
      problems.add(new Problem(MAX_ROWS + 1, "customerImport.file.tooManyRows", MAX_ROWS));
    }
    return handler.rows;
  }

  /**
   * The cells of a sheet's XML with their raw values: shared and inline strings as text, numbers as
   * their stored decimal (never Excel's display format), booleans as TRUE/FALSE, formulas by their
   * cached result.
   */
  private static final class SheetHandler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    final List<Row> rows = new ArrayList<>();
    private String[] cells = new String[0];
    private int rowNumber;
    private int nextRow = 1;
    private int column = -1;
    private int nextColumn;
    private String type;
    private boolean inValue;
    private boolean inInline;
    private final StringBuilder value = new StringBuilder();

    SheetHandler(ReadOnlySharedStringsTable strings) {
      this.strings = strings;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      String element = localName == null || localName.isEmpty() ? qName : localName;
      switch (element) {
        case "row" -> {
          String r = attributes.getValue("r");
          rowNumber = r == null ? nextRow : Integer.parseInt(r);
          nextRow = rowNumber + 1;
          cells = new String[0];
          nextColumn = 0;
          if (rows.size() >= MAX_ROWS) {
            throw new TooManyRows();
          }
        }
        case "c" -> {
          String ref = attributes.getValue("r");
          column = ref == null ? nextColumn : columnIndex(ref);
          nextColumn = column + 1;
          type = attributes.getValue("t");
          value.setLength(0);
        }
        case "v" -> {
          inValue = true;
          value.setLength(0);
        }
        case "is" -> {
          inInline = true;
          value.setLength(0);
        }
        default -> {
          // t inside is collects into value; formulas and formats are not read
        }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inValue || inInline) {
        value.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      String element = localName == null || localName.isEmpty() ? qName : localName;
      switch (element) {
        case "v" -> inValue = false;
        case "is" -> inInline = false;
        case "c" -> {
          if (column >= 0 && column < MAX_COLUMNS) {
            String text = cellText(type, value.toString());
            if (column >= cells.length) {
              cells = Arrays.copyOf(cells, column + 1);
            }
            cells[column] = text;
          }
          column = -1;
        }
        case "row" -> rows.add(new Row(rowNumber, Arrays.asList(cells)));
        default -> {
          // nothing
        }
      }
    }

    private String cellText(String type, String raw) {
      if (type == null || type.equals("n")) {
        return raw.isEmpty() ? null : number(raw);
      }
      return switch (type) {
        case "s" ->
            raw.isEmpty() ? null : strings.getItemAt(Integer.parseInt(raw.trim())).getString();
        case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
        case "e" -> "#ERROR " + raw;
        default -> raw; // str (formula result), inlineStr
      };
    }
  }

  /**
   * A stored number as plain decimal text. Excel stores binary doubles, so a typed 1234567.89 may
   * come as 1234567.8899999999: such a value is taken as the shortest decimal of the same double.
   */
  static String number(String raw) {
    try {
      java.math.BigDecimal exact = new java.math.BigDecimal(raw.trim());
      java.math.BigDecimal shortest = java.math.BigDecimal.valueOf(Double.parseDouble(raw.trim()));
      java.math.BigDecimal chosen =
          exact.stripTrailingZeros().scale() > 2 && exact.precision() > 15 ? shortest : exact;
      chosen = chosen.stripTrailingZeros();
      return (chosen.scale() < 0 ? chosen.setScale(0) : chosen).toPlainString();
    } catch (NumberFormatException e) {
      return raw;
    }
  }

  /** 0 for A, 25 for Z, 26 for AA; from a cell reference such as "AB12". */
  static int columnIndex(String reference) {
    int index = 0;
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (c < 'A' || c > 'Z') {
        break;
      }
      index = index * 26 + (c - 'A' + 1);
    }
    return index - 1;
  }

  /** A for 0, Z for 25, AA for 26. */
  static String columnLetter(int index) {
    StringBuilder s = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      s.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return s.toString();
  }
}
