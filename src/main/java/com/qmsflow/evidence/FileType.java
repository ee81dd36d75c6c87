package com.qmsflow.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The allowed evidence file types, recognised by their content (magic bytes), never by their name:
 * JPEG, PNG, GIF, WebP, PDF, Office Open XML (docx, xlsx, pptx: a zip with {@code
 * [Content_Types].xml}), legacy Office (doc, xls, ppt: an OLE2 compound file) and plain text (valid
 * UTF-8 without NUL characters that is not HTML, SVG or XML markup).
 *
 * @param contentType the type stored and served
 * @param extensions file name extensions that may carry this type; a name with any other extension
 *     lies about the content and is refused
 */
public record FileType(String contentType, String label, List<String> extensions) {

  public static final FileType JPEG =
      new FileType("image/jpeg", "JPEG image", List.of("jpg", "jpeg", "jfif"));
  public static final FileType PNG = new FileType("image/png", "PNG image", List.of("png"));
  public static final FileType GIF = new FileType("image/gif", "GIF image", List.of("gif"));
  public static final FileType WEBP = new FileType("image/webp", "WebP image", List.of("webp"));
  public static final FileType PDF =
      new FileType("application/pdf", "PDF document", List.of("pdf"));
  public static final FileType DOCX =
      new FileType(
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Word document",
          List.of("docx"));
  public static final FileType XLSX =
      new FileType(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Excel workbook",
          List.of("xlsx"));
  public static final FileType PPTX =
      new FileType(
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "PowerPoint presentation",
          List.of("pptx"));
  public static final FileType DOC =
      new FileType("application/msword", "Word 97-2003 document", List.of("doc"));
  public static final FileType XLS =
      new FileType("application/vnd.ms-excel", "Excel 97-2003 workbook", List.of("xls"));
  public static final FileType PPT =
      new FileType(
          "application/vnd.ms-powerpoint", "PowerPoint 97-2003 presentation", List.of("ppt"));
  public static final FileType TEXT =
      new FileType(
          "text/plain; charset=utf-8", "plain text", List.of("txt", "text", "csv", "log", "md"));

  /** What the content was found to be, or why it is not allowed. */
  public sealed interface Detection permits Allowed, Refused {}

  public record Allowed(FileType type) implements Detection {}

  public record Refused(String reason) implements Detection {}

  private static final String ALLOWED =
      "allowed are JPEG, PNG, GIF, WebP, PDF, Word, Excel, PowerPoint and plain UTF-8 text";

  /** Whether the name's extension fits the type ({@code photo.jpg} for a JPEG). */
  public boolean fitsName(String fileName) {
    return extension(fileName).map(extensions::contains).orElse(false);
  }

  public static Optional<String> extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 || dot == fileName.length() - 1
        ? Optional.empty()
        : Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  public static Detection detect(byte[] c) {
    if (starts(c, 0xFF, 0xD8, 0xFF)) {
      return new Allowed(JPEG);
    }
    if (starts(c, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return new Allowed(PNG);
    }
    if (starts(c, 'G', 'I', 'F', '8', '7', 'a') || starts(c, 'G', 'I', 'F', '8', '9', 'a')) {
      return new Allowed(GIF);
    }
    if (starts(c, 'R', 'I', 'F', 'F')
        && c.length >= 12
        && c[8] == 'W'
        && c[9] == 'E'
        && c[10] == 'B'
        && c[11] == 'P') {
      return new Allowed(WEBP);
    }
    if (starts(c, '%', 'P', 'D', 'F', '-')) {
      return new Allowed(PDF);
    }
    if (starts(c, 'P', 'K', 3, 4)) {
      return officeOpenXml(c);
    }
    if (starts(c, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return legacyOffice(c);
    }
    if (starts(c, 'M', 'Z')) {
      return new Refused("the content is a Windows executable; " + ALLOWED);
    }
    if (starts(c, 0x7F, 'E', 'L', 'F')) {
      return new Refused("the content is an executable (ELF); " + ALLOWED);
    }
    return text(c);
  }

  private static Detection officeOpenXml(byte[] c) {
    boolean contentTypes = false;
    String kind = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(c))) {
      ZipEntry entry;
      int entries = 0;
      while ((entry = zip.getNextEntry()) != null && entries++ < 10_000) {
        String name = entry.getName();
        contentTypes |= "[Content_Types].xml".equals(name);
        if (kind == null && name.startsWith("word/")) {
          kind = "docx";
        } else if (kind == null && name.startsWith("xl/")) {
          kind = "xlsx";
        } else if (kind == null && name.startsWith("ppt/")) {
          kind = "pptx";
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return new Refused("the content is a damaged zip archive; " + ALLOWED);
    }
    if (!contentTypes || kind == null) {
      return new Refused("the content is a zip archive, not an Office document; " + ALLOWED);
    }
    return new Allowed(
        switch (kind) {
          case "docx" -> DOCX;
          case "xlsx" -> XLSX;
          default -> PPTX;
        });
  }

  /** An OLE2 compound file: the directory names its main stream (UTF-16LE). */
  private static Detection legacyOffice(byte[] c) {
    if (contains(c, utf16("WordDocument"))) {
      return new Allowed(DOC);
    }
    if (contains(c, utf16("Workbook")) || contains(c, utf16("Book"))) {
      return new Allowed(XLS);
    }
    if (contains(c, utf16("PowerPoint Document"))) {
      return new Allowed(PPT);
    }
    return new Refused(
        "the content is an OLE2 compound file that is not a Word, Excel or PowerPoint document; "
            + ALLOWED);
  }

  private static Detection text(byte[] c) {
    for (byte b : c) {
      if (b == 0) {
        return new Refused("the content is binary data of an unknown type; " + ALLOWED);
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(c))
              .toString();
    } catch (CharacterCodingException e) {
      return new Refused("the content is neither a known file type nor UTF-8 text; " + ALLOWED);
    }
    String start =
        text.stripLeading().replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
    for (String markup :
        List.of(
            "<!doctype",
            "<html",
            "<head",
            "<body",
            "<script",
            "<svg",
            "<?xml",
            "<iframe",
            "<!--")) {
      if (start.startsWith(markup)) {
        return new Refused("the content is HTML, SVG or XML markup; " + ALLOWED);
      }
    }
    return new Allowed(TEXT);
  }

  private static boolean starts(byte[] c, int... magic) {
    if (c.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((c[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf16(String s) {
    return s.getBytes(StandardCharsets.UTF_16LE);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileType t && t.contentType.equals(contentType);
  }

  @Override
  public int hashCode() {
    return contentType.hashCode();
  }

  @Override
  public String toString() {
    return label + " (" + contentType + ", ." + String.join(" .", extensions) + ")";
  }

  static List<FileType> all() {
    return Arrays.asList(JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, TEXT);
  }
}
