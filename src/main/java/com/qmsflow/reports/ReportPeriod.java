package com.qmsflow.reports;

import com.qmsflow.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a report covers: a calendar month ({@code 2026-11}) or a half year ({@code 2026-H2}),
 * months in the plant's time zone as on the dashboard.
 *
 * @param first the first month of the period
 * @param last the last month of the period (the dashboard's "chosen month" for its figures)
 */
public record ReportPeriod(ReportKind kind, String label, YearMonth first, YearMonth last) {

  private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");

  public static ReportPeriod month(YearMonth month) {
    return new ReportPeriod(ReportKind.MONTHLY, month.toString(), month, month);
  }

  /** Half {@code 1} is January to June, {@code 2} July to December. */
  public static ReportPeriod halfYear(int year, int half) {
    YearMonth first = YearMonth.of(year, half == 1 ? 1 : 7);
    return new ReportPeriod(ReportKind.HALF_YEARLY, year + "-H" + half, first, first.plusMonths(5));
  }

  /** The half year a month lies in. */
  public static ReportPeriod halfYearOf(YearMonth month) {
    return halfYear(month.getYear(), month.getMonthValue() <= 6 ? 1 : 2);
  }

  /** The period before this one (the month before, the half year before). */
  public ReportPeriod previous() {
    return kind == ReportKind.MONTHLY
        ? month(first.minusMonths(1))
        : halfYearOf(first.minusMonths(1));
  }

  /** Whether the period has ended before the date (a report is only sent for an ended period). */
  public boolean endedBefore(LocalDate date) {
    return last.atEndOfMonth().isBefore(date);
  }

  /** The key of the report's notifications (the outbox's business key). */
  public String businessKey() {
    return kind.value() + " " + label;
  }

  public String fileName() {
    return (kind == ReportKind.MONTHLY ? "quality-report-" : "satisfaction-report-")
        + label
        + ".pdf";
  }

  /**
   * Parses the period of a request; a wrong one is refused at the field {@code period} (400) in the
   * caller's language.
   */
  public static ReportPeriod parse(ReportKind kind, String text) {
    String value = text == null ? "" : text.trim();
    ReportPeriod period = null;
    if (kind == ReportKind.MONTHLY) {
      try {
        period = month(YearMonth.parse(value));
      } catch (DateTimeParseException e) {
        period = null;
      }
    } else {
      Matcher half = HALF.matcher(value);
      if (half.matches()) {
        period = halfYear(Integer.parseInt(half.group(1)), Integer.parseInt(half.group(2)));
      }
    }
    if (period == null) {
      throw InvalidRequestException.of(
          "period",
          kind == ReportKind.MONTHLY ? "reports.period.month" : "reports.period.half",
          value);
    }
    if (period.first().getYear() < 2000 || period.first().getYear() > 2999) {
      throw InvalidRequestException.of("period", "reports.period.range", value);
    }
    return period;
  }
}
