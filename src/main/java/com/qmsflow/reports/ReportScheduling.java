package com.qmsflow.reports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for reports that are due every hour from 07:30 to 18:30 plant time ({@code
 * qms.reports.cron}; {@code -} switches the schedule off): the first run on or after a report's due
 * date sends it, later runs find it sent (one indexed look-up per report). Every node runs it;
 * {@link ReportDelivery} makes sure one of them sends. A failing run (e.g. the database away) is
 * logged and the next hour's run tries again.
 */
@Component
public class ReportScheduling {

  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduling.class);

  private final ReportDelivery delivery;

  public ReportScheduling(ReportDelivery delivery) {
    this.delivery = delivery;
  }

  @Scheduled(
      cron = "${qms.reports.cron:0 30 7-18 * * *}",
      zone = "${qms.calendar.zone:Asia/Shanghai}")
  public void run() {
    try {
      var sent = delivery.sendDue();
      if (!sent.isEmpty()) {
        LOG.info("Reports to management sent: {}", sent.stream().map(ReportPeriod::label).toList());
      }
    } catch (RuntimeException e) {
      LOG.error("Reports to management not sent; the next run tries again", e);
    }
  }
}
