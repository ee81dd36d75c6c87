package com.qmsflow.records;

import com.qmsflow.config.EngineCommands;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adds the record's listeners to every process and every user task when a model is deployed, so a
 * task that a process owner adds in Camunda Modeler is recorded without anything in the model or
 * the code. Built-in listeners run even when an operator skips custom listeners in Cockpit.
 */
@Component
public class RecordsPlugin extends AbstractProcessEnginePlugin {

  private final ProcessRecorder recorder;

  public RecordsPlugin(ProcessRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = EngineCommands.postParseListeners(configuration);
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseProcess(Element element, ProcessDefinitionEntity process) {
            process.addBuiltInListener(
                ExecutionListener.EVENTNAME_START, (ExecutionListener) recorder::processStarted);
            process.addBuiltInListener(
                ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::processEnded);
          }

          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
              TaskDefinition task = behavior.getTaskDefinition();
              task.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_CREATE, (TaskListener) recorder::taskCreated);
              task.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_ASSIGNMENT, (TaskListener) recorder::taskAssigned);
              task.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_UPDATE, (TaskListener) recorder::taskUpdated);
              task.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_COMPLETE, (TaskListener) recorder::taskCompleted);
              task.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_DELETE, (TaskListener) recorder::taskDeleted);
            }
          }
        });
  }
}
