package com.qmsflow.processtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The canary of the 100 % coverage gate of {@link ProcessTest}: a process test class that leaves
 * one path of a two-path process untaken fails, and the same class taking both paths passes. If a
 * change of the coverage set-up made the gate toothless, the first assertion fails here.
 */
class ProcessCoverageGateTest {

  private static final String DEFAULT_ENGINE = "default";

  /**
   * Runs one canary class with the JUnit launcher and returns the failures it reported. The
   * canary's application context registers its engine as the JVM's default engine, which the REST
   * API of every other cached context then serves (the starter's engine provider reads {@link
   * ProcessEngines}); the engine that was the default before is registered again afterwards, so a
   * later REST test in a reused context is not answered by the canary's engine.
   */
  private static List<Throwable> failuresOf(Class<?> canary) {
    ProcessEngine defaultBefore = ProcessEngines.getProcessEngines().get(DEFAULT_ENGINE);
    try {
      return run(canary);
    } finally {
      if (defaultBefore != null) {
        ProcessEngines.registerProcessEngine(defaultBefore);
      }
    }
  }

  private static List<Throwable> run(Class<?> canary) {
    List<Throwable> failures = new ArrayList<>();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(canary)).build();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                result.getThrowable().ifPresent(failures::add);
              }
            });
    return failures;
  }

  @Test
  void aProcessTestThatLeavesAPathUncoveredFails() {
    List<Throwable> failures = failuresOf(CoverageCanaries.OnlyPathA.class);

    assertThat(failures)
        .as("the class taking only path A must fail the coverage gate")
        .anySatisfy(
            failure ->
                assertThat(failure)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("coverage ratio is at least 1.0"));
  }

  @Test
  void theSameProcessTestTakingBothPathsPasses() {
    assertThat(failuresOf(CoverageCanaries.BothPaths.class)).isEmpty();
  }
}
