package com.qmsflow.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code calendar_day}. The column {@code day} is a reserved word in H2 and is
 * therefore always written quoted ({@code "day"}).
 */
@Repository
public class CalendarDayRepository {

  private static final String COLUMNS = "\"day\", kind, name, provisional";

  private final JdbcClient jdbc;

  public CalendarDayRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** All rows, ordered by date. */
  public List<CalendarDay> findAll() {
    return jdbc.sql("select " + COLUMNS + " from calendar_day order by \"day\"")
        .query(CalendarDayRepository::map)
        .list();
  }

  /** The rows of one calendar year, ordered by date. */
  public List<CalendarDay> findByYear(int year) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from calendar_day where \"day\" between ? and ? order by \"day\"")
        .param(LocalDate.of(year, 1, 1))
        .param(LocalDate.of(year, 12, 31))
        .query(CalendarDayRepository::map)
        .list();
  }

  public Optional<CalendarDay> find(LocalDate day) {
    return jdbc.sql("select " + COLUMNS + " from calendar_day where \"day\" = ?")
        .param(day)
        .query(CalendarDayRepository::map)
        .optional();
  }

  /** Inserts the row or replaces the row of the same date. Portable (no MERGE / ON CONFLICT). */
  public void upsert(CalendarDay day) {
    if (update(day) > 0) {
      return;
    }
    try {
      jdbc.sql("insert into calendar_day (" + COLUMNS + ") values (?, ?, ?, ?)")
          .param(day.day())
          .param(day.kind().name())
          .param(day.name())
          .param(day.provisional())
          .update();
    } catch (DuplicateKeyException concurrentInsert) {
      update(day);
    }
  }

  /** Deletes the row of that date; returns whether there was one. */
  public boolean delete(LocalDate day) {
    return jdbc.sql("delete from calendar_day where \"day\" = ?").param(day).update() > 0;
  }

  private int update(CalendarDay day) {
    return jdbc.sql("update calendar_day set kind = ?, name = ?, provisional = ? where \"day\" = ?")
        .param(day.kind().name())
        .param(day.name())
        .param(day.provisional())
        .param(day.day())
        .update();
  }

  private static CalendarDay map(ResultSet rs, int rowNum) throws SQLException {
    return new CalendarDay(
        rs.getObject(1, LocalDate.class),
        DayKind.valueOf(rs.getString(2).trim()),
        rs.getString(3),
        rs.getBoolean(4));
  }
}
