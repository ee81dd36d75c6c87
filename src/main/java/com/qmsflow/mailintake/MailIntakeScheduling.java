package com.qmsflow.mailintake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Polls the complaint mailbox every {@code qms.mail.intake.interval} (default one minute) when
 * {@code qms.mail.intake.host} is set; a failed poll is logged and the next one tries again.
 */
@Configuration(proxyBeanMethods = false)
public class MailIntakeScheduling implements SchedulingConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(MailIntakeScheduling.class);

  private final MailboxPoller poller;
  private final MailboxSettings settings;

  public MailIntakeScheduling(MailboxPoller poller, MailboxSettings settings) {
    this.poller = poller;
    this.settings = settings;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!settings.enabled()) {
      LOG.info("Complaint mailbox not polled (qms.mail.intake.host is not set)");
      return;
    }
    registrar.addFixedDelayTask(
        new FixedDelayTask(
            () -> {
              try {
                poller.poll();
              } catch (Exception e) {
                LOG.error(
                    "Complaint mailbox {}:{} not reachable; the next poll tries again: {}",
                    settings.host(),
                    settings.port(),
                    e.toString());
              }
            },
            settings.interval(),
            settings.interval()));
  }
}
