package com.qmsflow.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Applies a deployed form's own rules and the project's cross-field rules for that form. */
@Service
public class FormSubmissionValidator {

  private final FormSchemaValidator schemaValidator = new FormSchemaValidator();
  private final Map<String, List<FormRule>> rulesByForm;

  public FormSubmissionValidator(List<FormRule> rules) {
    this.rulesByForm = rules.stream().collect(Collectors.groupingBy(FormRule::formId));
  }

  public List<FieldError> validate(InputStream formJson, FormRule.Submission submission) {
    FormSchema schema;
    try (formJson) {
      schema = FormSchema.parse(formJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deployed form", e);
    }
    return validate(schema, submission);
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
