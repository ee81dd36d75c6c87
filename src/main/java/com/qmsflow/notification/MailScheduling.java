package com.qmsflow.notification;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Schedules the outbox dispatcher ({@code qms.mail.dispatch-interval}, default every 30 s) and the
 * task digest ({@code qms.mail.task-digest.interval}, default 15 minutes); either is off when its
 * interval is empty or 0. Scheduling itself is enabled by {@code
 * operations/SchedulingConfiguration}. The first run is one interval after the start. A failing run
 * is logged and the next run tries again.
 */
@Configuration(proxyBeanMethods = false)
public class MailScheduling implements SchedulingConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(MailScheduling.class);

  private final OutboxDispatcher dispatcher;
  private final TaskDigest digest;
  private final MailSettings settings;
  private final Duration dispatchInterval;

  public MailScheduling(
      OutboxDispatcher dispatcher,
      TaskDigest digest,
      MailSettings settings,
      @Value("${qms.mail.dispatch-interval:PT30S}") String dispatchInterval) {
    this.dispatcher = dispatcher;
    this.digest = digest;
    this.settings = settings;
    this.dispatchInterval = MailSettings.durationOrZero(dispatchInterval);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!dispatchInterval.isZero()) {
      registrar.addFixedDelayTask(
          new FixedDelayTask(
              guarded("mail outbox", () -> dispatcher.dispatch()),
              dispatchInterval,
              dispatchInterval));
    } else {
      LOG.info("Mail outbox dispatcher not scheduled (qms.mail.dispatch-interval is empty or 0)");
    }
    if (settings.taskDigestEnabled()) {
      Duration every = settings.taskDigestInterval();
      registrar.addFixedDelayTask(
          new FixedDelayTask(guarded("task digest", () -> digest.run()), every, every));
    } else {
      LOG.info("Task digest mails are off (qms.mail.task-digest.interval is empty or 0)");
    }
  }

  private static Runnable guarded(String what, Runnable run) {
    return () -> {
      try {
        run.run();
      } catch (RuntimeException e) {
        LOG.error("Scheduled {} failed; the next run tries again", what, e);
      }
    };
  }
}
