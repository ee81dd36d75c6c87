package com.qmsflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The working-day calendar used for complaint deadlines: Saturdays, Sundays and PRC public holidays
 * are days off, officially swapped working weekend days (调休上班) are working days.
 *
 * <h2>Data</h2>
 *
 * A date is a working day when it is Monday-Friday, unless table {@code calendar_day} has a row for
 * it: {@link DayKind#HOLIDAY} makes it a day off, {@link DayKind#WORKDAY} makes it a working day.
 * The table is read once into memory and re-read whenever it is edited through {@link #setDay} or
 * {@link #removeDay} (or when {@link #reload()} is called after editing the table directly).
 *
 * <p>A year is <em>known</em> when the table has at least one row dated in it. For a date in an
 * unknown year only Saturdays and Sundays are days off, and a WARN is logged once per year so the
 * operator knows that the holiday schedule is missing. Using a year whose rows are marked {@code
 * provisional} also logs a WARN once per year.
 *
 * <h2>Time zone</h2>
 *
 * All dates are taken in the zone of property {@code qms.calendar.zone} (default {@code
 * Asia/Shanghai}); a start time given in another zone is first converted to it, and results are in
 * it.
 *
 * <h2>Adding working days ({@link #addWorkingDays})</h2>
 *
 * <ul>
 *   <li><b>Start on a working day:</b> the result is the same wall-clock time on the n-th working
 *       day after the start date. Fri 10:00 + 1 = next working day (Mon, or a swapped Sat) 10:00. 0
 *       days returns the start itself.
 *   <li><b>Start on a day off</b> (weekend or holiday): the request counts as received at the start
 *       of the next working day, and that day is working day 1. The result is the <em>end</em> of
 *       the n-th working day, 23:59:59 local time. Sun 15:00 + 1 = Mon 23:59:59; Sun + 2 = Tue
 *       23:59:59. 0 days returns the start (00:00:00) of the next working day.
 * </ul>
 *
 * <h2>Deadline units ({@link #plus})</h2>
 *
 * {@code hours}: elapsed wall-clock hours, days off are not skipped; {@code calendarDays}: the same
 * local time n calendar days later; {@code workingDays}: {@link #addWorkingDays}. Any other unit is
 * an {@link IllegalArgumentException}. Amounts must not be negative.
 */
@Service
public class BusinessCalendar {

  public static final String UNIT_HOURS = "hours";
  public static final String UNIT_CALENDAR_DAYS = "calendarDays";
  public static final String UNIT_WORKING_DAYS = "workingDays";

  /** The time a deadline ends when counting starts on a day off. */
  public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  public static final int MAX_NAME_LENGTH = 100;

  private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

  private final CalendarDayRepository repository;
  private final ZoneId zone;
  private final Object loadLock = new Object();
  private final Set<Integer> warnedUnknownYears = ConcurrentHashMap.newKeySet();
  private final Set<Integer> warnedProvisionalYears = ConcurrentHashMap.newKeySet();

  /** Immutable view of the table; null until first used. */
  private volatile Snapshot snapshot;

  public BusinessCalendar(
      CalendarDayRepository repository, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.zone = ZoneId.of(Objects.requireNonNull(zone, "zone").trim());
  }

  /** The zone in which dates are evaluated ({@code qms.calendar.zone}). */
  public ZoneId zone() {
    return zone;
  }

  /** Whether the date is a working day (see the class documentation for the rules). */
  public boolean isWorkingDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    Snapshot data = data();
    int year = date.getYear();
    if (!data.knownYears().contains(year)) {
      if (warnedUnknownYears.add(year)) {
        log.warn(
            "Business calendar has no data for {}: only Saturdays and Sundays are treated as days"
                + " off. Enter that year's official holiday schedule via /api/calendar.",
            year);
      }
    } else if (data.provisionalYears().contains(year) && warnedProvisionalYears.add(year)) {
      log.warn(
          "Business calendar data for {} is provisional: replace it with the official State Council"
              + " holiday notice via /api/calendar.",
          year);
    }
    DayKind kind = data.days().get(date);
    if (kind != null) {
      return kind == DayKind.WORKDAY;
    }
    DayOfWeek dayOfWeek = date.getDayOfWeek();
    return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY;
  }

  /** The first working day strictly after the date. */
  public LocalDate nextWorkingDay(LocalDate date) {
    LocalDate day = date.plusDays(1);
    while (!isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /**
   * Adds working days to a point in time. On a working start date the result keeps the wall-clock
   * time; on a day off the next working day counts as day 1 and the result is 23:59:59 of the n-th
   * working day. See the class documentation.
   *
   * @param start the start, converted to {@link #zone()} first
   * @param days number of working days, not negative
   * @return the deadline in {@link #zone()}
   */
  public ZonedDateTime addWorkingDays(ZonedDateTime start, int days) {
    Objects.requireNonNull(start, "start");
    if (days < 0) {
      throw new IllegalArgumentException("Working days must not be negative: " + days);
    }
    ZonedDateTime local = start.withZoneSameInstant(zone);
    LocalDate startDate = local.toLocalDate();
    if (isWorkingDay(startDate)) {
      LocalDate day = startDate;
      for (int i = 0; i < days; i++) {
        day = nextWorkingDay(day);
      }
      return ZonedDateTime.of(day, local.toLocalTime(), zone);
    }
    LocalDate day = nextWorkingDay(startDate);
    if (days == 0) {
      return day.atStartOfDay(zone);
    }
    for (int i = 1; i < days; i++) {
      day = nextWorkingDay(day);
    }
    return ZonedDateTime.of(day, END_OF_DAY, zone);
  }

  /**
   * Adds an amount in a deadline unit: {@code hours} (wall clock), {@code calendarDays} or {@code
   * workingDays}.
   *
   * @throws IllegalArgumentException for an unknown unit (the message names it) or a negative
   *     amount
   */
  public Instant plus(Instant start, long amount, String unit) {
    Objects.requireNonNull(start, "start");
    if (!UNIT_HOURS.equals(unit)
        && !UNIT_CALENDAR_DAYS.equals(unit)
        && !UNIT_WORKING_DAYS.equals(unit)) {
      throw new IllegalArgumentException(
          "Unknown deadline unit '"
              + unit
              + "': expected "
              + UNIT_HOURS
              + ", "
              + UNIT_CALENDAR_DAYS
              + " or "
              + UNIT_WORKING_DAYS);
    }
    if (amount < 0) {
      throw new IllegalArgumentException(
          "Deadline amount must not be negative: " + amount + " " + unit);
    }
    switch (unit) {
      case UNIT_HOURS:
        return start.plus(Duration.ofHours(amount));
      case UNIT_CALENDAR_DAYS:
        return start.atZone(zone).plusDays(amount).toInstant();
      default:
        if (amount > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("Too many working days: " + amount);
        }
        return addWorkingDays(start.atZone(zone), (int) amount).toInstant();
    }
  }

  /** The rows of one year, read from the table (not the cache), ordered by date. */
  public List<CalendarDay> daysOfYear(int year) {
    return repository.findByYear(year);
  }

  /**
   * Inserts or replaces the row of a date (stored as not provisional) and reloads the cache.
   *
   * @throws IllegalArgumentException when the name is blank or longer than 100 characters
   */
  public CalendarDay setDay(LocalDate day, DayKind kind, String name) {
    Objects.requireNonNull(day, "day");
    if (kind == null) {
      throw new IllegalArgumentException("kind must be HOLIDAY or WORKDAY");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    CalendarDay row = new CalendarDay(day, kind, trimmed, false);
    repository.upsert(row);
    reload();
    log.info("Business calendar: {} set to {} ({})", day, kind, trimmed);
    return row;
  }

  /** Deletes the row of a date, so it follows the plain weekday rule again; reloads the cache. */
  public boolean removeDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    boolean removed = repository.delete(day);
    reload();
    if (removed) {
      log.info("Business calendar: {} removed", day);
    }
    return removed;
  }

  /** Re-reads the table, e.g. after it was edited directly in the database. */
  public void reload() {
    synchronized (loadLock) {
      snapshot = Snapshot.of(repository.findAll());
    }
  }

  private Snapshot data() {
    Snapshot data = snapshot;
    if (data == null) {
      synchronized (loadLock) {
        data = snapshot;
        if (data == null) {
          data = Snapshot.of(repository.findAll());
          snapshot = data;
        }
      }
    }
    return data;
  }

  private record Snapshot(
      Map<LocalDate, DayKind> days, Set<Integer> knownYears, Set<Integer> provisionalYears) {

    static Snapshot of(List<CalendarDay> rows) {
      Map<LocalDate, DayKind> days = new HashMap<>();
      Set<Integer> known = new HashSet<>();
      Set<Integer> provisional = new HashSet<>();
      for (CalendarDay row : rows) {
        days.put(row.day(), row.kind());
        known.add(row.day().getYear());
        if (row.provisional()) {
          provisional.add(row.day().getYear());
        }
      }
      return new Snapshot(Map.copyOf(days), Set.copyOf(known), Set.copyOf(provisional));
    }
  }
}
