package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qmsflow.database.MergedDeletes.MergedDelete;
import com.qmsflow.database.MergedDeletes.MergingSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runtime variables the engine deletes in one flush go in one statement ({@link
 * MergedDeletes}), with the engine's optimistic locking kept.
 */
class MergedDeletesTest extends EngineStatementsTestBase {

  private static final String PROCESS = "merged-deletes-test";
  private static final String TIMERS = "merged-deletes-timers-test";

  @Autowired DataSource dataSource;

  @BeforeAll
  void deployModels() {
    deploy(
        userTaskWithReminders(PROCESS, "userTaskWithVariables"),
        userTaskWithReminders(TIMERS, "userTaskWithTimers", "PT1H", "PT2H"));
  }

  @Test
  void theVariablesOfACompletedTaskAndOfTheEndedInstanceAreDeletedInOneStatement() {
    ProcessInstance instance =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(
                PROCESS,
                Map.of(
                    "a",
                    "1",
                    "b",
                    2,
                    "c",
                    true,
                    "d",
                    Variables.byteArrayValue(new byte[] {1, 2, 3})));
    Task task = task(instance);
    for (int i = 0; i < 6; i++) {
      engine.getTaskService().setVariableLocal(task.getId(), "local" + i, "value " + i);
    }
    long variables =
        engine
            .getRuntimeService()
            .createVariableInstanceQuery()
            .processInstanceIdIn(instance.getId())
            .count();
    assertThat(variables).isGreaterThanOrEqualTo(10);
    statements.reset();

    engine.getTaskService().complete(task.getId());

    assertThat(
            engine
                .getRuntimeService()
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance.getId())
                .count())
        .isZero();
    // the task's and the instance's variables end in the same flush: one statement, none per row
    assertThat(statements.count("deleteVariableInstance")).isZero();
    assertThat(statements.count("deleteVariableInstancesByIdAndRevision")).isEqualTo(1);
    // the history keeps every variable
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .count())
        .isEqualTo(variables);
  }

  @Test
  void theTimersOfACompletedTaskAreDeletedInOneStatement() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(TIMERS);
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .count())
        .isEqualTo(2);
    statements.reset();

    engine.getTaskService().complete(task(instance).getId());

    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
    assertThat(statements.count("deleteTimer")).isZero();
    assertThat(statements.count("deleteJobsByIdAndRevision")).isEqualTo(1);
  }

  @Test
  void aSingleDeletedVariableKeepsTheEnginesStatement() {
    ProcessInstance instance =
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, Map.of("a", "1", "b", "2"));
    statements.reset();

    engine.getRuntimeService().removeVariable(instance.getId(), "a");

    assertThat(statements.count("deleteVariableInstance")).isEqualTo(1);
    assertThat(statements.count("deleteVariableInstancesByIdAndRevision")).isZero();
    assertThat(engine.getRuntimeService().getVariables(instance.getId())).containsOnlyKeys("b");
  }

  @Test
  void aVariableAnotherTransactionChangedFailsTheCommandAndNoneIsDeleted() throws Exception {
    ProcessInstance instance =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(PROCESS, Map.of("a", "1", "b", "2", "c", "3"));
    Task task = task(instance);

    assertThatThrownBy(
            () ->
                configuration()
                    .getCommandExecutorTxRequired()
                    .execute(
                        context -> {
                          ExecutionEntity execution =
                              context.getExecutionManager().findExecutionById(instance.getId());
                          // the engine reads the three variables with their revisions ...
                          execution.getVariables();
                          // ... another transaction changes one of them and commits ...
                          changeElsewhere(instance.getId(), "b");
                          // ... and this command deletes all three
                          execution.removeVariables(List.of("a", "b", "c"));
                          return null;
                        }))
        .isInstanceOf(OptimisticLockingException.class);

    assertThat(statements.count("deleteVariableInstancesByIdAndRevision")).isEqualTo(1);
    // rolled back: every variable is still there, b with the other transaction's value
    assertThat(engine.getRuntimeService().getVariables(instance.getId()))
        .containsEntry("a", "1")
        .containsEntry("b", "changed elsewhere")
        .containsEntry("c", "3");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void onlyRunsOfTwoOrMoreDeletesOfOneMergedClassAreMergedAtMostFiveHundredEach() {
    List<DbOperation> operations = new ArrayList<>();
    operations.add(delete(new VariableInstanceEntity()));
    operations.add(delete(new TaskEntity()));
    for (int i = 0; i < 501; i++) {
      operations.add(delete(new VariableInstanceEntity()));
    }
    DbEntityOperation insert = new DbEntityOperation();
    insert.setOperationType(DbOperationType.INSERT);
    insert.setEntity(new VariableInstanceEntity());
    operations.add(insert);
    operations.add(delete(new VariableInstanceEntity()));
    operations.add(delete(new VariableInstanceEntity()));
    // a run is of one class: variables, then timers, then a message alone
    operations.add(delete(new TimerEntity()));
    operations.add(delete(new TimerEntity()));
    operations.add(delete(new MessageEntity()));

    List<DbOperation> staged = MergingSession.merged(operations);

    assertThat(staged).hasSize(8);
    assertThat(((MergedDelete) staged.get(6)).deletes)
        .containsExactly(
            (DbEntityOperation) operations.get(506), (DbEntityOperation) operations.get(507));
    assertThat(((MergedDelete) staged.get(6)).getStatement()).isEqualTo(MergedDeletes.DELETE_JOBS);
    assertThat(((MergedDelete) staged.get(5)).getStatement())
        .isEqualTo(MergedDeletes.DELETE_VARIABLES);
    assertThat(staged.get(7)).isSameAs(operations.get(508));
    assertThat(staged.get(0)).isSameAs(operations.get(0));
    assertThat(staged.get(1)).isSameAs(operations.get(1));
    assertThat(((MergedDelete) staged.get(2)).deletes).hasSize(500);
    assertThat(staged.get(3)).isSameAs(operations.get(502));
    assertThat(staged.get(4)).isSameAs(insert);
    assertThat(((MergedDelete) staged.get(5)).deletes)
        .containsExactly(
            (DbEntityOperation) operations.get(504), (DbEntityOperation) operations.get(505));
  }

  private static DbEntityOperation delete(org.camunda.bpm.engine.impl.db.DbEntity entity) {
    DbEntityOperation operation = new DbEntityOperation();
    operation.setOperationType(DbOperationType.DELETE);
    operation.setEntity(entity);
    return operation;
  }

  private void changeElsewhere(String processInstanceId, String name) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "update ACT_RU_VARIABLE set REV_ = REV_ + 1, TEXT_ = ?"
                    + " where PROC_INST_ID_ = ? and NAME_ = ?")) {
      connection.setAutoCommit(true);
      update.setString(1, "changed elsewhere");
      update.setString(2, processInstanceId);
      update.setString(3, name);
      assertThat(update.executeUpdate()).isOne();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
