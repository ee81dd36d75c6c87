package com.qmsflow.variable;

import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable, declared once with its name and type in its process's {@code *Variables}
 * class ({@code Variable<String> COMPLAINT_NUMBER = stringVariable("complaintNumber")}) and read
 * and written only through that declaration, in the style of holunda's camunda-bpm-data: no {@code
 * (String) execution.getVariable("…")} casts, no variable names as string literals.
 *
 * <p>Form fields keep the type the form submits: text, select and radio fields are strings (dates
 * of a date picker too, {@code yyyy-MM-dd}), checkboxes booleans, number fields numbers.
 *
 * @param <T> the Java type of the stored value
 */
public final class Variable<T> {

  private final String name;
  private final Class<T> type;

  private Variable(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  public static Variable<String> stringVariable(String name) {
    return new Variable<>(name, String.class);
  }

  public static Variable<Boolean> booleanVariable(String name) {
    return new Variable<>(name, Boolean.class);
  }

  /** A number field (the engine stores a form's numbers as Long or Double). */
  public static Variable<Number> numberVariable(String name) {
    return new Variable<>(name, Number.class);
  }

  public static Variable<Integer> integerVariable(String name) {
    return new Variable<>(name, Integer.class);
  }

  public static Variable<Date> dateVariable(String name) {
    return new Variable<>(name, Date.class);
  }

  /** A variable whose stored type varies (a date as text or as {@link Date}, a list …). */
  public static Variable<Object> objectVariable(String name) {
    return new Variable<>(name, Object.class);
  }

  /** The name under which the engine and the forms store the variable. */
  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value visible in the scope (local or inherited), or null. */
  public T get(VariableScope scope) {
    return type.cast(scope.getVariable(name));
  }

  /** The value, or {@code otherwise} when the variable is not set or null. */
  public T getOrDefault(VariableScope scope, T otherwise) {
    T value = get(scope);
    return value == null ? otherwise : value;
  }

  public T getLocal(VariableScope scope) {
    return type.cast(scope.getVariableLocal(name));
  }

  /** The value as stored, whatever its type (for display). */
  public Object raw(VariableScope scope) {
    return scope.getVariable(name);
  }

  public boolean isSet(VariableScope scope) {
    return scope.hasVariable(name);
  }

  /** True only when the variable holds {@code true} (a checkbox left unchecked is false). */
  public boolean isTrue(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  /** The value in a map of variables (a submission, a history snapshot, a REST body), or null. */
  public T from(Map<String, ?> variables) {
    return type.cast(variables.get(name));
  }

  /** The value in a map of variables as stored, whatever its type (for display). */
  public Object rawFrom(Map<String, ?> variables) {
    return variables.get(name);
  }

  /** Puts the value into a map of variables, e.g. {@code Variables.createVariables()}. */
  public <M extends Map<String, Object>> M put(M variables, T value) {
    variables.put(name, value);
    return variables;
  }

  @Override
  public String toString() {
    return name;
  }
}
