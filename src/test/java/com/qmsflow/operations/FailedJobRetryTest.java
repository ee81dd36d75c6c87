package com.qmsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * A background step that keeps failing is retried on the configured schedule (application.yaml:
 * {@code failedJobRetryTimeCycle} R5/PT1M) and only then becomes an incident, which Cockpit shows.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:retry-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class FailedJobRetryTest {

  @TestConfiguration
  static class FailingStep {
    @Bean("failingStep")
    AlwaysFailing failingStep() {
      return new AlwaysFailing();
    }
  }

  /** A step whose external system is down. */
  public static class AlwaysFailing {
    public void fail() {
      throw new IllegalStateException("the mail server is down");
    }
  }

  @Autowired private ProcessEngineConfigurationImpl configuration;
  @Autowired private RepositoryService repositoryService;
  @Autowired private RuntimeService runtimeService;
  @Autowired private ManagementService managementService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aFailingStepIsRetriedFiveTimesAMinuteApartThenBecomesAnIncident() {
    assertThat(configuration.getFailedJobRetryTimeCycle()).isEqualTo("R5/PT1M");
    repositoryService
        .createDeployment()
        .name("retry test")
        .addClasspathResource("test-processes/failing-background-step.bpmn")
        .deploy();
    String instance = runtimeService.startProcessInstanceByKey("failing-background-step").getId();

    Date now = new Date();
    for (int attempt = 1; attempt <= 5; attempt++) {
      ClockUtil.setCurrentTime(now);
      Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
      assertThatThrownBy(() -> managementService.executeJob(job.getId()))
          .hasMessageContaining("mail server is down");
      Job failed = managementService.createJobQuery().processInstanceId(instance).singleResult();
      assertThat(failed.getRetries())
          .as("retries left after attempt " + attempt)
          .isEqualTo(5 - attempt);
      if (attempt < 5) {
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count())
            .isZero();
        // the next attempt is due one minute later, not at once
        assertThat(failed.getDuedate())
            .isCloseTo(new Date(now.getTime() + Duration.ofMinutes(1).toMillis()), 2000);
        now = failed.getDuedate();
      }
    }
    assertThat(
            runtimeService
                .createIncidentQuery()
                .processInstanceId(instance)
                .singleResult()
                .getIncidentMessage())
        .contains("mail server is down");
  }
}
