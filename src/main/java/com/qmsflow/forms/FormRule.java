package com.qmsflow.forms;

import com.qmsflow.variable.Variable;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A cross-field rule of one form that a form-js schema cannot express ("required when …", "not
 * later than …"). Spring beans implementing this are applied on the server after the form's own
 * rules, whenever the form is submitted through Tasklist, REST or Java.
 */
public interface FormRule {

  /** The id of the form the rule belongs to. */
  String formId();

  List<FieldError> check(Submission submission);

  /** A rule from a function, for rules short enough to read in one place. */
  static FormRule of(
      String formId, java.util.function.Function<Submission, List<FieldError>> check) {
    return new FormRule() {
      @Override
      public String formId() {
        return formId;
      }

      @Override
      public List<FieldError> check(Submission submission) {
        return check.apply(submission);
      }
    };
  }

  /** The field is required when the condition holds ("required when …"). */
  static List<FieldError> requiredWhen(
      Submission s, boolean condition, String field, String message) {
    return condition && s.isBlank(field) ? List.of(new FieldError(field, message)) : List.of();
  }

  /** The field is required when the condition holds ("required when …"). */
  static List<FieldError> requiredWhen(
      Submission s, boolean condition, Variable<?> field, String message) {
    return requiredWhen(s, condition, field.name(), message);
  }

  /** A checkbox that must be checked to go on ("records complete"). */
  static List<FieldError> mustBeChecked(Submission s, Variable<Boolean> field, String message) {
    return mustBeChecked(s, field.name(), message);
  }

  /** A checkbox that must be checked to go on ("records complete"). */
  static List<FieldError> mustBeChecked(Submission s, String field, String message) {
    return s.isTrue(field) ? List.of() : List.of(new FieldError(field, message));
  }

  /**
   * What was submitted, with every variable visible to the task, and when; {@code taskId} is the
   * submitted task's id ({@code null} for a start form), for rules about what belongs to the task
   * (e.g. its evidence files).
   */
  record Submission(
      Map<String, Object> values, Date taskDueDate, Instant submittedAt, String taskId) {

    public Submission(Map<String, Object> values, Date taskDueDate, Instant submittedAt) {
      this(values, taskDueDate, submittedAt, null);
    }

    public Object get(String key) {
      return values.get(key);
    }

    public Object get(Variable<?> variable) {
      return get(variable.name());
    }

    /** The submitted value as trimmed text, or null. */
    public String text(Variable<?> variable) {
      return text(variable.name());
    }

    public boolean isBlank(Variable<?> variable) {
      return isBlank(variable.name());
    }

    /** A checkbox: true when checked (also when submitted as text {@code "true"}). */
    public boolean isTrue(Variable<Boolean> variable) {
      return isTrue(variable.name());
    }

    public Double number(Variable<?> variable) {
      return number(variable.name());
    }

    /** A date field ({@code yyyy-MM-dd}, or a date-time whose date part counts), or null. */
    public java.time.LocalDate date(Variable<?> variable) {
      return date(variable.name());
    }

    public String text(String key) {
      Object value = values.get(key);
      return value == null ? null : value.toString().trim();
    }

    public boolean isBlank(String key) {
      String text = text(key);
      return text == null || text.isEmpty();
    }

    public boolean isTrue(String key) {
      Object value = values.get(key);
      return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public Double number(String key) {
      Object value = values.get(key);
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      try {
        return value == null ? null : Double.valueOf(value.toString());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    public java.time.LocalDate date(String key) {
      String text = text(key);
      if (text == null || text.isEmpty()) {
        return null;
      }
      try {
        return java.time.LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
  }
}
