package com.qmsflow.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Service;

/** Applies a deployed form's own rules and the project's cross-field rules for that form. */
@Service
public class FormSubmissionValidator {

  private final FormSchemaValidator schemaValidator;
  private final DeployedFormSchemas deployedForms;
  private final Map<String, List<FormRule>> rulesByForm;

  public FormSubmissionValidator(
      List<FormRule> rules,
      FormSchemaValidator schemaValidator,
      DeployedFormSchemas deployedForms) {
    this.schemaValidator = schemaValidator;
    this.deployedForms = deployedForms;
    this.rulesByForm = rules.stream().collect(Collectors.groupingBy(FormRule::formId));
  }

  /** The deployed form of an open task, parsed once per deployed form. */
  public FormSchema taskForm(String taskId) {
    return deployedForms.taskForm(taskId);
  }

  /** The deployed form of a task the current command holds and has authorized. */
  public FormSchema taskForm(TaskEntity task) {
    return deployedForms.taskForm(task);
  }

  /** The deployed start form of a process definition, parsed once per deployed form. */
  public FormSchema startForm(String processDefinitionId) {
    return deployedForms.startForm(processDefinitionId);
  }

  public List<FieldError> validate(FormSchema schema, FormRule.Submission submission) {
    List<FieldError> errors =
        new ArrayList<>(schemaValidator.validate(schema, submission.values()));
    for (FormRule rule : rulesByForm.getOrDefault(schema.id(), List.of())) {
      errors.addAll(rule.check(submission));
    }
    return errors;
  }
}
