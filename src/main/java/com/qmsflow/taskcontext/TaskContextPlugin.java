package com.qmsflow.taskcontext;

import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.config.EngineCommands;
import java.util.List;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of complaint-handling the context its form shows ({@link TaskContexts}):
 * built-in listeners added when the model is parsed, so the models stay as drawn and a task a
 * process owner adds gets the common context too. The texts are prepared when the task is created
 * and again when it is claimed (the record may have grown meanwhile); they are the task's own
 * variables, which end with the task and which the records never take as findings of the step
 * ({@code records/ProcessRecorder} records the task's execution's variables).
 */
@Component
public class TaskContextPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<TaskContexts> contexts;

  public TaskContextPlugin(ObjectProvider<TaskContexts> contexts) {
    this.contexts = contexts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = EngineCommands.preParseListeners(configuration);
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getProcessDefinition() instanceof ProcessDefinitionEntity process)
                || !ComplaintVariables.PROCESS_KEY.equals(process.getKey())
                || !(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
              return;
            }
            TaskDefinition task = behavior.getTaskDefinition();
            TaskListener prepare = t -> contexts.getObject().prepare(t);
            task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, prepare);
            task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, prepare);
          }
        });
  }
}
