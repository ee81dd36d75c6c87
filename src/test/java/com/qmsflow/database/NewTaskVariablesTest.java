package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user task being created does not ask the database for its variables ({@link NewTaskVariables});
 * what its creation sets (the Tasklist columns) is there in later commands.
 */
class NewTaskVariablesTest extends EngineStatementsTestBase {

  private static final String PROCESS = "new-task-variables-test";

  @BeforeAll
  void deployModel() {
    deploy(
        Bpmn.createExecutableProcess(PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("userTaskFirst")
            .camundaCandidateGroups("quality")
            .userTask("userTaskSecond")
            .camundaCandidateGroups("quality")
            .endEvent()
            .done());
  }

  @Test
  void aCreatedTaskSetsItsVariablesWithoutReadingThemAndTheyAreThereLater() {
    ProcessInstance instance =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(PROCESS, "NT-2026-000001", Map.of("note", "first"));

    assertThat(statements.count("selectVariablesByTaskId")).isZero();
    Task first = task(instance);
    // the Tasklist columns set when the task was created, read in a later command
    assertThat(engine.getTaskService().getVariablesLocal(first.getId()))
        .containsValue("NT-2026-000001");
    assertThat(statements.count("selectVariablesByTaskId")).isOne();

    // a task set a local variable in an earlier command: completing it reads and ends it
    engine.getTaskService().setVariableLocal(first.getId(), "draft", "kept until completion");
    statements.reset();
    engine.getTaskService().complete(first.getId());

    Task second = task(instance);
    assertThat(second.getTaskDefinitionKey()).isEqualTo("userTaskSecond");
    // the completed task's variables were read once (to delete them), the new task's not at all
    assertThat(statements.count("selectVariablesByTaskId")).isOne();
    assertThat(engine.getTaskService().getVariablesLocal(second.getId()))
        .containsValue("NT-2026-000001")
        .doesNotContainKey("draft");
  }
}
