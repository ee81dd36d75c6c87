package com.qmsflow.customer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the tiers at start (customers loaded by SQL, a decision deployed meanwhile) and every
 * night (on 1 January the latest full year changes). Revenue changes recompute at once.
 */
@Component
public class TierSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(TierSchedule.class);

  private final TierRecomputation tiers;
  private final TransactionTemplate transaction;

  public TierSchedule(TierRecomputation tiers, PlatformTransactionManager transactions) {
    this.tiers = tiers;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void atStart() {
    run("recomputed at start");
  }

  @Scheduled(
      cron = "${qms.customers.tier-cron:0 15 0 * * *}",
      zone = "${qms.calendar.zone:Asia/Shanghai}")
  public void nightly() {
    run("nightly recomputation");
  }

  private void run(String reason) {
    try {
      var outcome = transaction.execute(status -> tiers.recompute("system", reason));
      LOG.info(
          "customer tiers {}: year {}, {} customers, {} changed",
          reason,
          outcome.year(),
          outcome.customers(),
          outcome.changes().size());
    } catch (RuntimeException e) {
      LOG.warn("customer tiers not recomputed ({}): {}", reason, e.toString());
    }
  }
}
