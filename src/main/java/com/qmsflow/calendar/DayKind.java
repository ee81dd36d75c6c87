package com.qmsflow.calendar;

/** What a row of {@code calendar_day} says about its date. */
public enum DayKind {
  /** The day is off (statutory holiday or compensatory day off), even if it is a weekday. */
  HOLIDAY,
  /** The day is a working day even though it is a Saturday or Sunday (officially swapped, 调休上班). */
  WORKDAY
}
