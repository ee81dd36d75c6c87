package com.qmsflow.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ClockConfiguration {

  /**
   * The one clock of the application: every service, delegate and listener takes this injected
   * {@link Clock}, which reads the engine's {@link ClockUtil}, so the engine and the application
   * always agree on the time and a test that moves ClockUtil (to fire timers) moves both.
   */
  @Bean
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.systemDefault();
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
      }

      @Override
      public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
      }
    };
  }
}
