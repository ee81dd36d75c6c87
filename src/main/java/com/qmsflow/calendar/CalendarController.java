package com.qmsflow.calendar;

import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator maintenance of the business calendar (table {@code calendar_day}). Only administrators
 * ({@code camunda-admin}) change it (security/WritePolicy refuses everyone else); every change is
 * recorded with who, when, old and new row ({@code GET
 * /api/master-data/changes?type=calendar-day}).
 *
 * <ul>
 *   <li>{@code GET /api/calendar/{year}}: that year's rows, ordered by date.
 *   <li>{@code PUT /api/calendar/days/{date}} with {@code {"kind": "HOLIDAY"|"WORKDAY", "name":
 *       "..."}}: inserts or replaces the row (stored as not provisional); 400 (problem {@code
 *       /problems/validation}) with {@code errors} per field on a bad kind or a blank name.
 *   <li>{@code DELETE /api/calendar/days/{date}}: 204, or 404 when the date has no row.
 * </ul>
 *
 * Dates are ISO {@code yyyy-MM-dd}.
 */
@RestController
@RequestMapping("/api/calendar")
public class CalendarController {

  private final BusinessCalendar calendar;
  private final CalendarDayRepository days;
  private final MasterDataChangeLog changes;
  private final TransactionTemplate transaction;

  public CalendarController(
      BusinessCalendar calendar,
      CalendarDayRepository days,
      MasterDataChangeLog changes,
      PlatformTransactionManager transactions) {
    this.calendar = calendar;
    this.days = days;
    this.changes = changes;
    this.transaction = new TransactionTemplate(transactions);
  }

  @GetMapping("/{year:\\d{4}}")
  public List<CalendarDay> year(@PathVariable("year") int year) {
    return calendar.daysOfYear(year);
  }

  @PutMapping("/days/{date}")
  public CalendarDay put(
      @PathVariable("date") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @Valid @RequestBody DayRequest request,
      HttpServletRequest http) {
    return transaction.execute(
        status -> {
          CalendarDay before = days.find(date).orElse(null);
          CalendarDay after =
              calendar.setDay(date, DayKind.valueOf(request.kind()), request.name());
          changes.record(
              MasterDataChangeLog.CALENDAR_DAY,
              date.toString(),
              http.getRemoteUser(),
              before,
              after);
          return after;
        });
  }

  @DeleteMapping("/days/{date}")
  public ResponseEntity<Void> delete(
      @PathVariable("date") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      HttpServletRequest http) {
    boolean removed =
        Boolean.TRUE.equals(
            transaction.execute(
                status -> {
                  CalendarDay before = days.find(date).orElse(null);
                  if (before == null || !calendar.removeDay(date)) {
                    return false;
                  }
                  changes.record(
                      MasterDataChangeLog.CALENDAR_DAY,
                      date.toString(),
                      http.getRemoteUser(),
                      before,
                      null);
                  return true;
                }));
    if (!removed) {
      throw new NotFoundException("calendar.noDay", date.toString());
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Body of {@code PUT /api/calendar/days/{date}}. The messages below are defaults; the caller
   * reads the texts of the keys {@code NotNull.dayRequest.kind} … in the message bundles.
   */
  public record DayRequest(
      @NotNull(message = "kind is required: HOLIDAY or WORKDAY")
          @Pattern(regexp = "HOLIDAY|WORKDAY", message = "kind must be HOLIDAY or WORKDAY")
          String kind,
      @NotBlank(message = "name must not be blank")
          @Size(
              max = BusinessCalendar.MAX_NAME_LENGTH,
              message = "name must be at most 100 characters")
          String name) {}
}
