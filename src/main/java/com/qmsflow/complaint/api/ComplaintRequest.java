package com.qmsflow.complaint.api;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.JsonFields;
import com.qmsflow.variable.Variable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/complaints}, checked for what JSON itself can get wrong (types,
 * malformed dates, fractions, negative or oversized numbers, unknown properties) and turned into
 * the process variables of the register-complaint start form: texts and {@code yyyy-MM-dd} dates as
 * strings, quantities as integers, flags as booleans (absent flags are {@code false}).
 *
 * <p>Everything else (required fields, patterns, lengths, allowed values, minimums, the customer
 * and defect catalog, future dates, …) is left to the deployed form and its {@link
 * com.qmsflow.forms.FormRule}s, so the API applies the same rules as Tasklist.
 */
public final class ComplaintRequest {

  enum Kind {
    TEXT,
    DATE,
    INTEGER,
    BOOLEAN
  }

  /** The properties a client may send, in form order. */
  static final Map<String, Kind> FIELDS;

  /**
   * Length limits the form does not declare but storage imposes: the register column of
   * productModel, and Camunda's 4000-character limit on string variables for the rest.
   */
  private static final Map<String, Integer> MAX_LENGTH = Map.of(PRODUCT_MODEL.name(), 200);

  private static final int MAX_STRING_VARIABLE = 4000;

  private static final List<String> FLAGS = INTAKE_FLAGS.stream().map(Variable::name).toList();

  static {
    Map<String, Kind> fields = new LinkedHashMap<>();
    fields.put(CUSTOMER_CODE.name(), Kind.TEXT);
    fields.put(CONTACT_NAME.name(), Kind.TEXT);
    fields.put(CONTACT_PHONE.name(), Kind.TEXT);
    fields.put(CHANNEL.name(), Kind.TEXT);
    fields.put(CATEGORY.name(), Kind.TEXT);
    fields.put(USAGE_QUESTION.name(), Kind.BOOLEAN);
    fields.put(PRODUCT_NAME.name(), Kind.TEXT);
    fields.put(PRODUCT_MODEL.name(), Kind.TEXT);
    fields.put(PACKAGING.name(), Kind.TEXT);
    fields.put(BATCH_NUMBER.name(), Kind.TEXT);
    fields.put(PRODUCTION_DATE.name(), Kind.DATE);
    fields.put(PURCHASE_DATE.name(), Kind.DATE);
    fields.put(QUANTITY_PURCHASED.name(), Kind.INTEGER);
    fields.put(QUANTITY_DEFECTIVE.name(), Kind.INTEGER);
    fields.put(DEFECT_CODE.name(), Kind.TEXT);
    fields.put(DESCRIPTION.name(), Kind.TEXT);
    fields.put(URGENT.name(), Kind.BOOLEAN);
    fields.put(SAFETY_RELATED.name(), Kind.BOOLEAN);
    fields.put(CUSTOMER_PRESCRIBES_REPORT_FORMAT.name(), Kind.BOOLEAN);
    fields.put(EXTERNAL_REFERENCE.name(), Kind.TEXT);
    FIELDS = Collections.unmodifiableMap(fields);
  }

  private final Map<String, Object> variables;
  private final List<FieldError> errors;

  private ComplaintRequest(Map<String, Object> variables, List<FieldError> errors) {
    this.variables = Collections.unmodifiableMap(variables);
    this.errors = List.copyOf(errors);
  }

  public static ComplaintRequest parse(JsonNode body) {
    Map<String, Object> variables = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      errors.add(new FieldError("body", "The request body must be a JSON object"));
      return new ComplaintRequest(variables, errors);
    }
    JsonFields.rejectUnknown(body, FIELDS.keySet(), "a complaint", errors);
    for (Map.Entry<String, Kind> field : FIELDS.entrySet()) {
      String key = field.getKey();
      JsonNode node = body.get(key);
      if (node == null || node.isNull()) {
        continue;
      }
      Object value =
          switch (field.getValue()) {
            case TEXT ->
                JsonFields.text(
                    key, node, MAX_LENGTH.getOrDefault(key, MAX_STRING_VARIABLE), errors);
            case DATE -> JsonFields.date(key, node, errors);
            case INTEGER -> integer(key, node, errors);
            case BOOLEAN -> JsonFields.bool(key, node, errors);
          };
      if (value != null) {
        variables.put(key, value);
      }
    }
    for (String flag : FLAGS) {
      variables.putIfAbsent(flag, Boolean.FALSE);
    }
    return new ComplaintRequest(variables, errors);
  }

  /** The process variables of the fields that are present and well-typed. */
  public Map<String, Object> variables() {
    return variables;
  }

  /** What is wrong at the JSON level, one entry per field. */
  public List<FieldError> errors() {
    return errors;
  }

  /** The client's idempotency key, when given as a non-blank string. */
  public String externalReference() {
    Object value = EXTERNAL_REFERENCE.rawFrom(variables);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static Integer integer(String key, JsonNode node, List<FieldError> errors) {
    if (!node.isNumber()) {
      errors.add(new FieldError(key, key + " must be a JSON number"));
      return null;
    }
    BigDecimal number = node.decimalValue();
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      errors.add(new FieldError(key, key + " must be a whole number"));
      return null;
    }
    if (number.signum() < 0) {
      errors.add(new FieldError(key, key + " must not be negative"));
      return null;
    }
    if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      errors.add(new FieldError(key, key + " must be at most " + Integer.MAX_VALUE));
      return null;
    }
    return number.intValueExact();
  }
}
