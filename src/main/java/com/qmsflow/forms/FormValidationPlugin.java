package com.qmsflow.forms;

import com.qmsflow.config.EngineCommands;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Validates every Camunda Form submission on the server before the process moves on: when a user
 * task completes and when a process starts from a start event that has a form. The form file's own
 * rules (required, min, max, lengths, patterns, allowed values) and the project's cross-field
 * {@link FormRule}s apply, whether the submission came from Tasklist, the REST API or Java.
 */
@Component
public class FormValidationPlugin extends AbstractProcessEnginePlugin {

  private static final org.camunda.bpm.engine.impl.util.xml.Namespace CAMUNDA_NS =
      org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

  private final FormSubmissionValidator validator;
  private final Clock clock;

  public FormValidationPlugin(@Lazy FormSubmissionValidator validator, Clock clock) {
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = EngineCommands.postParseListeners(configuration);
    EngineCommands.postInterceptors(configuration).add(new ValidatingCompleteInterceptor());
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (element.attributeNS(CAMUNDA_NS, "formRef") != null
                && activity.getActivityBehavior() instanceof UserTaskActivityBehavior b) {
              TaskDefinition definition = b.getTaskDefinition();
              // a form submission (Tasklist, REST submit-form) is checked before any variable is
              // written;
              // a plain completion (REST complete, Java) by the CompleteTaskCmd interceptor below,
              // and the
              // complete listener catches whatever else completes a task with a form
              definition.setTaskFormHandler(
                  new ValidatingTaskFormHandler(definition.getTaskFormHandler()));
              definition.addBuiltInTaskListener(
                  TaskListener.EVENTNAME_COMPLETE,
                  (TaskListener) FormValidationPlugin.this::validateTaskSubmission);
            }
          }

          @Override
          public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
            boolean processStart = activity.getFlowScope() == activity.getProcessDefinition();
            if (processStart && element.attributeNS(CAMUNDA_NS, "formRef") != null) {
              activity.addBuiltInListener(
                  ExecutionListener.EVENTNAME_START,
                  (ExecutionListener) FormValidationPlugin.this::validateStartSubmission);
            }
          }
        });
  }

  /**
   * Marks a task whose form submission was validated in this command, so completing it does not
   * validate again.
   */
  private static final String VALIDATED_SUBMISSION = "formSubmissionValidated";

  private void validateTaskSubmission(DelegateTask task) {
    if (task.getVariableLocal(VALIDATED_SUBMISSION) == null) {
      FormSchema form =
          task instanceof TaskEntity entity
              ? validator.taskForm(entity)
              : validator.taskForm(task.getId());
      validateTask(form, task, variables(task));
    }
  }

  private void validateTask(FormSchema form, DelegateTask task, Map<String, Object> values) {
    reject(
        form,
        validator.validate(
            form,
            new FormRule.Submission(values, task.getDueDate(), clock.instant(), task.getId())));
  }

  private void validateStartSubmission(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity e
        && e.getProcessInstance().getSuperExecution() != null) {
      // started by a call activity: its inputs are the calling process's validated data, not a form
      return;
    }
    FormSchema form = validator.startForm(execution.getProcessDefinitionId());
    reject(
        form,
        validator.validate(
            form, new FormRule.Submission(variables(execution), null, clock.instant())));
  }

  /**
   * Validates {@code TaskService.complete(id, variables)} (REST {@code /task/{id}/complete}) before
   * the command runs, so a refusal reaches the caller as the validation error itself (REST: 400)
   * rather than wrapped by the task listener invocation (REST: 500), and nothing is written.
   */
  private final class ValidatingCompleteInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd complete) {
        validateCompletion(complete);
      }
      return next.execute(command);
    }

    private void validateCompletion(CompleteTaskCmd complete) {
      String taskId;
      Map<String, Object> submitted;
      try {
        taskId = (String) COMPLETE_TASK_ID.get(complete);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) COMPLETE_VARIABLES.get(complete);
        submitted = variables;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      CommandContext context = Context.getCommandContext();
      TaskEntity task =
          taskId == null || context == null ? null : context.getTaskManager().findTaskById(taskId);
      if (task == null
          || task.getTaskDefinition() == null
          || !(task.getTaskDefinition().getTaskFormHandler()
              instanceof ValidatingTaskFormHandler)) {
        return;
      }
      validateSubmitted(task, Variables.fromMap(submitted == null ? Map.of() : submitted));
    }
  }

  /**
   * Checks the submitted variables themselves (only the form's fields, plain values), then the
   * form's rules on them merged over the task's current variables, and marks the task as checked
   * for this command (a transient variable, never stored) so the complete listener skips it.
   */
  private void validateSubmitted(TaskEntity task, VariableMap submitted) {
    FormSchema form = validator.taskForm(task);
    reject(form, SubmissionHygiene.check(form, submitted));
    Map<String, Object> values = variables(task);
    values.putAll(submitted);
    validateTask(form, task, values);
    task.setVariableLocal(VALIDATED_SUBMISSION, Variables.booleanValue(true, true));
  }

  private static final java.lang.reflect.Field COMPLETE_TASK_ID = accessible("taskId");
  private static final java.lang.reflect.Field COMPLETE_VARIABLES = accessible("variables");

  private static java.lang.reflect.Field accessible(String name) {
    try {
      java.lang.reflect.Field field = CompleteTaskCmd.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Validates the submitted values merged over the task's current variables, then delegates. */
  private final class ValidatingTaskFormHandler implements TaskFormHandler {

    private final TaskFormHandler delegate;

    ValidatingTaskFormHandler(TaskFormHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      return delegate.createTaskForm(task);
    }

    @Override
    public void parseConfiguration(
        Element element,
        DeploymentEntity deployment,
        ProcessDefinitionEntity definition,
        BpmnParse parse) {
      delegate.parseConfiguration(element, deployment, definition, parse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope scope) {
      if (scope instanceof TaskEntity task) {
        validateSubmitted(task, properties);
      }
      delegate.submitFormVariables(properties, scope);
    }
  }

  private static Map<String, Object> variables(DelegateTask task) {
    return new HashMap<>(task.getVariables());
  }

  private static Map<String, Object> variables(DelegateExecution execution) {
    Map<String, Object> values = new HashMap<>(execution.getVariables());
    if (execution instanceof ExecutionEntity e && e.getProcessBusinessKey() != null) {
      values.putIfAbsent("businessKey", e.getProcessBusinessKey());
    }
    return values;
  }

  private static void reject(FormSchema form, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      FormRefusals.remember(form, errors);
      throw new FormSubmissionRejectedException(errors);
    }
  }
}
