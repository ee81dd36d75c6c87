package com.qmsflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Content detection of evidence files, independent of their names, and file name sanitising. */
class FileTypeTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[Math.max(values.length, 64)];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static FileType allowed(byte[] content) {
    FileType.Detection d = FileType.detect(content);
    assertThat(d).as("detection").isInstanceOf(FileType.Allowed.class);
    return ((FileType.Allowed) d).type();
  }

  private static String refused(byte[] content) {
    FileType.Detection d = FileType.detect(content);
    assertThat(d).as("detection").isInstanceOf(FileType.Refused.class);
    return ((FileType.Refused) d).reason();
  }

  private static byte[] zip(String... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String e : entries) {
        zip.putNextEntry(new ZipEntry(e));
        zip.write('x');
      }
    }
    return out.toByteArray();
  }

  private static byte[] ole2(String stream) {
    byte[] header = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
    byte[] name = stream.getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[1024];
    System.arraycopy(header, 0, all, 0, 8);
    System.arraycopy(name, 0, all, 512, name.length);
    return all;
  }

  @Test
  void imagesAndPdfAreRecognisedByTheirMagicBytes() {
    assertThat(allowed(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo(FileType.JPEG);
    assertThat(allowed(TestEvidence.PNG)).isEqualTo(FileType.PNG);
    assertThat(allowed("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileType.GIF);
    assertThat(allowed("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(FileType.WEBP);
    assertThat(allowed("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileType.PDF);
    // RIFF that is not WebP (e.g. a WAV file) is not an image
    assertThat(refused("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)))
        .contains("binary");
  }

  @Test
  void officeDocumentsAreRecognisedByTheirStructure() throws IOException {
    assertThat(allowed(zip("[Content_Types].xml", "word/document.xml"))).isEqualTo(FileType.DOCX);
    assertThat(allowed(zip("[Content_Types].xml", "xl/workbook.xml"))).isEqualTo(FileType.XLSX);
    assertThat(allowed(zip("[Content_Types].xml", "ppt/presentation.xml")))
        .isEqualTo(FileType.PPTX);
    assertThat(refused(zip("word/document.xml"))).contains("not an Office document");
    assertThat(refused(zip("[Content_Types].xml", "other/x.xml")))
        .contains("not an Office document");
    assertThat(allowed(ole2("WordDocument"))).isEqualTo(FileType.DOC);
    assertThat(allowed(ole2("Workbook"))).isEqualTo(FileType.XLS);
    assertThat(allowed(ole2("PowerPoint Document"))).isEqualTo(FileType.PPT);
    assertThat(refused(ole2("Something"))).contains("OLE2");
  }

  @Test
  void textMustBeUtf8WithoutNulAndNotMarkup() {
    assertThat(allowed("温度 25 °C, 20 pallets\r\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(FileType.TEXT);
    assertThat(allowed("\uFEFFwith BOM".getBytes(StandardCharsets.UTF_8))).isEqualTo(FileType.TEXT);
    assertThat(refused(new byte[] {(byte) 0xC3, 0x28}))
        .contains("neither a known file type nor UTF-8");
    assertThat(refused("a\0b".getBytes(StandardCharsets.UTF_8))).contains("binary");
    assertThat(refused("  \uFEFF<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))
        .contains("markup");
    assertThat(refused("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8)))
        .contains("markup");
    assertThat(refused(bytes(0x7F, 'E', 'L', 'F'))).contains("ELF");
    assertThat(refused(bytes('M', 'Z', 0x90))).contains("Windows executable");
  }

  @Test
  void theNameMustFitTheContent() {
    assertThat(FileType.JPEG.fitsName("Photo.JPG")).isTrue();
    assertThat(FileType.JPEG.fitsName("photo.png")).isFalse();
    assertThat(FileType.TEXT.fitsName("notes")).isFalse();
    assertThat(FileType.TEXT.fitsName("notes.")).isFalse();
    assertThat(FileType.PDF.fitsName("report.pdf.exe")).isFalse();
  }

  @Test
  void fileNamesAreSanitised() {
    assertThat(FileNames.sanitise("C:\\Users\\li\\Desktop\\照片 1.jpg")).isEqualTo("照片 1.jpg");
    assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitise("...hidden.txt")).isEqualTo("hidden.txt");
    assertThat(FileNames.sanitise("a\"b<c>:d|e?f*g;h.txt")).isEqualTo("a_b_c__d_e_f_g_h.txt");
    assertThat(FileNames.sanitise("evil\u202Egnp.exe")).isEqualTo("evilgnp.exe");
    assertThat(FileNames.sanitise("line\r\nbreak\t.pdf")).isEqualTo("linebreak.pdf");
    assertThat(FileNames.sanitise(null)).isEqualTo("file");
    assertThat(FileNames.sanitise(" / ")).isEqualTo("file");
    String longName = FileNames.sanitise("图".repeat(250) + ".jpeg");
    assertThat(longName.codePointCount(0, longName.length())).isEqualTo(FileNames.MAX_LENGTH);
    assertThat(longName).endsWith("图.jpeg");
  }
}
