package com.qmsflow.forms;

import com.qmsflow.variable.Variable;
import java.util.Objects;

/**
 * One violated form rule.
 *
 * @param field the field's key (the full dot path when the field sits in a group with a {@code
 *     path})
 * @param message a readable message that names the field by label and key, e.g. {@code Quantity
 *     defective (quantityDefective) must be at least 0}
 */
public record FieldError(String field, String message) {

  /** A violation of the rule on a process variable's field. */
  public FieldError(Variable<?> field, String message) {
    this(field.name(), message);
  }

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
