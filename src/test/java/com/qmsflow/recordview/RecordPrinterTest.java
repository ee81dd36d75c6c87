package com.qmsflow.recordview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The bundled font is parsed once and kept: every PDF still embeds the glyphs of its own text,
 * whether printed after another or at the same moment as others.
 */
class RecordPrinterTest {

  private final RecordPrinter printer = new RecordPrinter(null, null, null);

  private static final List<String> TEXTS =
      List.of(
          "Complaint CC-2026-000001 客户投诉 破损 包装",
          "8D report 纠正措施 根本原因 验证",
          "Contract change 合同变更 交货期 数量",
          "Satisfaction 满意度 调查 评分",
          "Quality analysis meeting 质量分析会 同批次");

  @Test
  void eachPdfCarriesItsOwnTextAfterAnotherPdfUsedTheFont() throws Exception {
    for (String text : TEXTS) {
      assertThat(text(printer.pdf(document(text), text))).isEqualTo(text);
    }
  }

  @Test
  void pdfsPrintedAtTheSameMomentEachCarryTheirOwnText() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> prints =
          IntStream.range(0, 20)
              .mapToObj(i -> TEXTS.get(i % TEXTS.size()) + " #" + i)
              .<Callable<String>>map(t -> () -> text(printer.pdf(document(t), t)) + "|" + t)
              .toList();
      for (Future<String> printed : pool.invokeAll(prints)) {
        String[] parts = printed.get().split("\\|");
        assertThat(parts[0]).isEqualTo(parts[1]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String document(String text) {
    return "<html><head><style>body { font-family: '"
        + RecordPrinter.FONT_FAMILY
        + "'; }</style></head><body><p>"
        + text
        + "</p></body></html>";
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).trim();
    }
  }
}
