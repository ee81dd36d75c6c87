package com.qmsflow.recordview;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.qmsflow.web.PlantTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Prints a record as PDF on the server: the same Thymeleaf fragments as the record page ({@code
 * templates/records/record.html}), in the print document {@code templates/records/print.html} with
 * every heading in English and Chinese, laid out by openhtmltopdf (PDFBox). The font ships inside
 * the application ({@code fonts/wqy-microhei.ttc}, WenQuanYi Micro Hei: Latin and Chinese), so
 * Chinese prints whatever fonts the server has; the PDF embeds the subset of glyphs it uses.
 *
 * <p>The font is parsed once and kept for the next PDF (issue 21: parsing the 5 MB collection was
 * about a third of a record's PDF, 312 ms with and 214 ms without it on this machine). A parsed
 * font is used by one PDF at a time, since fontbox's fonts are not safe for concurrent use: PDFs
 * printed at the same moment each take a parsed font of their own, and at most {@value #FONTS_KEPT}
 * are kept.
 */
@Component
public class RecordPrinter {

  public static final String FONT_FAMILY = "WenQuanYi Micro Hei";
  private static final String FONT_RESOURCE = "fonts/wqy-microhei.ttc";
  private static final String FONT_NAME = "WenQuanYiMicroHei";
  static final int FONTS_KEPT = 2;

  private final ITemplateEngine templates;
  private final MessageSource messages;
  private final PlantTime plantTime;
  private final byte[] fontCollection;
  private final BlockingDeque<ParsedFont> fonts = new LinkedBlockingDeque<>();

  /** The bundled collection, parsed, and the font of it the documents use. */
  private record ParsedFont(TrueTypeCollection collection, TrueTypeFont font) {}

  public RecordPrinter(ITemplateEngine templates, MessageSource messages, PlantTime plantTime) {
    this.templates = templates;
    this.messages = messages;
    this.plantTime = plantTime;
    try (InputStream in = new ClassPathResource(FONT_RESOURCE).getInputStream()) {
      this.fontCollection = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("font " + FONT_RESOURCE + " missing", e);
    }
  }

  /** The print document as XHTML (what the PDF is laid out from). */
  String html(RecordView record) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("r", record);
    context.setVariable("t", RecordTexts.print(messages, plantTime));
    context.setVariable("printedAt", plantTime.now());
    return templates.process("records/print", context);
  }

  /** The record as PDF. */
  public byte[] pdf(RecordView record) {
    return pdf(html(record), record.kind() + " " + record.number());
  }

  /**
   * Any print document of the application (XHTML using the font family {@value #FONT_FAMILY}) as
   * PDF with the bundled font, e.g. the management reports; {@code what} names it in an error.
   */
  public byte[] pdf(String html, String what) {
    ParsedFont parsed = fonts.pollFirst();
    try {
      if (parsed == null) {
        parsed = parseFont();
      }
      try (PDDocument document = new PDDocument();
          ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        // the document embeds the subset of glyphs it uses; the parsed font stays open for the next
        PDFontSupplier face = new PDFontSupplier(PDType0Font.load(document, parsed.font(), true));
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePDDocument(document);
        builder.useFont(face, FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(face, FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.withProducer("qmsflow");
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        builder.run();
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("printing " + what, e);
    } finally {
      if (parsed != null) {
        keepOrClose(parsed);
      }
    }
  }

  private ParsedFont parseFont() throws IOException {
    TrueTypeCollection collection =
        new TrueTypeCollection(new ByteArrayInputStream(fontCollection));
    TrueTypeFont font = collection.getFontByName(FONT_NAME);
    if (font == null) {
      collection.close();
      throw new IllegalStateException(FONT_NAME + " not in " + FONT_RESOURCE);
    }
    return new ParsedFont(collection, font);
  }

  private void keepOrClose(ParsedFont parsed) {
    if (fonts.size() < FONTS_KEPT) {
      fonts.offerFirst(parsed);
      return;
    }
    try {
      parsed.collection().close();
    } catch (IOException e) {
      // a font parsed from memory has nothing to release
    }
  }
}
