package com.qmsflow.reports;

import com.qmsflow.calendar.BusinessCalendar;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * When a report is due, after the working-day calendar ({@code calendar/}: weekends, public
 * holidays and make-up working days as the administrators keep them): the monthly quality report on
 * the first working day of the next month, the half-yearly satisfaction report on the first working
 * day after the half year (in January and July). A day later the report is still due until it has
 * been sent: a node that was down on that day sends it on its next run.
 */
@Component
public class ReportDates {

  private final BusinessCalendar calendar;

  public ReportDates(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  /** The first working day of a month (a make-up working Saturday counts). */
  public LocalDate firstWorkingDay(YearMonth month) {
    LocalDate day = month.atDay(1);
    while (!calendar.isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** The day a period's report is due: the first working day after the period. */
  public LocalDate dueDate(ReportPeriod period) {
    return firstWorkingDay(period.last().plusMonths(1));
  }

  /**
   * The periods whose report is due on a plant-local day: of each report the latest period whose
   * due date has come (on 7 October, before the first working day, that is still August: a report
   * missed while every node was down is sent on the next run).
   */
  public List<ReportPeriod> due(LocalDate today) {
    YearMonth current = YearMonth.from(today);
    List<ReportPeriod> due = new ArrayList<>();
    due.add(latestDue(ReportPeriod.month(current.minusMonths(1)), today));
    due.add(latestDue(ReportPeriod.halfYearOf(current).previous(), today));
    return due;
  }

  private ReportPeriod latestDue(ReportPeriod period, LocalDate today) {
    ReportPeriod latest = period;
    while (today.isBefore(dueDate(latest))) {
      latest = latest.previous();
    }
    return latest;
  }
}
