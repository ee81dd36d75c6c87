package com.qmsflow.reports;

import com.qmsflow.identity.Groups;
import com.qmsflow.recordview.RecordPrinter;
import com.qmsflow.web.PlantTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Prints the reports as PDF with the record prints' font and layout ({@link RecordPrinter}):
 * templates {@code reports/quality.html} and {@code reports/satisfaction.html}, every heading in
 * English and Chinese (managers read either; the PDF is one document for both), times in plant
 * time.
 */
@Component
public class ReportPrinter {

  private final ITemplateEngine templates;
  private final RecordPrinter printer;
  private final Texts texts;

  public ReportPrinter(
      ITemplateEngine templates,
      RecordPrinter printer,
      MessageSource messages,
      PlantTime plantTime) {
    this.templates = templates;
    this.printer = printer;
    this.texts = new Texts(messages, plantTime);
  }

  String html(QualityReport report) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("r", report);
    context.setVariable("t", texts);
    return templates.process("reports/quality", context);
  }

  String html(SatisfactionReport report) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("r", report);
    context.setVariable("t", texts);
    return templates.process("reports/satisfaction", context);
  }

  public byte[] pdf(QualityReport report) {
    return printer.pdf(html(report), "quality report " + report.period().label());
  }

  public byte[] pdf(SatisfactionReport report) {
    return printer.pdf(html(report), "satisfaction report " + report.period().label());
  }

  /** The texts as the report templates write them: {@code ${t.h('key')}} gives "English (中文)". */
  public static final class Texts {

    private final MessageSource messages;
    private final PlantTime plantTime;

    Texts(MessageSource messages, PlantTime plantTime) {
      this.messages = messages;
      this.plantTime = plantTime;
    }

    /** A text of the bundles in both languages. */
    public String h(String key, Object... args) {
      return both(
          messages.getMessage(key, args, Locale.ENGLISH),
          messages.getMessage(key, args, Locale.CHINESE));
    }

    /** A value with a text of its own ({@code prefix + value}), else the value as it is. */
    public String v(String prefix, Object value) {
      if (value == null) {
        return "–";
      }
      try {
        return h(prefix + value);
      } catch (NoSuchMessageException e) {
        return value.toString();
      }
    }

    /** A department (Camunda group) by its name. */
    public String group(String id) {
      String name = Groups.nameOf(id);
      return name == null ? id : name;
    }

    /** A share in percent, "–" without answers. */
    public String pct(BigDecimal percent) {
      return percent == null ? "–" : percent.toPlainString() + " %";
    }

    public String time(Instant instant) {
      return plantTime.dateTime(instant);
    }

    public String text(Object value) {
      return value == null || value.toString().isBlank() ? "–" : value.toString();
    }

    private static String both(String en, String zh) {
      return en.equals(zh) ? en : en + " (" + zh + ")";
    }
  }
}
