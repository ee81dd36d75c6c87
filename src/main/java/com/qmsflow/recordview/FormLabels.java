package com.qmsflow.recordview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The labels of the recorded findings and decisions, taken from the forms that collected them
 * ({@code forms/*.form}, every label "English (中文)") and the option labels of their choices, so
 * that a field a process owner adds to a form shows with its label on the record without code. The
 * user task of a step names its form ({@code camunda:formRef} in {@code processes/*.bpmn}); a field
 * is looked up in the step's own form first, then in any form.
 */
@Component
public class FormLabels {

  private static final Pattern FORM_REF =
      Pattern.compile(
          "<bpmn:userTask\\s+id=\"([^\"]+)\"[^>]*?camunda:formRef=\"([^\"]+)\"", Pattern.DOTALL);

  /** A form field: its label and the labels of its options by value. */
  record Field(Label label, Map<String, Label> options) {}

  private final Map<String, Map<String, Field>> byForm = new HashMap<>();
  private final Map<String, Field> anyForm = new HashMap<>();
  private final Map<String, String> formOfTask = new HashMap<>();

  public FormLabels(ObjectMapper json) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (Resource form : resolver.getResources("classpath*:forms/*.form")) {
        try (InputStream in = form.getInputStream()) {
          JsonNode root = json.readTree(in);
          Map<String, Field> fields = new HashMap<>();
          collect(root.path("components"), fields);
          byForm.put(root.path("id").asText(), fields);
          fields.forEach(anyForm::putIfAbsent);
        }
      }
      for (Resource model : resolver.getResources("classpath*:processes/*.bpmn")) {
        try (InputStream in = model.getInputStream()) {
          Matcher m = FORM_REF.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            formOfTask.putIfAbsent(m.group(1), m.group(2));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("forms or models unreadable", e);
    }
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode c : components) {
      collect(c.path("components"), fields);
      if (c.hasNonNull("key") && c.hasNonNull("label")) {
        Map<String, Label> options = new HashMap<>();
        for (JsonNode option : c.path("values")) {
          options.put(option.path("value").asText(), Label.of(option.path("label").asText()));
        }
        fields.putIfAbsent(
            c.get("key").asText(), new Field(Label.of(c.get("label").asText()), options));
      }
    }
  }

  /** The field of a step's task (by task definition key), or of any form. */
  Optional<Field> field(String taskDefinitionKey, String name) {
    String form = taskDefinitionKey == null ? null : formOfTask.get(taskDefinitionKey);
    Field own = form == null ? null : byForm.getOrDefault(form, Map.of()).get(name);
    return Optional.ofNullable(own != null ? own : anyForm.get(name));
  }

  /** The label of a variable collected by any form. */
  Optional<Label> label(String name) {
    return Optional.ofNullable(anyForm.get(name)).map(Field::label);
  }

  /** The label of an option of any form's field with that name. */
  public Optional<Label> option(String name, String value) {
    Field field = anyForm.get(name);
    return field == null ? Optional.empty() : Optional.ofNullable(field.options().get(value));
  }
}
