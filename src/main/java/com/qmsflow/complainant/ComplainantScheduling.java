package com.qmsflow.complainant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules {@link MissedDates} every {@code qms.complainant.missed-date-check-interval}. */
@Configuration(proxyBeanMethods = false)
public class ComplainantScheduling implements SchedulingConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(ComplainantScheduling.class);

  private final MissedDates missedDates;
  private final ComplainantSettings settings;

  public ComplainantScheduling(MissedDates missedDates, ComplainantSettings settings) {
    this.missedDates = missedDates;
    this.settings = settings;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (settings.missedDateCheck().isZero()) {
      LOG.info(
          "Status mails about missed dates are off (qms.complainant.missed-date-check-interval)");
      return;
    }
    registrar.addFixedDelayTask(
        new FixedDelayTask(
            () -> {
              try {
                missedDates.run();
              } catch (RuntimeException e) {
                LOG.error("Missed-date check failed; the next run tries again", e);
              }
            },
            settings.missedDateCheck(),
            settings.missedDateCheck()));
  }
}
