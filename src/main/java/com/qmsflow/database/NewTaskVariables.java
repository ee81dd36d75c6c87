package com.qmsflow.database;

import com.qmsflow.config.EngineCommands;
import java.lang.reflect.Field;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A user task being created has no variables in the database yet, so the first reading of its
 * variables (the Tasklist columns, the form context, the records all read or set some when a task
 * is created) need not ask the database for them (issue 21, SQL per complaint: one {@code select …
 * from ACT_RU_VARIABLE … where TASK_ID_ = ?} per task, answering nothing). The first listener of
 * every user task's {@code create} event gives the new task an empty variable store, unless
 * something has already read it; the task's variables of later commands are read from the database
 * as always.
 *
 * <p>The store is the engine's own field ({@code TaskEntity.variableStore}, protected); if an
 * engine version renames it, a warning says so at start and tasks read their variables as before.
 *
 * <p>{@code qms.database.new-task-variables=false} leaves the engine's reading as it is.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.new-task-variables",
    havingValue = "true",
    matchIfMissing = true)
public class NewTaskVariables extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NewTaskVariables.class);

  private static final Field STORE = store();

  /** The first listener of a created task. */
  static final TaskListener EMPTY_STORE = NewTaskVariables::emptyStore;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (STORE == null) {
      return;
    }
    List<BpmnParseListener> listeners = EngineCommands.preParseListeners(configuration);
    // the first parse listener adds the first built-in listener of each task (the other plugins add
    // theirs after it)
    listeners.add(
        0,
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
              behavior
                  .getTaskDefinition()
                  .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, EMPTY_STORE);
            }
          }
        });
  }

  @SuppressWarnings("unchecked")
  static void emptyStore(DelegateTask task) {
    if (STORE == null || !(task instanceof TaskEntity entity)) {
      return;
    }
    try {
      VariableStore<VariableInstanceEntity> store =
          (VariableStore<VariableInstanceEntity>) STORE.get(entity);
      if (store != null && !store.isInitialized()) {
        store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
      }
    } catch (IllegalAccessException e) {
      LOG.warn("The variables of task {} are read from the database", task.getId(), e);
    }
  }

  private static Field store() {
    try {
      Field field = TaskEntity.class.getDeclaredField("variableStore");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.warn(
          "This engine's TaskEntity has no variable store field: a new task's variables are read"
              + " from the database",
          e);
      return null;
    }
  }
}
