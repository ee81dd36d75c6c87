package com.qmsflow.records;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A process variable as the record keeps it: its type and its value as text, decoded again to the
 * Java type the engine gave it (text, boolean, number, {@link Date}); JSON and serialized objects
 * stay text. Files and byte arrays are not recorded (evidence files have their own store).
 *
 * @param type the engine's value type name ({@code string}, {@code boolean}, {@code long} …)
 * @param text the value as text, or null for a null value
 */
record RecordedValue(String type, String text) {

  static final String NULL = "null";

  /** The value to record, or null when the variable is not recorded (transient, file, bytes). */
  static RecordedValue of(TypedValue value) {
    if (value == null || value.getType() == null) {
      return value == null || value.getValue() == null
          ? new RecordedValue(NULL, null)
          : new RecordedValue("string", String.valueOf(value.getValue()));
    }
    if (value.isTransient()) {
      return null;
    }
    String type = value.getType().getName();
    switch (type) {
      case "file", "bytes" -> {
        return null;
      }
      case NULL -> {
        return new RecordedValue(NULL, null);
      }
      default -> {}
    }
    if (value instanceof SerializableValue serializable) {
      String serialized = null;
      try {
        serialized = serializable.getValueSerialized();
      } catch (RuntimeException notSerializedYet) {
        // a value set in this command that the engine serializes only on flush
      }
      if (serialized == null && serializable.isDeserialized()) {
        serialized = String.valueOf(serializable.getValue());
      }
      return new RecordedValue(type, serialized);
    }
    Object raw = value.getValue();
    if (raw == null) {
      return new RecordedValue(NULL, null);
    }
    if (raw instanceof Date date) {
      return new RecordedValue(type, date.toInstant().toString());
    }
    return new RecordedValue(type, raw.toString());
  }

  /** The value in the Java type the engine returns for its type. */
  Object value() {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case "boolean" -> Boolean.valueOf(text);
      case "integer" -> Integer.valueOf(text);
      case "long" -> Long.valueOf(text);
      case "short" -> Short.valueOf(text);
      case "double" -> Double.valueOf(text);
      case "date" -> Date.from(Instant.parse(text));
      default -> text;
    };
  }
}
