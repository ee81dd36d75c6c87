package com.qmsflow.records;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the project's process records ({@code qms.records.*}, docs/operations.md).
 *
 * @param retention how long the records of a process tree are kept after its root instance ended
 *     (e.g. {@code P15Y}); empty (the default): kept for ever, whatever Camunda's history TTL
 * @param backfill whether records of instances that ran before the records existed are written once
 *     from history at start-up (default true)
 */
@ConfigurationProperties("qms.records")
public record RecordsProperties(Period retention, Boolean backfill) {

  public boolean backfillEnabled() {
    return backfill == null || backfill;
  }
}
