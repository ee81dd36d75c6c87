package com.qmsflow.operations;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code incidents}: the number of open incidents and of jobs
 * that failed and wait for a retry. An incident is work an operator must look at in Cockpit, not a
 * reason to take the node out of a load balancer, so the status stays UP and the figures are
 * details.
 */
@Component("incidents")
public class IncidentsHealthIndicator implements HealthIndicator {

  private final RuntimeService runtimeService;
  private final ManagementService managementService;

  public IncidentsHealthIndicator(
      RuntimeService runtimeService, ManagementService managementService) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("openIncidents", runtimeService.createIncidentQuery().count())
        .withDetail(
            "failedJobsAwaitingRetry",
            managementService.createJobQuery().withException().withRetriesLeft().count())
        .build();
  }
}
