package com.qmsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;

/** The shipped V2 migration: it runs, and its seed data matches the State Council schedules. */
class CalendarMigrationTest {

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static List<LocalDate> days(List<CalendarDay> rows, DayKind kind) {
    return rows.stream().filter(r -> r.kind() == kind).map(CalendarDay::day).toList();
  }

  private static List<LocalDate> dates(String... isoDates) {
    return java.util.Arrays.stream(isoDates).map(LocalDate::parse).toList();
  }

  @ParameterizedTest(name = "H2 settings ''{0}''")
  @ValueSource(strings = {CalendarTestDatabase.H2, CalendarTestDatabase.H2_POSTGRES_MODE})
  void migrationRunsAndIsReadable(String settings) {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated(settings)) {
      assertThat(db.repository().findAll()).hasSize(103);
      assertThat(db.calendar().isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
    }
  }

  @Test
  void swappedWorkingDaysAreTheOfficialOnesAndAllOnWeekends() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      CalendarDayRepository repository = db.repository();
      assertThat(days(repository.findByYear(2025), DayKind.WORKDAY))
          .containsExactlyElementsOf(
              dates("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"));
      assertThat(days(repository.findByYear(2026), DayKind.WORKDAY))
          .containsExactlyElementsOf(
              dates(
                  "2026-01-04",
                  "2026-02-14",
                  "2026-02-28",
                  "2026-05-09",
                  "2026-09-20",
                  "2026-10-10"));
      assertThat(repository.findAll())
          .filteredOn(r -> r.kind() == DayKind.WORKDAY)
          .allMatch(r -> weekend(r.day()), "WORKDAY rows are Saturdays or Sundays");
    }
  }

  @Test
  void weekdayHolidaysAreTheOfficialOnes() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      CalendarDayRepository repository = db.repository();
      assertThat(
              days(repository.findByYear(2025), DayKind.HOLIDAY).stream().filter(d -> !weekend(d)))
          .containsExactlyElementsOf(
              dates(
                  "2025-01-01",
                  "2025-01-28",
                  "2025-01-29",
                  "2025-01-30",
                  "2025-01-31",
                  "2025-02-03",
                  "2025-02-04",
                  "2025-04-04",
                  "2025-05-01",
                  "2025-05-02",
                  "2025-05-05",
                  "2025-06-02",
                  "2025-10-01",
                  "2025-10-02",
                  "2025-10-03",
                  "2025-10-06",
                  "2025-10-07",
                  "2025-10-08"));
      assertThat(
              days(repository.findByYear(2026), DayKind.HOLIDAY).stream().filter(d -> !weekend(d)))
          .containsExactlyElementsOf(
              dates(
                  "2026-01-01",
                  "2026-01-02",
                  "2026-02-16",
                  "2026-02-17",
                  "2026-02-18",
                  "2026-02-19",
                  "2026-02-20",
                  "2026-02-23",
                  "2026-04-06",
                  "2026-05-01",
                  "2026-05-04",
                  "2026-05-05",
                  "2026-06-19",
                  "2026-09-25",
                  "2026-10-01",
                  "2026-10-02",
                  "2026-10-05",
                  "2026-10-06",
                  "2026-10-07"));
    }
  }

  @Test
  void everyYearGrantsThirteenStatutoryDaysAnd248WorkingDays() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      BusinessCalendar calendar = db.calendar();
      for (int year = 2025; year <= 2027; year++) {
        List<CalendarDay> rows = db.repository().findByYear(year);
        long weekdayHolidays =
            days(rows, DayKind.HOLIDAY).stream().filter(d -> !weekend(d)).count();
        long swappedWorkdays = days(rows, DayKind.WORKDAY).size();
        assertThat(weekdayHolidays - swappedWorkdays).as("net days off in %s", year).isEqualTo(13);

        long workingDays =
            LocalDate.of(year, 1, 1)
                .datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(calendar::isWorkingDay)
                .count();
        assertThat(workingDays).as("working days in %s", year).isEqualTo(248);
      }
    }
  }

  @Test
  void only2027IsProvisional() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      CalendarDayRepository repository = db.repository();
      assertThat(repository.findByYear(2025)).isNotEmpty().noneMatch(CalendarDay::provisional);
      assertThat(repository.findByYear(2026)).isNotEmpty().noneMatch(CalendarDay::provisional);
      assertThat(repository.findByYear(2027)).isNotEmpty().allMatch(CalendarDay::provisional);
      assertThat(repository.findByYear(2027))
          .extracting(CalendarDay::day)
          .contains(
              LocalDate.of(2027, 1, 1),
              LocalDate.of(2027, 2, 5),
              LocalDate.of(2027, 2, 8),
              LocalDate.of(2027, 4, 5),
              LocalDate.of(2027, 5, 3),
              LocalDate.of(2027, 6, 9),
              LocalDate.of(2027, 9, 15),
              LocalDate.of(2027, 10, 7));
    }
  }

  @Test
  void tableRejectsUnknownKinds() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      assertThatThrownBy(
              () ->
                  db.jdbc
                      .sql(
                          "insert into calendar_day (\"day\", kind, name) values (date"
                              + " '2025-03-11', 'FREE', 'x')")
                      .update())
          .isInstanceOf(DataIntegrityViolationException.class);
      db.jdbc
          .sql(
              "insert into calendar_day (\"day\", kind, name) values (date '2025-03-11', 'HOLIDAY',"
                  + " 'x')")
          .update();
      assertThat(db.repository().find(LocalDate.of(2025, 3, 11)).orElseThrow().provisional())
          .isFalse();
    }
  }

  @Test
  void repositoryUpsertsAndDeletes() {
    try (CalendarTestDatabase db = CalendarTestDatabase.migrated()) {
      CalendarDayRepository repository = db.repository();
      LocalDate day = LocalDate.of(2028, 1, 3);
      repository.upsert(new CalendarDay(day, DayKind.HOLIDAY, "first", true));
      repository.upsert(new CalendarDay(day, DayKind.WORKDAY, "second", false));
      assertThat(repository.findByYear(2028))
          .containsExactly(new CalendarDay(day, DayKind.WORKDAY, "second", false));
      assertThat(repository.delete(day)).isTrue();
      assertThat(repository.delete(day)).isFalse();
      assertThat(repository.findByYear(2028)).isEmpty();
    }
  }
}
