package com.qmsflow.numbering;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Readable numbers {@code <prefix>-<year>-<n digits>}, counted per sequence and year in the table
 * {@code number_counter} (rows exist up front, see migration V4). The update takes a row lock, so
 * concurrent transactions get distinct numbers; a rolled-back transaction gives its number back.
 */
@Service
public class ReadableNumbers {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;

  public ReadableNumbers(
      JdbcClient jdbc, Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /**
   * The next number of the sequence in the current year, e.g. {@code next("complaint", "CC", 6)}.
   */
  public String next(String sequence, String prefix, int digits) {
    int year = Year.now(clock.withZone(zone)).getValue();
    int updated =
        jdbc.sql(
                "update number_counter set last_value = last_value + 1 where sequence_name = ? and"
                    + " counter_year = ?")
            .params(sequence, year)
            .update();
    if (updated == 0) {
      throw new IllegalStateException(
          "No counter for " + sequence + " in " + year + ": add a row to number_counter");
    }
    int value =
        jdbc.sql(
                "select last_value from number_counter where sequence_name = ? and counter_year ="
                    + " ?")
            .params(sequence, year)
            .query(Integer.class)
            .single();
    return String.format("%s-%d-%0" + digits + "d", prefix, year, value);
  }
}
