package com.qmsflow.records;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes the records of process trees whose root ended longer ago than {@code
 * qms.records.retention}; without that setting nothing is ever removed. Runs nightly; removing is
 * idempotent, so two nodes running it at once do no harm.
 */
@Component
@EnableConfigurationProperties(RecordsProperties.class)
public class RecordRetention {

  private static final Logger log = LoggerFactory.getLogger(RecordRetention.class);

  private final RecordRepository records;
  private final RecordsProperties properties;
  private final Clock clock;

  public RecordRetention(RecordRepository records, RecordsProperties properties, Clock clock) {
    this.records = records;
    this.properties = properties;
    this.clock = clock;
  }

  /** Removes what is past retention; the number of process instances removed. */
  @Scheduled(cron = "${qms.records.purge-cron:0 15 2 * * *}")
  @Transactional
  public int purge() {
    if (properties.retention() == null || properties.retention().isZero()) {
      return 0;
    }
    Instant cutoff =
        clock.instant().atZone(ZoneOffset.UTC).minus(properties.retention()).toInstant();
    int removed = records.purgeEndedBefore(cutoff);
    if (removed > 0) {
      log.info("Removed the records of {} process instances ended before {}", removed, cutoff);
    }
    return removed;
  }
}
