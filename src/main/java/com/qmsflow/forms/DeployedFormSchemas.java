package com.qmsflow.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The parsed form of a task or a start event, parsed once per deployed form: the cache key is the
 * form's deployment and resource name, so a newly deployed version of a form is a new entry and an
 * entry never goes stale. What each submission still costs is resolving which deployed form the
 * task's {@code camunda:formRef} binds to (the same look-up the engine does to serve the form).
 */
@Component
public class DeployedFormSchemas {

  private final ProcessEngine engine;
  private final FormSchemaCache cache;

  public DeployedFormSchemas(@Lazy ProcessEngine engine, FormSchemaCache cache) {
    this.engine = engine;
    this.cache = cache;
  }

  /** The form of an open task, with the caller's authorization to read that task. */
  public FormSchema taskForm(String taskId) {
    FormService forms = engine.getFormService();
    return schema(forms.getTaskFormData(taskId), () -> forms.getDeployedTaskForm(taskId));
  }

  /**
   * The form of a task a command already holds and has authorized (a form submission, a task's
   * completion): the task's form handler gives its form reference as {@link #taskForm(String)}'s
   * look-up does, without looking the task up and checking the caller's permission on it again.
   */
  public FormSchema taskForm(TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getTaskFormHandler() == null) {
      return taskForm(task.getId());
    }
    String taskId = task.getId();
    return schema(
        task.getTaskDefinition().getTaskFormHandler().createTaskForm(task),
        () -> engine.getFormService().getDeployedTaskForm(taskId));
  }

  /** The start form of a process definition, with the caller's authorization to read it. */
  public FormSchema startForm(String processDefinitionId) {
    FormService forms = engine.getFormService();
    return schema(
        forms.getStartFormData(processDefinitionId),
        () -> forms.getDeployedStartForm(processDefinitionId));
  }

  private FormSchema schema(FormData data, Supplier<InputStream> deployedForm) {
    CamundaFormRef ref = data.getCamundaFormRef();
    CamundaFormDefinition definition = ref == null ? null : definition(ref, data.getDeploymentId());
    if (definition == null) {
      // not a Camunda Form reference: nothing identifies the deployed form, so no cache entry
      return FormSchema.parse(read(deployedForm.get()));
    }
    return cache.get(
        definition.getDeploymentId() + "/" + definition.getResourceName(),
        () -> read(deployedForm.get()));
  }

  /**
   * The deployed form the reference binds to (latest, deployment or version), as the engine does.
   */
  private CamundaFormDefinition definition(CamundaFormRef ref, String deploymentId) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () -> new GetCamundaFormDefinitionCmd(ref, deploymentId).execute(context)));
  }

  private static String read(InputStream form) {
    try (form) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deployed form", e);
    }
  }
}
