package com.qmsflow.database;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The tests that count the engine's statements ({@link EngineStatements}) share one context of
 * their own (its own database): the counting interceptor stays with that engine and with no other
 * test's. Counts start at 0 before each test.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:engine-statements-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineStatementsTestBase {

  @Autowired ProcessEngine engine;

  EngineStatements statements;

  @BeforeAll
  void countStatements() {
    statements = EngineStatements.in(engine);
  }

  @BeforeEach
  void resetCounts() {
    statements.reset();
  }

  /** Deploys the test's models. */
  void deploy(BpmnModelInstance... models) {
    var deployment = engine.getRepositoryService().createDeployment();
    for (BpmnModelInstance model : models) {
      String key =
          model
              .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
              .iterator()
              .next()
              .getId();
      deployment.addModelInstance(key + ".bpmn", model);
    }
    deployment.deploy();
  }

  /**
   * A process of one user task for quality with a non-interrupting reminder timer for each of the
   * durations (none: the task alone).
   */
  static BpmnModelInstance userTaskWithReminders(
      String processKey, String taskId, String... durations) {
    AbstractFlowNodeBuilder<?, ?> process =
        Bpmn.createExecutableProcess(processKey)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask(taskId)
            .camundaCandidateGroups("quality")
            .endEvent("endEventDone");
    for (int i = 0; i < durations.length; i++) {
      process =
          process
              .moveToActivity(taskId)
              .boundaryEvent("boundaryEventReminder" + (i + 1))
              .cancelActivity(false)
              .timerWithDuration(durations[i])
              .endEvent("endEventReminder" + (i + 1));
    }
    return process.done();
  }

  /** The instance's one open task. */
  Task task(ProcessInstance instance) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .singleResult();
  }
}
