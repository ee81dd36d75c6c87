package com.qmsflow.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployed form is parsed once, whatever the number of submissions; a newly deployed version of
 * the form is parsed again. Against a plain in-memory engine (no Spring) with a real form of {@code
 * forms/}.
 */
class DeployedFormSchemasTest {

  private static final String FORM = "forms/analyse-complaint.form";
  private static final String FORM_ID = "analyse-complaint";

  private static ProcessEngine engine;

  @BeforeAll
  static void startEngine() {
    engine =
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
            .setProcessEngineName("deployed-forms-test")
            .setJdbcUrl("jdbc:h2:mem:deployed-forms-test;DB_CLOSE_DELAY=-1")
            .setJobExecutorActivate(false)
            .buildProcessEngine();
    BpmnModelInstance process =
        Bpmn.createExecutableProcess("form-cache")
            .startEvent("start")
            .camundaFormRef(FORM_ID)
            .camundaFormRefBinding("latest")
            .userTask("analyse")
            .camundaFormRef(FORM_ID)
            .camundaFormRefBinding("latest")
            .endEvent()
            .done();
    engine
        .getRepositoryService()
        .createDeployment()
        .addModelInstance("form-cache.bpmn", process)
        .addString("analyse-complaint.form", read(FORM))
        .deploy();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void eachDeployedFormIsParsedOnce() {
    FormSchemaCache cache = new FormSchemaCache();
    DeployedFormSchemas schemas = new DeployedFormSchemas(engine, cache);
    String definitionId = startedTask().getProcessDefinitionId();

    FormSchema first = schemas.taskForm(startedTask().getId());
    assertThat(schemas.taskForm(startedTask().getId())).isSameAs(first);
    assertThat(first.id()).isEqualTo(FORM_ID);
    assertThat(schemas.startForm(definitionId)).isSameAs(first);
    assertThat(cache.size()).isEqualTo(1);

    // a new version of the form (binding latest): a new entry, parsed from the new deployment
    engine
        .getRepositoryService()
        .createDeployment()
        .addString("analyse-complaint.form", read(FORM))
        .deploy();
    FormSchema second = schemas.taskForm(startedTask().getId());
    assertThat(second).isNotSameAs(first);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(schemas.taskForm(startedTask().getId())).isSameAs(second);
  }

  /**
   * A command that already holds and authorized a task (a form submission) gets its form from the
   * task itself: the same cached form, without the engine's second look-up of the task and of the
   * caller's permission on it (two authorization checks per submission before).
   */
  @Test
  void aTaskTheCommandHoldsGivesItsFormWithoutCheckingTheCallerAgain() {
    DeployedFormSchemas schemas = new DeployedFormSchemas(engine, new FormSchemaCache());
    String taskId = startedTask().getId();
    FormSchema byId = schemas.taskForm(taskId);
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    CommandExecutor commands = configuration.getCommandExecutorTxRequired();
    configuration.setAuthorizationEnabled(true);
    engine.getIdentityService().setAuthenticatedUserId("someone-without-grants");
    try {
      FormSchema fromTheTask =
          commands.execute(
              context -> schemas.taskForm(context.getTaskManager().findTaskById(taskId)));
      assertThat(fromTheTask).isSameAs(byId);
      assertThatThrownBy(() -> commands.execute(context -> schemas.taskForm(taskId)))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
      configuration.setAuthorizationEnabled(false);
    }
  }

  /**
   * Prints what the cache saves per submission (issue 14.5): the form read from the engine and
   * parsed for every submission against the cached schema, 1,000 submissions each, and the pure
   * parse against the cache hit of {@link FormSchemaValidator#validate}. Measured, not asserted.
   */
  @Test
  void printsTheTimeSavedPerSubmission() {
    FormSchemaValidator validator = new FormSchemaValidator();
    String json = read("forms/register-complaint.form");
    FormSchemaCache cache = new FormSchemaCache();
    Map<String, Object> values = Map.of();
    int submissions = 1_000;
    for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up
      long parsed = System.nanoTime();
      for (int i = 0; i < submissions; i++) {
        validator.validate(FormSchema.parse(json), values);
      }
      parsed = System.nanoTime() - parsed;
      long cached = System.nanoTime();
      for (int i = 0; i < submissions; i++) {
        validator.validate(cache.get("register-complaint", json), values);
      }
      cached = System.nanoTime() - cached;
      print("validate register-complaint.form, round " + round, submissions, parsed, cached);
    }

    FormSchemaCache engineCache = new FormSchemaCache();
    DeployedFormSchemas schemas = new DeployedFormSchemas(engine, engineCache);
    String taskId = startedTask().getId();
    // inside one command, as in the plugin: the engine's look-ups reuse the command context
    CommandExecutor commands =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
    for (int round = 0; round < 5; round++) {
      long parsed =
          commands.execute(
              context -> {
                long start = System.nanoTime();
                for (int i = 0; i < submissions; i++) {
                  try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
                    validator.validate(FormSchema.parse(form), values);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
                return System.nanoTime() - start;
              });
      long cached =
          commands.execute(
              context -> {
                long start = System.nanoTime();
                for (int i = 0; i < submissions; i++) {
                  validator.validate(schemas.taskForm(taskId), values);
                }
                return System.nanoTime() - start;
              });
      print(
          "engine form + validate analyse-complaint.form, round " + round,
          submissions,
          parsed,
          cached);
    }
  }

  private static void print(String what, int submissions, long parsedNanos, long cachedNanos) {
    System.out.printf(
        "%s: %d submissions, parsed each time %.1f µs, cached %.1f µs, saved %.1f µs per"
            + " submission%n",
        what,
        submissions,
        parsedNanos / 1000.0 / submissions,
        cachedNanos / 1000.0 / submissions,
        (parsedNanos - cachedNanos) / 1000.0 / submissions);
  }

  private static Task startedTask() {
    Task task =
        engine.getTaskService().createTaskQuery().processDefinitionKey("form-cache").singleResult();
    if (task != null) {
      return task;
    }
    engine.getRuntimeService().startProcessInstanceByKey("form-cache");
    return startedTask();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
