package com.qmsflow.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates and times as the pages show them: in the plant's time zone ({@code qms.calendar.zone}),
 * whatever the zone of the server or of the browser, as {@code yyyy-MM-dd HH:mm} in both languages
 * (the pages' script {@code /app/shell.js} formats the same way with the zone it gets from the
 * page).
 */
@Component
public class PlantTime {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Clock clock;
  private final ZoneId zone;

  public PlantTime(Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The instant as plant-local date and time, e.g. {@code 2026-03-16 14:05}. */
  public String dateTime(Instant instant) {
    return DATE_TIME.format(instant.atZone(zone));
  }

  /** Now, as plant-local date and time. */
  public String now() {
    return dateTime(clock.instant());
  }
}
