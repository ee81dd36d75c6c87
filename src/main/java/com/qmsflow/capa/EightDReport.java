package com.qmsflow.capa;

import static com.qmsflow.capa.CorrectiveActionVariables.*;

import com.qmsflow.evidence.Attachment;
import com.qmsflow.variable.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * The printable 8D report: every discipline with the data its form collected, in the order of the
 * 8D method. Rendered as self-contained HTML (print to PDF from any browser), so a
 * customer-prescribed layout can be reproduced from it.
 */
public final class EightDReport {

  /** One line of the report: its label and the variable shown. */
  record Row(String label, Variable<?> variable) {}

  /** Discipline title and the rows shown under it. */
  static final Map<String, List<Row>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put(
        "Problem",
        List.of(
            row("Title", PROBLEM_TITLE),
            row("Complaint", COMPLAINT_NUMBER),
            row("Customer", CUSTOMER_NAME),
            row("Product", PRODUCT_NAME),
            row("Model", PRODUCT_MODEL),
            row("Batch", BATCH_NUMBER),
            row("Defect code", DEFECT_CODE),
            row("Description", DESCRIPTION)));
    SECTIONS.put(
        "D0 Emergency response",
        List.of(
            row("Emergency actions", EMERGENCY_ACTIONS),
            row("8D applicable", EIGHT_D_APPLICABILITY),
            row("Reason", NOT_APPLICABLE_REASON),
            row("Correction without 8D", SIMPLE_CORRECTION)));
    SECTIONS.put(
        "D1 Team",
        List.of(
            row("Leader", TEAM_LEADER),
            row("Members", TEAM_MEMBERS),
            row("Functions", TEAM_FUNCTIONS)));
    SECTIONS.put(
        "D2 Problem description (5W2H)",
        List.of(
            row("What", WHAT),
            row("Where", WHERE),
            row("When", WHEN),
            row("Who", WHO),
            row("Why", WHY),
            row("How", HOW),
            row("How many", HOW_MANY),
            row("How often", HOW_OFTEN)));
    SECTIONS.put(
        "D3 Containment",
        List.of(
            row("Actions", CONTAINMENT_ACTIONS), row("Verification", CONTAINMENT_VERIFICATION)));
    SECTIONS.put(
        "D4 Root cause",
        List.of(
            row("Method", ROOT_CAUSE_METHOD),
            row("Root cause", ROOT_CAUSE),
            row("Escape point", ESCAPE_POINT),
            row("Confirmed by", ROOT_CAUSE_CONFIRMED_BY),
            row("Recurrence evidence", RECURRENCE_EVIDENCE)));
    SECTIONS.put(
        "D5 Permanent actions",
        List.of(
            row("Actions", PERMANENT_ACTIONS),
            row("Verification", PERMANENT_ACTIONS_VERIFICATION),
            row("QA manager's decision", D5_DECISION)));
    SECTIONS.put(
        "D6 Implementation",
        List.of(
            row("Implementation", IMPLEMENTATION_DETAILS),
            row("Defect rate before (ppm)", EFFECT_BEFORE),
            row("Defect rate after (ppm)", EFFECT_AFTER),
            row("Verified effect", VERIFIED_EFFECT),
            row("Completed on", IMPLEMENTATION_COMPLETED_ON)));
    SECTIONS.put(
        "D7 Prevention",
        List.of(
            row("Standards", STANDARDS_UPDATED),
            row("FMEA updated", FMEA_UPDATED),
            row("Control plan updated", CONTROL_PLAN_UPDATED),
            row("Training", TRAINING_DONE),
            row("Similar products", SIMILAR_PRODUCTS),
            row("Contract/engineering change", CHANGE_NUMBER)));
    SECTIONS.put(
        "Effectiveness check and recurrence prevention",
        List.of(
            row("Recurrence in the following month", RECURRENCE_OBSERVED),
            row("Recurrence-prevention report", PREVENTION_REPORT_NEEDED),
            row("Countermeasures", PREVENTION_COUNTERMEASURES),
            row("Effect", PREVENTION_EFFECT)));
    SECTIONS.put(
        "D8 Closure",
        List.of(row("Recognition", TEAM_RECOGNITION), row("Lessons learned", LESSONS_LEARNED)));
  }

  private static Row row(String label, Variable<?> variable) {
    return new Row(label, variable);
  }

  private EightDReport() {}

  public static String html(String eightDNumber, Map<String, Object> variables) {
    return html(eightDNumber, variables, List.of());
  }

  /**
   * The report with its evidence files (name, step, type, size, uploader, SHA-256) linked for
   * download.
   */
  public static String html(
      String eightDNumber, Map<String, Object> variables, List<Attachment> evidence) {
    StringBuilder html =
        new StringBuilder(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #999}
            th{text-align:left;vertical-align:top;width:14em;padding-right:1em}td{white-space:pre-wrap}@media print{a{color:inherit}}</style>
            </head><body><h1>8D report %s</h1>
            """
                .formatted(esc(eightDNumber), esc(eightDNumber)));
    SECTIONS.forEach(
        (title, rows) -> {
          StringBuilder table = new StringBuilder();
          for (Row row : rows) {
            Object value = row.variable().rawFrom(variables);
            if (value != null && !value.toString().isBlank()) {
              table
                  .append("<tr><th>")
                  .append(esc(row.label()))
                  .append("</th><td>")
                  .append(esc(value.toString()))
                  .append("</td></tr>");
            }
          }
          if (!table.isEmpty()) {
            html.append("<h2>")
                .append(esc(title))
                .append("</h2><table>")
                .append(table)
                .append("</table>\n");
          }
        });
    if (!evidence.isEmpty()) {
      html.append("<h2>Evidence files</h2><table>");
      for (Attachment a : evidence) {
        html.append("<tr><th>")
            .append(esc(a.step()))
            .append("</th><td><a href=\"")
            .append(esc(a.downloadUrl()))
            .append("\">")
            .append(esc(a.originalName()))
            .append("</a> (")
            .append(esc(a.contentType()))
            .append(", ")
            .append(a.size())
            .append(" bytes, ")
            .append(esc(a.uploadedBy()))
            .append(", ")
            .append(a.uploadedAt())
            .append(", SHA-256 ")
            .append(a.sha256())
            .append(")</td></tr>");
      }
      html.append("</table>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
