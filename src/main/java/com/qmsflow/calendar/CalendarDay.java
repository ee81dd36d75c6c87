package com.qmsflow.calendar;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of {@code calendar_day}: an exception to the plain Monday-Friday rule.
 *
 * @param day the date (JSON: ISO {@code yyyy-MM-dd} whatever the mapper's date settings)
 * @param kind {@link DayKind#HOLIDAY} (day off) or {@link DayKind#WORKDAY} (swapped working weekend
 *     day)
 * @param name what the day is, e.g. "春节 Spring Festival"
 * @param provisional true when the row is an estimate that still has to be replaced by the official
 *     State Council notice
 */
public record CalendarDay(
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd") LocalDate day,
    DayKind kind,
    String name,
    boolean provisional) {

  public CalendarDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}
