package com.qmsflow.processtest;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two process test classes of the two-path process {@code test-processes/coverage-canary.bpmn}, run
 * only by {@link ProcessCoverageGateTest} through the JUnit launcher (their names do not end in
 * {@code Test}, so the build does not run them by themselves): one takes both paths, one leaves a
 * path out.
 */
final class CoverageCanaries {

  static final String PROCESS = "coverage-canary";

  private CoverageCanaries() {}

  abstract static class CanaryBase {

    @Autowired ProcessEngine engine;

    @BeforeEach
    void deployCanary() {
      org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
      engine
          .getRepositoryService()
          .createDeployment()
          .name(PROCESS)
          .enableDuplicateFiltering(false)
          .addClasspathResource("test-processes/" + PROCESS + ".bpmn")
          .deploy();
    }

    ProcessInstance take(String path) {
      ProcessInstance pi =
          engine.getRuntimeService().startProcessInstanceByKey(PROCESS, Map.of("path", path));
      assertThat(pi).isEnded();
      return pi;
    }
  }

  @ProcessTest(properties = {ProcessCoverage.PROCESS + "=" + PROCESS, CanaryContext.DATABASE})
  static class BothPaths extends CanaryBase {

    @Test
    void pathA() {
      assertThat(take("a")).hasPassed("endEventPathA");
    }

    @Test
    void pathB() {
      assertThat(take("b")).hasPassed("endEventPathB");
    }
  }

  @ProcessTest(properties = {ProcessCoverage.PROCESS + "=" + PROCESS, CanaryContext.DATABASE})
  static class OnlyPathA extends CanaryBase {

    @Test
    void pathA() {
      assertThat(take("a")).hasPassed("endEventPathA");
    }
  }

  /** Both canaries share one application context. */
  static final class CanaryContext {
    static final String DATABASE =
        "spring.datasource.url=jdbc:h2:mem:coverage-canary;DB_CLOSE_DELAY=-1";

    private CanaryContext() {}
  }
}
