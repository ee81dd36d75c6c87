package com.qmsflow.change.api;

import static com.qmsflow.change.ChangeVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.JsonFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/changes}, checked for what JSON itself can get wrong (types,
 * malformed dates, unknown properties, oversized texts) and turned into the variables of the
 * change-request start form: texts and {@code yyyy-MM-dd} dates as strings, the cost impact as a
 * number, the 5M1E flags as booleans (absent flags are {@code false}). Everything else (required
 * fields, patterns, ranges, the customer archive, dates not in the past, at least one aspect) is
 * left to the deployed form and its rules, so the API applies the same rules as Tasklist.
 */
public final class ChangeRequestBody {

  enum Kind {
    TEXT,
    DATE,
    NUMBER,
    BOOLEAN
  }

  static final Map<String, Kind> FIELDS;
  private static final int MAX_TEXT = 4000;
  private static final Map<String, Integer> MAX_LENGTH =
      Map.of(EXTERNAL_REFERENCE.name(), 100, CONTRACT_REFERENCE.name(), 100);

  static {
    Map<String, Kind> fields = new LinkedHashMap<>();
    fields.put(CONTRACT_REFERENCE.name(), Kind.TEXT);
    fields.put(CHANGE_TYPE.name(), Kind.TEXT);
    fields.put(CUSTOMER_CODE.name(), Kind.TEXT);
    fields.put(CHANGE_DESCRIPTION.name(), Kind.TEXT);
    fields.put(CHANGE_REASON.name(), Kind.TEXT);
    fields.put(REQUESTED_EFFECTIVE_DATE.name(), Kind.DATE);
    ASPECT_FLAGS.forEach(flag -> fields.put(flag.name(), Kind.BOOLEAN));
    fields.put(COST_IMPACT.name(), Kind.NUMBER);
    fields.put(EXTERNAL_REFERENCE.name(), Kind.TEXT);
    FIELDS = Collections.unmodifiableMap(fields);
  }

  private final Map<String, Object> variables;
  private final List<FieldError> errors;

  private ChangeRequestBody(Map<String, Object> variables, List<FieldError> errors) {
    this.variables = Collections.unmodifiableMap(variables);
    this.errors = List.copyOf(errors);
  }

  public static ChangeRequestBody parse(JsonNode body) {
    Map<String, Object> variables = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      errors.add(new FieldError("body", "The request body must be a JSON object"));
      return new ChangeRequestBody(variables, errors);
    }
    JsonFields.rejectUnknown(body, FIELDS.keySet(), "a change request", errors);
    for (Map.Entry<String, Kind> field : FIELDS.entrySet()) {
      String key = field.getKey();
      JsonNode node = body.get(key);
      if (node == null || node.isNull()) {
        continue;
      }
      Object value =
          switch (field.getValue()) {
            case TEXT -> JsonFields.text(key, node, MAX_LENGTH.getOrDefault(key, MAX_TEXT), errors);
            case DATE -> JsonFields.date(key, node, errors);
            case NUMBER -> number(key, node, errors);
            case BOOLEAN -> JsonFields.bool(key, node, errors);
          };
      if (value != null) {
        variables.put(key, value);
      }
    }
    ASPECT_FLAGS.forEach(flag -> variables.putIfAbsent(flag.name(), Boolean.FALSE));
    return new ChangeRequestBody(variables, errors);
  }

  public Map<String, Object> variables() {
    return variables;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The portal's idempotency key, when given as a non-blank string. */
  public String externalReference() {
    Object value = EXTERNAL_REFERENCE.rawFrom(variables);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static Object number(String key, JsonNode node, List<FieldError> errors) {
    if (!node.isNumber()) {
      errors.add(new FieldError(key, key + " must be a JSON number"));
      return null;
    }
    BigDecimal value = node.decimalValue();
    if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
      errors.add(new FieldError(key, key + " must have at most 2 decimals (fen)"));
      return null;
    }
    // whole amounts stay integers like Tasklist's number field; amounts with fen are doubles
    return value.stripTrailingZeros().scale() <= 0
            && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
        ? (Object) value.longValue()
        : (Object) value.doubleValue();
  }
}
