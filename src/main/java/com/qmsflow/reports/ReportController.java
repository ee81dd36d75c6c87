package com.qmsflow.reports;

import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reports to management over HTTP, for the readers of {@link ReportAccess} (others 403): {@code
 * GET /api/reports} lists the sent ones; {@code GET /api/reports/{kind}/{period}.pdf} answers the
 * PDF that was sent for the period (the same bytes, SHA-256 as ETag), or, for a period not sent,
 * generates it now from the current data (a read: nothing is stored or mailed). A period that has
 * not ended is refused (400 at the field {@code period}).
 */
@RestController
public class ReportController {

  private final ReportAccess access;
  private final ManagementReports reports;
  private final ReportDelivery delivery;
  private final ReportDates dates;
  private final ReportSettings settings;

  public ReportController(
      ReportAccess access,
      ManagementReports reports,
      ReportDelivery delivery,
      ReportDates dates,
      ReportSettings settings) {
    this.access = access;
    this.reports = reports;
    this.delivery = delivery;
    this.dates = dates;
    this.settings = settings;
  }

  @GetMapping(value = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> list() {
    access.requireReader();
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("recipientGroups", settings.recipientGroups());
    list.put(
        "due",
        dates.due(delivery.today()).stream()
            .map(p -> Map.of("kind", p.kind().value(), "period", p.label()))
            .toList());
    list.put("sent", reports.list());
    return list;
  }

  @GetMapping("/api/reports/{kind}/{period}.pdf")
  public ResponseEntity<byte[]> pdf(@PathVariable String kind, @PathVariable String period) {
    access.requireReader();
    ReportKind reportKind =
        ReportKind.of(kind).orElseThrow(() -> new NotFoundException("reports.noKind", kind));
    ReportPeriod chosen = ReportPeriod.parse(reportKind, period);
    var stored = reports.find(chosen);
    byte[] content;
    if (stored.isPresent()) {
      content = stored.get().content();
    } else {
      LocalDate today = delivery.today();
      if (!chosen.endedBefore(today)) {
        throw InvalidRequestException.of(
            "period",
            "reports.period.notEnded",
            chosen.label(),
            chosen.last().plusMonths(1).atDay(1).toString());
      }
      content = delivery.generate(chosen);
    }
    String sha256 = ManagementReports.sha256(content);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(chosen.fileName()).build().toString())
        .eTag("\"" + sha256 + "\"")
        .header("X-Content-SHA256", sha256)
        .header("X-Report-Stored", Boolean.toString(stored.isPresent()))
        .body(content);
  }
}
