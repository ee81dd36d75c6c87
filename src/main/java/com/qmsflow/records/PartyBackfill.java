package com.qmsflow.records;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes, once, who had a task in which process instance ({@code process_party}, V19) for the steps
 * recorded before that table existed, from {@code process_step} alone (set-based SQL, so it takes
 * seconds at hundreds of thousands of steps). Independent of {@link RecordBackfill}: the steps that
 * one writes record their parties themselves. A marker row makes it run once, and it skips what is
 * there, so an interrupted run just runs again.
 */
@Component
public class PartyBackfill implements ApplicationRunner {

  static final String MARKER = "party-backfill-1";
  private static final Logger log = LoggerFactory.getLogger(PartyBackfill.class);

  private final RecordRepository records;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public PartyBackfill(RecordRepository records, TransactionTemplate transactions, Clock clock) {
    this.records = records;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!records.backfillDone(MARKER)) {
      long started = System.nanoTime();
      int written = backfill();
      log.info(
          "Backfilled {} parties of recorded steps in {} ms",
          written,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** Backfills and marks it done; the number of rows written. */
  public int backfill() {
    Integer written =
        transactions.execute(
            tx -> {
              int n = records.backfillParties();
              records.markBackfillDone(MARKER, clock.instant(), n);
              return n;
            });
    return written == null ? 0 : written;
  }
}
