package com.qmsflow.register;

import static com.qmsflow.register.RegisterExport.Column.coded;
import static com.qmsflow.register.RegisterExport.Column.of;

import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registers (issue 16.3), read from the project's tables only so that they stay complete after
 * Camunda's history cleanup:
 *
 * <ul>
 *   <li>{@code GET /api/complaints}, {@code GET /api/corrective-actions}, {@code GET /api/changes}:
 *       one page ({@code page} from 0, {@code size} 1–200, default 50) of the rows the caller may
 *       read that match the filters, in the order of {@code sort} (a column, {@code -column}
 *       descending): {@code {items, page, size, total, sort}}. A bad or unknown parameter: 400 with
 *       one field error per parameter.
 *   <li>{@code …/export.xlsx} and {@code …/export.csv}: every matching row (same filters and order)
 *       with the register's columns, headers in the request's language, times in plant time.
 * </ul>
 *
 * The complaint and change intake ({@code POST}) and the single records ({@code GET …/{number}})
 * stay in their features' controllers; this one adds the lists on the same paths.
 */
@RestController
public class RegisterController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  static final List<RegisterExport.Column<ComplaintRegister.Row>> COMPLAINT_COLUMNS =
      List.of(
          of("number", ComplaintRegister.Row::number),
          of("received", ComplaintRegister.Row::receivedAt),
          of("customerCode", ComplaintRegister.Row::customerCode),
          of("customerName", ComplaintRegister.Row::customerName),
          of("tier", ComplaintRegister.Row::tier),
          of("product", ComplaintRegister.Row::productName),
          of("model", ComplaintRegister.Row::productModel),
          of("batch", ComplaintRegister.Row::batchNumber),
          of("quantityPurchased", ComplaintRegister.Row::quantityPurchased),
          of("quantityDefective", ComplaintRegister.Row::quantityDefective),
          of("defect", ComplaintRegister.Row::defectCode),
          coded("category", ComplaintRegister.Row::category, "register.value.category."),
          coded("severity", ComplaintRegister.Row::severity, "register.value.severity."),
          coded(
              "responsibility",
              ComplaintRegister.Row::responsibility,
              "register.value.responsibility."),
          coded(
              "responsibleDepartment",
              ComplaintRegister.Row::responsibleDepartment,
              "register.value.department."),
          coded("causeOrigin", ComplaintRegister.Row::causeOrigin, "register.value.causeOrigin."),
          of("cause", ComplaintRegister.Row::cause),
          of("correctiveActions", ComplaintRegister.Row::correctiveActions),
          of("eightD", ComplaintRegister.Row::eightDNumber),
          of("compensation", ComplaintRegister.Row::compensation),
          of("replyDate", ComplaintRegister.Row::replyDate),
          of("onTime", ComplaintRegister.Row::replyOnTime),
          coded("status", ComplaintRegister.Row::status, "register.value.status."),
          of("closed", ComplaintRegister.Row::closedAt),
          of("overdue", ComplaintRegister.Row::overdue),
          of("escalated", ComplaintRegister.Row::escalated));

  static final List<RegisterExport.Column<CorrectiveActionRegister.Row>> CORRECTIVE_ACTION_COLUMNS =
      List.of(
          of("number", CorrectiveActionRegister.Row::number),
          of("raised", CorrectiveActionRegister.Row::raisedAt),
          of("complaint", CorrectiveActionRegister.Row::complaintNumber),
          of("title", CorrectiveActionRegister.Row::problemTitle),
          of("rootCause", CorrectiveActionRegister.Row::rootCause),
          of("permanentActions", CorrectiveActionRegister.Row::permanentActions),
          coded("status", CorrectiveActionRegister.Row::status, "register.value.status."),
          of("closed", CorrectiveActionRegister.Row::closedAt),
          of("overdue", CorrectiveActionRegister.Row::overdue),
          of("escalated", CorrectiveActionRegister.Row::escalated));

  static final List<RegisterExport.Column<ChangeRegister.Row>> CHANGE_COLUMNS =
      List.of(
          of("number", ChangeRegister.Row::number),
          of("raised", ChangeRegister.Row::raisedAt),
          coded("changeType", ChangeRegister.Row::changeType, "register.value.changeType."),
          of("customerCode", ChangeRegister.Row::customerCode),
          of("customerName", ChangeRegister.Row::customerName),
          of("tier", ChangeRegister.Row::tier),
          of("contract", ChangeRegister.Row::contractReference),
          of("description", ChangeRegister.Row::description),
          of("requester", ChangeRegister.Row::requester),
          coded("state", ChangeRegister.Row::state, "register.value.state."),
          coded("approver", ChangeRegister.Row::approverGroup, "register.value.department."),
          of("effectiveDate", r -> r.effectiveDate() == null ? null : r.effectiveDate().toString()),
          of("effectiveLot", ChangeRegister.Row::effectiveLot),
          of("eightD", ChangeRegister.Row::correctiveActionNumber),
          of("closed", ChangeRegister.Row::closedAt),
          of("overdue", ChangeRegister.Row::overdue));

  private final RegisterAccess access;
  private final ComplaintRegister complaints;
  private final CorrectiveActionRegister correctiveActions;
  private final ChangeRegister changes;
  private final RegisterExport export;
  private final MessageSource messages;
  private final Clock clock;
  private final ZoneId zone;
  private final int exportLimit;

  public RegisterController(
      RegisterAccess access,
      ComplaintRegister complaints,
      CorrectiveActionRegister correctiveActions,
      ChangeRegister changes,
      RegisterExport export,
      MessageSource messages,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone,
      @Value("${qms.register.export-limit:100000}") int exportLimit) {
    this.access = access;
    this.complaints = complaints;
    this.correctiveActions = correctiveActions;
    this.changes = changes;
    this.export = export;
    this.messages = messages;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
    this.exportLimit = exportLimit;
  }

  @GetMapping(value = "/api/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
  public RegisterPage<ComplaintRegister.Row> complaints(HttpServletRequest request) {
    return complaints.page(access.caller(), request.getParameterMap());
  }

  @GetMapping("/api/complaints/export.{format:xlsx|csv}")
  public ResponseEntity<byte[]> exportComplaints(
      HttpServletRequest request, @PathVariable("format") String format) {
    ComplaintRegister.Query query =
        complaints.query(access.caller(), request.getParameterMap(), true);
    return file(
        request,
        format,
        "complaints",
        COMPLAINT_COLUMNS,
        () -> complaints.count(query),
        () -> complaints.all(query));
  }

  @GetMapping(value = "/api/corrective-actions", produces = MediaType.APPLICATION_JSON_VALUE)
  public RegisterPage<CorrectiveActionRegister.Row> correctiveActions(HttpServletRequest request) {
    return correctiveActions.page(access.caller(), request.getParameterMap());
  }

  @GetMapping("/api/corrective-actions/export.{format:xlsx|csv}")
  public ResponseEntity<byte[]> exportCorrectiveActions(
      HttpServletRequest request, @PathVariable("format") String format) {
    CorrectiveActionRegister.Query query =
        correctiveActions.query(access.caller(), request.getParameterMap(), true);
    return file(
        request,
        format,
        "corrective-actions",
        CORRECTIVE_ACTION_COLUMNS,
        () -> correctiveActions.count(query),
        () -> correctiveActions.all(query));
  }

  @GetMapping(value = "/api/changes", produces = MediaType.APPLICATION_JSON_VALUE)
  public RegisterPage<ChangeRegister.Row> changes(HttpServletRequest request) {
    return changes.page(access.caller(), request.getParameterMap());
  }

  @GetMapping("/api/changes/export.{format:xlsx|csv}")
  public ResponseEntity<byte[]> exportChanges(
      HttpServletRequest request, @PathVariable("format") String format) {
    ChangeRegister.Query query = changes.query(access.caller(), request.getParameterMap(), true);
    return file(
        request,
        format,
        "changes",
        CHANGE_COLUMNS,
        () -> changes.count(query),
        () -> changes.all(query));
  }

  private <T> ResponseEntity<byte[]> file(
      HttpServletRequest request,
      String format,
      String register,
      List<RegisterExport.Column<T>> columns,
      Supplier<Long> count,
      Supplier<List<T>> rows) {
    long total = count.get();
    if (total > exportLimit) {
      throw InvalidRequestException.of("filters", "register.export.tooMany", total, exportLimit);
    }
    Locale locale = WebLocale.of(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if ("csv".equals(format)) {
        export.csv(columns, rows.get(), locale, out);
      } else {
        export.xlsx(
            columns,
            rows.get(),
            locale,
            messages.getMessage("register.sheet." + register, null, register, locale),
            out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String fileName = register + "-" + clock.instant().atZone(zone).toLocalDate() + "." + format;
    return ResponseEntity.ok()
        .contentType("csv".equals(format) ? CSV : XLSX)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName).build().toString())
        .body(out.toByteArray());
  }
}
