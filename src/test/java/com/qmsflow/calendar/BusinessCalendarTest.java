package com.qmsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** BusinessCalendar on the data shipped in V2 (in-memory H2, no Spring). */
class BusinessCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static CalendarTestDatabase database;
  private static BusinessCalendar calendar;

  @BeforeAll
  static void migrate() {
    database = CalendarTestDatabase.migrated();
    calendar = database.calendar();
  }

  @AfterAll
  static void shutdown() {
    database.close();
  }

  private static ZonedDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI);
  }

  private static ZonedDateTime add(String start, int days) {
    return calendar.addWorkingDays(at(start), days);
  }

  private static void assertWorking(boolean expected, String... dates) {
    for (String date : dates) {
      assertThat(calendar.isWorkingDay(LocalDate.parse(date))).as(date).isEqualTo(expected);
    }
  }

  @Test
  void zoneDefaultsToShanghai() {
    assertThat(calendar.zone()).isEqualTo(SHANGHAI);
  }

  @Test
  void normalWeek() {
    assertWorking(true, "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14");
    assertWorking(false, "2025-03-15", "2025-03-16");

    assertThat(add("2025-03-10T09:30", 5)).isEqualTo(at("2025-03-17T09:30"));
    assertThat(add("2025-03-14T16:00", 1)).isEqualTo(at("2025-03-17T16:00"));
    assertThat(add("2025-03-12T11:00", 2)).isEqualTo(at("2025-03-14T11:00"));
    assertThat(add("2025-03-12T11:00:07.5", 0)).isEqualTo(at("2025-03-12T11:00:07.5"));
  }

  @Test
  void nationalDayWeek2025() {
    assertWorking(
        false,
        "2025-10-01",
        "2025-10-02",
        "2025-10-03",
        "2025-10-04",
        "2025-10-05",
        "2025-10-06",
        "2025-10-07",
        "2025-10-08");
    assertWorking(true, "2025-09-28", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11");

    // Oct 1-8 off; Thu Oct 9 and Fri Oct 10 are the first two working days after Sep 30
    assertThat(add("2025-09-30T10:00", 1)).isEqualTo(at("2025-10-09T10:00"));
    assertThat(add("2025-09-30T10:00", 2)).isEqualTo(at("2025-10-10T10:00"));
    // Sat Oct 11 is a swapped working day
    assertThat(add("2025-09-30T10:00", 3)).isEqualTo(at("2025-10-11T10:00"));
    assertThat(add("2025-09-30T10:00", 4)).isEqualTo(at("2025-10-13T10:00"));
    // Fri Sep 26 -> swapped Sun Sep 28
    assertThat(add("2025-09-26T17:00", 1)).isEqualTo(at("2025-09-28T17:00"));
  }

  @Test
  void swappedSaturdayCountsAsWorkingDay() {
    assertWorking(true, "2026-02-28", "2025-10-11", "2026-02-14", "2026-05-09", "2026-10-10");
    assertWorking(false, "2026-03-07", "2025-10-18");

    assertThat(add("2026-02-27T10:00", 1)).isEqualTo(at("2026-02-28T10:00"));
    assertThat(add("2026-02-27T10:00", 2)).isEqualTo(at("2026-03-02T10:00"));
    // starting on the swapped Saturday itself keeps the wall-clock time
    assertThat(add("2025-10-11T14:00", 1)).isEqualTo(at("2025-10-13T14:00"));
  }

  @Test
  void deadlineCrossingSpringFestival() {
    // 2026: Sat Feb 14 is a working day, Feb 15-23 are off
    assertThat(add("2026-02-13T10:00", 1)).isEqualTo(at("2026-02-14T10:00"));
    assertThat(add("2026-02-13T10:00", 2)).isEqualTo(at("2026-02-24T10:00"));
    // Feb 24, 25, 26, 27, Sat 28 (swapped), Mon Mar 2
    assertThat(add("2026-02-13T10:00", 7)).isEqualTo(at("2026-03-02T10:00"));

    // 2025: Sun Jan 26 is a working day, Jan 28 - Feb 4 are off
    assertThat(add("2025-01-24T10:00", 1)).isEqualTo(at("2025-01-26T10:00"));
    assertThat(add("2025-01-24T10:00", 2)).isEqualTo(at("2025-01-27T10:00"));
    assertThat(add("2025-01-24T10:00", 3)).isEqualTo(at("2025-02-05T10:00"));
  }

  @Test
  void startingOnSundayEndsAtEndOfTheNthWorkingDay() {
    // the next working day (Mon) is working day 1
    assertThat(add("2025-03-09T15:00", 1)).isEqualTo(at("2025-03-10T23:59:59"));
    assertThat(add("2025-03-09T15:00", 3)).isEqualTo(at("2025-03-12T23:59:59"));
    assertThat(add("2025-03-09T15:00", 0)).isEqualTo(at("2025-03-10T00:00"));
    // Sun Jun 1 2025 is inside the Dragon Boat holiday (May 31 - Jun 2)
    assertThat(add("2025-06-01T09:00", 1)).isEqualTo(at("2025-06-03T23:59:59"));
    // Sat Jan 25 2025: the next working day is the swapped Sun Jan 26
    assertThat(add("2025-01-25T09:00", 1)).isEqualTo(at("2025-01-26T23:59:59"));
  }

  @Test
  void startingOnAWeekdayHolidayEndsAtEndOfTheNthWorkingDay() {
    assertThat(add("2026-02-16T08:00", 1)).isEqualTo(at("2026-02-24T23:59:59"));
    assertThat(add("2026-02-16T08:00", 2)).isEqualTo(at("2026-02-25T23:59:59"));
    assertThat(add("2025-10-01T10:00", 1)).isEqualTo(at("2025-10-09T23:59:59"));
  }

  @Test
  void startInAnotherZoneIsConvertedToTheCalendarZone() {
    // Sun 17:00 UTC = Mon 01:00 in Shanghai, a working day
    ZonedDateTime result =
        calendar.addWorkingDays(ZonedDateTime.of(2025, 3, 9, 17, 0, 0, 0, ZoneOffset.UTC), 1);
    assertThat(result).isEqualTo(at("2025-03-11T01:00"));
    assertThat(result.getZone()).isEqualTo(SHANGHAI);
  }

  @Test
  void negativeWorkingDaysAreRejected() {
    assertThatThrownBy(() -> add("2025-03-10T10:00", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  class Units {

    private final Instant tuesdaySep30At10 = at("2025-09-30T10:00").toInstant();

    @Test
    void hoursAreWallClockAndDoNotSkipDaysOff() {
      Instant fridayAt16 = at("2025-03-14T16:00").toInstant();
      assertThat(calendar.plus(fridayAt16, 48, "hours"))
          .isEqualTo(at("2025-03-16T16:00").toInstant());
      assertThat(calendar.plus(tuesdaySep30At10, 24, "hours"))
          .isEqualTo(Instant.parse("2025-10-01T02:00:00Z"));
    }

    @Test
    void calendarDaysKeepTheLocalTimeAndDoNotSkipDaysOff() {
      assertThat(calendar.plus(tuesdaySep30At10, 3, "calendarDays"))
          .isEqualTo(at("2025-10-03T10:00").toInstant());
      assertThat(calendar.plus(tuesdaySep30At10, 0, "calendarDays")).isEqualTo(tuesdaySep30At10);
    }

    @Test
    void workingDays() {
      assertThat(calendar.plus(tuesdaySep30At10, 2, "workingDays"))
          .isEqualTo(Instant.parse("2025-10-10T02:00:00Z"));
      // Sun 15:00 Shanghai -> end of Monday
      assertThat(calendar.plus(Instant.parse("2025-03-09T07:00:00Z"), 1, "workingDays"))
          .isEqualTo(Instant.parse("2025-03-10T15:59:59Z"));
    }

    @Test
    void unknownUnitIsRejectedAndNamed() {
      assertThatThrownBy(() -> calendar.plus(tuesdaySep30At10, 2, "weeks"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'weeks'");
      assertThatThrownBy(() -> calendar.plus(tuesdaySep30At10, 2, "WorkingDays"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'WorkingDays'");
      assertThatThrownBy(() -> calendar.plus(tuesdaySep30At10, 2, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'null'");
    }

    @Test
    void negativeAmountIsRejected() {
      assertThatThrownBy(() -> calendar.plus(tuesdaySep30At10, -1, "hours"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class YearsWithoutOfficialData {

    private ListAppender<ILoggingEvent> logs;
    private Logger logger;

    @org.junit.jupiter.api.BeforeEach
    void captureLogs() {
      logger = (Logger) LoggerFactory.getLogger(BusinessCalendar.class);
      logs = new ListAppender<>();
      logs.start();
      logger.addAppender(logs);
    }

    @org.junit.jupiter.api.AfterEach
    void releaseLogs() {
      logger.detachAppender(logs);
    }

    private List<String> warnings() {
      return logs.list.stream()
          .filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }

    @Test
    void unknownYearFallsBackToWeekendsAndWarnsOncePerYear() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        BusinessCalendar fresh = db.calendar();
        assertThat(fresh.isWorkingDay(LocalDate.of(2030, 1, 1))).isTrue(); // Tue, no data
        assertThat(fresh.isWorkingDay(LocalDate.of(2030, 1, 5))).isFalse(); // Sat
        assertThat(fresh.addWorkingDays(at("2030-01-04T10:00"), 1))
            .isEqualTo(at("2030-01-07T10:00"));
        assertThat(fresh.isWorkingDay(LocalDate.of(2025, 1, 1))).isFalse();

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains("2030");

        fresh.isWorkingDay(LocalDate.of(2031, 1, 1));
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1)).contains("2031");
      }
    }

    @Test
    void provisional2027IsUsedAndWarnedOnce() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        BusinessCalendar fresh = db.calendar();
        assertThat(fresh.isWorkingDay(LocalDate.of(2027, 2, 8)))
            .isFalse(); // provisional Spring Festival
        assertThat(fresh.isWorkingDay(LocalDate.of(2027, 2, 20)))
            .isTrue(); // provisional swapped Sat
        assertThat(fresh.isWorkingDay(LocalDate.of(2027, 3, 1))).isTrue();
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains("2027").contains("provisional");
      }
    }
  }

  @Nested
  class EditingThroughTheService {

    @Test
    void addingAndRemovingAHolidayChangesTheResult() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        BusinessCalendar edited = db.calendar();
        assertThat(edited.addWorkingDays(at("2025-03-10T10:00"), 1))
            .isEqualTo(at("2025-03-11T10:00"));

        CalendarDay row =
            edited.setDay(LocalDate.of(2025, 3, 11), DayKind.HOLIDAY, "  Plant shutdown ");
        assertThat(row)
            .isEqualTo(
                new CalendarDay(
                    LocalDate.of(2025, 3, 11), DayKind.HOLIDAY, "Plant shutdown", false));
        assertThat(edited.isWorkingDay(LocalDate.of(2025, 3, 11))).isFalse();
        assertThat(edited.addWorkingDays(at("2025-03-10T10:00"), 1))
            .isEqualTo(at("2025-03-12T10:00"));
        // stored, not only cached
        assertThat(db.calendar().addWorkingDays(at("2025-03-10T10:00"), 1))
            .isEqualTo(at("2025-03-12T10:00"));

        assertThat(edited.removeDay(LocalDate.of(2025, 3, 11))).isTrue();
        assertThat(edited.addWorkingDays(at("2025-03-10T10:00"), 1))
            .isEqualTo(at("2025-03-11T10:00"));
        assertThat(edited.removeDay(LocalDate.of(2025, 3, 11))).isFalse();
      }
    }

    @Test
    void addingASwappedSaturdayAndOverwritingARow() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        BusinessCalendar edited = db.calendar();
        edited.setDay(LocalDate.of(2025, 3, 15), DayKind.WORKDAY, "Stock-taking Saturday");
        assertThat(edited.addWorkingDays(at("2025-03-14T10:00"), 1))
            .isEqualTo(at("2025-03-15T10:00"));

        // Oct 8 2025 was a holiday; overwrite it as a working day
        edited.setDay(LocalDate.of(2025, 10, 8), DayKind.WORKDAY, "Override");
        assertThat(edited.addWorkingDays(at("2025-09-30T10:00"), 1))
            .isEqualTo(at("2025-10-08T10:00"));
        assertThat(db.repository().find(LocalDate.of(2025, 10, 8)))
            .contains(
                new CalendarDay(LocalDate.of(2025, 10, 8), DayKind.WORKDAY, "Override", false));
      }
    }

    @Test
    void confirmingAProvisionalRowClearsTheFlag() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        LocalDate day = LocalDate.of(2027, 2, 11);
        assertThat(db.repository().find(day).orElseThrow().provisional()).isTrue();
        db.calendar().setDay(day, DayKind.HOLIDAY, "春节 Spring Festival");
        assertThat(db.repository().find(day).orElseThrow().provisional()).isFalse();
      }
    }

    @Test
    void reloadPicksUpDirectTableEdits() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        BusinessCalendar cached = db.calendar();
        assertThat(cached.isWorkingDay(LocalDate.of(2025, 3, 11))).isTrue();
        db.repository()
            .upsert(new CalendarDay(LocalDate.of(2025, 3, 11), DayKind.HOLIDAY, "Direct", false));
        assertThat(cached.isWorkingDay(LocalDate.of(2025, 3, 11))).isTrue();
        cached.reload();
        assertThat(cached.isWorkingDay(LocalDate.of(2025, 3, 11))).isFalse();
      }
    }

    @Test
    void blankNameIsRejected() {
      try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
        assertThatThrownBy(
                () -> db.calendar().setDay(LocalDate.of(2025, 3, 11), DayKind.HOLIDAY, " "))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("name");
      }
    }
  }
}
