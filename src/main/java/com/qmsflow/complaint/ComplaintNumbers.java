package com.qmsflow.complaint;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Readable complaint numbers {@code CC-<year>-<6 digits>}, counted per year. */
@Service
public class ComplaintNumbers {

  public static final Pattern FORMAT = Pattern.compile("CC-\\d{4}-\\d{6}");

  private final ComplaintRepository complaints;
  private final Clock clock;
  private final ZoneId zone;

  public ComplaintNumbers(ComplaintRepository complaints, Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.complaints = complaints;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  public String next() {
    int year = Year.now(clock.withZone(zone)).getValue();
    return String.format("CC-%d-%06d", year, complaints.nextSequence(year));
  }
}
