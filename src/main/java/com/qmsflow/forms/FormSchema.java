package com.qmsflow.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validation rules of one Camunda Form (form-js JSON as Camunda Modeler writes it for Camunda 7
 * / form-js 1.x), reduced to what the server can enforce.
 *
 * <p>Input fields are collected recursively from {@code components}: the children of a {@code
 * group} are included (prefixed with the group's {@code path}, if it has one); the children of a
 * {@code dynamiclist} are not, since a repeated sub-form is out of scope. Components that do not
 * bind a value ({@code text}, {@code button}, {@code spacer}, {@code image}, ...) and {@code
 * expression}/{@code filepicker} fields are ignored.
 *
 * <p>Instances are immutable and thread-safe; parse each deployed form once (see {@link
 * FormSchemaCache}).
 */
public final class FormSchema {

  /** The form-js component types treated as user inputs. */
  public static final Set<String> INPUT_TYPES =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "checkbox",
          "checklist",
          "radio",
          "select",
          "taglist",
          "datetime");

  private static final String DYNAMIC_LIST = "dynamiclist";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String id;
  private final List<Field> fields;

  private FormSchema(String id, List<Field> fields) {
    this.id = id;
    this.fields = List.copyOf(fields);
  }

  /**
   * One input field and the rules the form declares for it.
   *
   * @param key the value's path in the submitted variables: the component's {@code key}, prefixed
   *     with the {@code path} of enclosing groups, e.g. {@code quantityDefective} or {@code
   *     address.zip}
   * @param label the component's {@code label}; {@code null} when absent or a FEEL/template
   *     expression
   * @param type the form-js component type, e.g. {@code textfield}
   * @param required {@code validate.required}
   * @param min {@code validate.min} (number fields); {@code null} when absent or a FEEL expression
   * @param max {@code validate.max} (number fields); {@code null} when absent or a FEEL expression
   * @param minLength {@code validate.minLength}; {@code null} when absent or a FEEL expression
   * @param maxLength {@code validate.maxLength}; {@code null} when absent or a FEEL expression
   * @param pattern {@code validate.pattern}; the whole value must match it
   * @param validationType {@code validate.validationType}: {@code email}, {@code phone}, or {@code
   *     null} (custom)
   * @param allowedValues the static {@code values[].value} of radio/select/checklist/taglist;
   *     {@code null} when any value is accepted (the options come from {@code valuesKey}/{@code
   *     valuesExpression}, or the component declares none)
   * @param readonly {@code readonly: true} (on the field or an enclosing group); the field is not
   *     validated
   * @param disabled {@code disabled: true} (on the field or an enclosing group); the field is not
   *     validated
   * @param conditional the field (or an enclosing group) has a {@code conditional.hide} expression
   *     or a FEEL {@code readonly} expression the server cannot evaluate; {@code required} is
   *     therefore not enforced, the other rules apply whenever a value is present
   * @param subtype datetime {@code subtype}: {@code date} (the form-js default), {@code time} or
   *     {@code datetime}; {@code null} for other types
   * @param decimalDigits number {@code decimalDigits}; {@code null} when absent
   * @param increment number {@code increment}; {@code null} when absent
   * @param componentId the component's {@code id} (form-js ends the input's DOM id with it); {@code
   *     null} when absent
   */
  public record Field(
      String key,
      String label,
      String type,
      boolean required,
      BigDecimal min,
      BigDecimal max,
      Integer minLength,
      Integer maxLength,
      String pattern,
      String validationType,
      List<String> allowedValues,
      boolean readonly,
      boolean disabled,
      boolean conditional,
      String subtype,
      Integer decimalDigits,
      BigDecimal increment,
      String componentId) {

    public Field {
      allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
    }

    /** {@code Label (key)}, or just the key when the field has no usable label. */
    public String displayName() {
      return label == null ? key : label + " (" + key + ")";
    }

    /** {@code true} when the field is read-only or disabled and therefore not validated. */
    public boolean skipped() {
      return readonly || disabled;
    }
  }

  public static FormSchema parse(String json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid form JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static FormSchema parse(byte[] json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid form JSON: " + e.getMessage(), e);
    }
  }

  /** Reads the whole stream; does not close it. */
  public static FormSchema parse(InputStream json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid form JSON: " + e.getMessage(), e);
    }
  }

  public static FormSchema fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a form JSON must be an object");
    }
    String id = text(root.get("id"));
    List<Field> fields = new ArrayList<>();
    collect(id, root.get("components"), "", false, false, false, fields);
    return new FormSchema(id, fields);
  }

  /** The form's {@code id}; {@code null} when the JSON has none. */
  public String id() {
    return id;
  }

  /** The input fields in document order, including read-only and disabled ones. */
  public List<Field> fields() {
    return fields;
  }

  public Optional<Field> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return "FormSchema[id=" + id + ", fields=" + fields.stream().map(Field::key).toList() + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void collect(
      String formId,
      JsonNode components,
      String prefix,
      boolean readonly,
      boolean disabled,
      boolean conditional,
      List<Field> out) {
    if (components == null || !components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      if (!component.isObject()) {
        continue;
      }
      String type = text(component.get("type"));
      boolean isReadonly = readonly || isTrue(component.get("readonly"));
      boolean isDisabled = disabled || isTrue(component.get("disabled"));
      boolean isConditional =
          conditional
              || isExpression(component.get("readonly"))
              || isExpression(component.get("disabled"))
              || hasHideCondition(component);

      if (DYNAMIC_LIST.equals(type)) {
        continue; // repeated sub-forms are out of scope
      }
      if (component.has("components")) {
        String path = text(component.get("path"));
        String childPrefix = path == null || path.isBlank() ? prefix : prefix + path + ".";
        collect(
            formId,
            component.get("components"),
            childPrefix,
            isReadonly,
            isDisabled,
            isConditional,
            out);
        continue;
      }
      String key = text(component.get("key"));
      if (type == null || !INPUT_TYPES.contains(type) || key == null || key.isBlank()) {
        continue;
      }
      out.add(
          toField(formId, component, type, prefix + key, isReadonly, isDisabled, isConditional));
    }
  }

  private static Field toField(
      String formId,
      JsonNode c,
      String type,
      String key,
      boolean readonly,
      boolean disabled,
      boolean conditional) {
    JsonNode validate = c.path("validate");
    String pattern = text(validate.get("pattern"));
    if (pattern != null && pattern.isEmpty()) {
      pattern = null;
    }
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "form "
                + formId
                + ", field "
                + key
                + ": validate.pattern is not a valid regular expression: "
                + pattern,
            e);
      }
    }
    String validationType = text(validate.get("validationType"));
    if (!"email".equals(validationType) && !"phone".equals(validationType)) {
      validationType = null; // "custom", "" or unknown: only the pattern applies
    }
    String subtype = null;
    if ("datetime".equals(type)) {
      subtype = text(c.get("subtype"));
      if (subtype == null || subtype.isBlank()) {
        subtype = "date";
      }
    }
    BigDecimal decimalDigits = number(c.get("decimalDigits"));
    BigDecimal increment = number(c.get("increment"));
    if (increment != null && increment.signum() <= 0) {
      increment = null;
    }
    return new Field(
        key,
        label(c.hasNonNull("label") ? c.get("label") : c.get("dateLabel")),
        type,
        isTrue(validate.get("required")),
        number(validate.get("min")),
        number(validate.get("max")),
        integer(validate.get("minLength")),
        integer(validate.get("maxLength")),
        pattern,
        validationType,
        allowedValues(c),
        readonly,
        disabled,
        conditional,
        subtype,
        decimalDigits == null || decimalDigits.signum() < 0 ? null : decimalDigits.intValue(),
        increment,
        text(c.get("id")));
  }

  private static List<String> allowedValues(JsonNode c) {
    if (c.hasNonNull("valuesKey") || c.hasNonNull("valuesExpression")) {
      return null; // options supplied at runtime: accept any value
    }
    JsonNode values = c.get("values");
    if (values == null || !values.isArray()) {
      return null;
    }
    List<String> allowed = new ArrayList<>();
    for (JsonNode option : values) {
      JsonNode value = option.get("value");
      if (value != null && !value.isNull() && value.isValueNode()) {
        allowed.add(value.asText());
      }
    }
    return Collections.unmodifiableList(allowed);
  }

  private static boolean hasHideCondition(JsonNode component) {
    JsonNode hide = component.path("conditional").get("hide");
    return hide != null
        && !hide.isNull()
        && !(hide.isTextual() && hide.asText().isBlank())
        && !(hide.isBoolean() && !hide.asBoolean());
  }

  private static boolean isTrue(JsonNode node) {
    return node != null
        && (node.isBoolean()
            ? node.asBoolean()
            : node.isTextual() && "true".equalsIgnoreCase(node.asText().trim()));
  }

  private static boolean isExpression(JsonNode node) {
    return node != null && node.isTextual() && node.asText().trim().startsWith("=");
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
  }

  private static String label(JsonNode node) {
    String label = text(node);
    if (label == null) {
      return null;
    }
    label = label.trim();
    // FEEL (=...) and templated ({{...}}) labels are only meaningful in the browser
    return label.isEmpty() || label.startsWith("=") || label.contains("{{") ? null : label;
  }

  /**
   * A number given as JSON number or numeric string; {@code null} when absent, blank or a FEEL
   * expression.
   */
  private static BigDecimal number(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      String s = node.asText().trim();
      if (s.isEmpty() || s.startsWith("=")) {
        return null;
      }
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Integer integer(JsonNode node) {
    BigDecimal n = number(node);
    return n == null ? null : n.intValue();
  }
}
