package com.qmsflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Mail settings without an engine: when mail is on, when the schedules run, the retry backoff. */
class MailConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
          .withBean(MailSettings.class, () -> settings("PT15M"))
          .withBean(Clock.class, Clock::systemUTC)
          .withBean(MailGateway.class);

  @Test
  void withoutSpringMailHostThereIsNoMailSenderAndTheGatewayLogsInstead() {
    context.run(
        ctx -> {
          assertThat(ctx).doesNotHaveBean(JavaMailSender.class);
          assertThat(ctx.getBean(MailGateway.class).configured()).isFalse();
        });
  }

  @Test
  void withSpringMailHostTheGatewaySends() {
    context
        .withPropertyValues("spring.mail.host=smtp.example.com")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(JavaMailSender.class);
              assertThat(ctx.getBean(MailGateway.class).configured()).isTrue();
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "0", "PT0S"})
  void anEmptyOrZeroDigestIntervalSchedulesNoDigest(String interval) {
    MailSettings settings = settings(interval);
    assertThat(settings.taskDigestEnabled()).isFalse();
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
    new MailScheduling(null, null, settings, "PT30S").configureTasks(registrar);
    assertThat(registrar.getFixedDelayTaskList()).as("only the dispatcher").hasSize(1);
  }

  @Test
  void aDigestIntervalSchedulesTheDigestAndTheDispatcherAfterOneInterval() {
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
    new MailScheduling(null, null, settings("PT15M"), "PT30S").configureTasks(registrar);
    assertThat(registrar.getFixedDelayTaskList())
        .hasSize(2)
        .extracting(t -> t.getIntervalDuration(), t -> t.getInitialDelayDuration())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(30), Duration.ofSeconds(30)),
            org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(15), Duration.ofMinutes(15)));

    ScheduledTaskRegistrar none = new ScheduledTaskRegistrar();
    new MailScheduling(null, null, settings("0"), "0").configureTasks(none);
    assertThat(none.getFixedDelayTaskList()).isEmpty();
  }

  @Test
  void theBackoffDoublesPerFailedAttemptUpToSixHours() {
    MailSettings settings = settings("PT15M");
    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(settings.backoffAfter(30)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aNegativeIntervalIsRefusedAtStart() {
    assertThatThrownBy(() -> settings("-PT1M"))
        .hasMessageContaining("qms.mail.task-digest.interval");
  }

  @Test
  void linksAndDatesUseTheBaseUrlAndTheCalendarZone() {
    MailSettings settings = settings("PT15M");
    assertThat(settings.taskLink("42"))
        .isEqualTo("https://qms.example.com/camunda/app/tasklist/default/#/?task=42");
    assertThat(settings.format(java.time.Instant.parse("2026-03-02T05:00:00Z")))
        .isEqualTo("2026-03-02 13:00 (Asia/Shanghai)");
    assertThat(settings.subject("Hello")).isEqualTo("[QMS] Hello");
  }

  static MailSettings settings(String digestInterval) {
    return new MailSettings(
        "https://qms.example.com/",
        "qms@example.com",
        "[QMS] ",
        5,
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        digestInterval,
        Duration.ofMinutes(1),
        "Asia/Shanghai");
  }
}
