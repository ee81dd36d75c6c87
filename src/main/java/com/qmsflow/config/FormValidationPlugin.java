package com.qmsflow.config;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.forms.FormSubmissionValidator;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
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

  private static final org.camunda.bpm.engine.impl.util.xml.Namespace CAMUNDA_NS = org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

  private final FormSubmissionValidator validator;

  public FormValidationPlugin(@Lazy FormSubmissionValidator validator) {
    this.validator = validator;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (element.attributeNS(CAMUNDA_NS, "formRef") != null && activity.getActivityBehavior() instanceof UserTaskActivityBehavior b) {
          b.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) FormValidationPlugin.this::validateTaskSubmission);
        }
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        boolean processStart = activity.getFlowScope() == activity.getProcessDefinition();
        if (processStart && element.attributeNS(CAMUNDA_NS, "formRef") != null) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) FormValidationPlugin.this::validateStartSubmission);
        }
      }
    });
  }

  private void validateTaskSubmission(DelegateTask task) {
    ProcessEngineServices engine = task.getProcessEngineServices();
    InputStream form = engine.getFormService().getDeployedTaskForm(task.getId());
    reject(validator.validate(form, new FormRule.Submission(variables(task), task.getDueDate(), ClockUtil.getCurrentTime().toInstant())));
  }

  private void validateStartSubmission(DelegateExecution execution) {
    ProcessEngineServices engine = execution.getProcessEngineServices();
    InputStream form = engine.getFormService().getDeployedStartForm(execution.getProcessDefinitionId());
    reject(validator.validate(form, new FormRule.Submission(variables(execution), null, ClockUtil.getCurrentTime().toInstant())));
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

  private static void reject(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new FormSubmissionRejectedException(errors);
    }
  }
}
