package com.qmsflow.capa;

import com.qmsflow.evidence.Attachment;
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

  /** Discipline title and the (label, variable) pairs shown under it. */
  static final Map<String, List<String[]>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put(
        "Problem",
        List.of(
            new String[] {"Title", "problemTitle"},
            new String[] {"Complaint", "complaintNumber"},
            new String[] {"Customer", "customerName"},
            new String[] {"Product", "productName"},
            new String[] {"Model", "productModel"},
            new String[] {"Batch", "batchNumber"},
            new String[] {"Defect code", "defectCode"},
            new String[] {"Description", "description"}));
    SECTIONS.put(
        "D0 Emergency response",
        List.of(
            new String[] {"Emergency actions", "emergencyActions"},
            new String[] {"8D applicable", "eightDApplicability"},
            new String[] {"Reason", "notApplicableReason"},
            new String[] {"Correction without 8D", "simpleCorrection"}));
    SECTIONS.put(
        "D1 Team",
        List.of(
            new String[] {"Leader", "teamLeader"},
            new String[] {"Members", "teamMembers"},
            new String[] {"Functions", "teamFunctions"}));
    SECTIONS.put(
        "D2 Problem description (5W2H)",
        List.of(
            new String[] {"What", "what"},
            new String[] {"Where", "where"},
            new String[] {"When", "when"},
            new String[] {"Who", "who"},
            new String[] {"Why", "why"},
            new String[] {"How", "how"},
            new String[] {"How many", "howMany"},
            new String[] {"How often", "howOften"}));
    SECTIONS.put(
        "D3 Containment",
        List.of(
            new String[] {"Actions", "containmentActions"},
            new String[] {"Verification", "containmentVerification"}));
    SECTIONS.put(
        "D4 Root cause",
        List.of(
            new String[] {"Method", "rootCauseMethod"},
            new String[] {"Root cause", "rootCause"},
            new String[] {"Escape point", "escapePoint"},
            new String[] {"Confirmed by", "rootCauseConfirmedBy"},
            new String[] {"Recurrence evidence", "recurrenceEvidence"}));
    SECTIONS.put(
        "D5 Permanent actions",
        List.of(
            new String[] {"Actions", "permanentActions"},
            new String[] {"Verification", "permanentActionsVerification"},
            new String[] {"QA manager's decision", "d5Decision"}));
    SECTIONS.put(
        "D6 Implementation",
        List.of(
            new String[] {"Implementation", "implementationDetails"},
            new String[] {"Defect rate before (ppm)", "effectBefore"},
            new String[] {"Defect rate after (ppm)", "effectAfter"},
            new String[] {"Verified effect", "verifiedEffect"},
            new String[] {"Completed on", "implementationCompletedOn"}));
    SECTIONS.put(
        "D7 Prevention",
        List.of(
            new String[] {"Standards", "standardsUpdated"},
            new String[] {"FMEA updated", "fmeaUpdated"},
            new String[] {"Control plan updated", "controlPlanUpdated"},
            new String[] {"Training", "trainingDone"},
            new String[] {"Similar products", "similarProducts"},
            new String[] {"Contract/engineering change", "changeNumber"}));
    SECTIONS.put(
        "Effectiveness check and recurrence prevention",
        List.of(
            new String[] {"Recurrence in the following month", "recurrenceObserved"},
            new String[] {"Recurrence-prevention report", "preventionReportNeeded"},
            new String[] {"Countermeasures", "preventionCountermeasures"},
            new String[] {"Effect", "preventionEffect"}));
    SECTIONS.put(
        "D8 Closure",
        List.of(
            new String[] {"Recognition", "teamRecognition"},
            new String[] {"Lessons learned", "lessonsLearned"}));
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
          for (String[] row : rows) {
            Object value = variables.get(row[1]);
            if (value != null && !value.toString().isBlank()) {
              table
                  .append("<tr><th>")
                  .append(esc(row[0]))
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
