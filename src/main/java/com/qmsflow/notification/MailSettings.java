package com.qmsflow.notification;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The {@code qms.mail.*} settings (the mail server itself is {@code spring.mail.*}): where links
 * point, the sender, the subject prefix, retries and the task digest's interval. Also formats dates
 * and Tasklist links the same way in every mail.
 */
@Component
public class MailSettings {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final String baseUrl;
  private final String from;
  private final String subjectPrefix;
  private final int maxAttempts;
  private final Duration retryBackoff;
  private final Duration claimTimeout;
  private final Duration taskDigestInterval;
  private final Duration taskDigestSettleTime;
  private final ZoneId zone;

  public MailSettings(
      @Value("${qms.mail.base-url:http://localhost:8080}") String baseUrl,
      @Value("${qms.mail.from:qms@localhost}") String from,
      @Value("${qms.mail.subject-prefix:[QMS] }") String subjectPrefix,
      @Value("${qms.mail.max-attempts:5}") int maxAttempts,
      @Value("${qms.mail.retry-backoff:PT1M}") Duration retryBackoff,
      @Value("${qms.mail.claim-timeout:PT10M}") Duration claimTimeout,
      @Value("${qms.mail.task-digest.interval:PT15M}") String taskDigestInterval,
      @Value("${qms.mail.task-digest.settle-time:PT1M}") Duration taskDigestSettleTime,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.from = from;
    this.subjectPrefix = subjectPrefix;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("qms.mail.max-attempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.retryBackoff = retryBackoff;
    this.claimTimeout = claimTimeout;
    this.taskDigestInterval = durationOrZero(taskDigestInterval);
    this.taskDigestSettleTime = taskDigestSettleTime;
    this.zone = ZoneId.of(zone);
  }

  /** Empty, {@code 0} or a zero duration: disabled. */
  static Duration durationOrZero(String text) {
    if (!StringUtils.hasText(text) || "0".equals(text.trim())) {
      return Duration.ZERO;
    }
    Duration d = Duration.parse(text.trim());
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          "qms.mail.task-digest.interval must not be negative: " + text);
    }
    return d;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String from() {
    return from;
  }

  public String subject(String subject) {
    return subjectPrefix + subject;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Wait before attempt {@code failedAttempts + 1}: the backoff doubled per failed attempt, at most
   * 6 hours.
   */
  public Duration backoffAfter(int failedAttempts) {
    Duration wait = retryBackoff.multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 16));
    Duration max = Duration.ofHours(6);
    return wait.compareTo(max) > 0 ? max : wait;
  }

  public Duration claimTimeout() {
    return claimTimeout;
  }

  public Duration taskDigestInterval() {
    return taskDigestInterval;
  }

  public boolean taskDigestEnabled() {
    return !taskDigestInterval.isZero();
  }

  public Duration taskDigestSettleTime() {
    return taskDigestSettleTime;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Date and time in the calendar's zone, e.g. {@code 2026-03-02 13:00 (Asia/Shanghai)}; "-" for
   * none.
   */
  public String format(java.time.Instant instant) {
    return instant == null
        ? "-"
        : DATE_TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
  }

  public String format(java.util.Date date) {
    return date == null ? "-" : format(date.toInstant());
  }

  public String tasklist() {
    return baseUrl + "/camunda/app/tasklist/";
  }

  public String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
