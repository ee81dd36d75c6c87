package com.qmsflow.capa;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calendar dates of the 8D, used from the model: D6's completion day and the end of the following
 * month, when QA checks that no similar or identical abnormality occurred (001 part 7 §5.3(3)).
 */
@Component("eightDDates")
public class EightDDates {

  private final Clock clock;
  private final ZoneId zone;

  public EightDDates(Clock clock, @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** Today in the plant's time zone, as {@code yyyy-MM-dd}. */
  public String today() {
    return LocalDate.ofInstant(clock.instant(), zone).toString();
  }

  /** The last moment (23:59:59) of the month after the month of the given day. */
  public Date endOfMonthAfter(String day) {
    LocalDate end = YearMonth.from(LocalDate.parse(day)).plusMonths(1).atEndOfMonth();
    return Date.from(end.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1));
  }
}
