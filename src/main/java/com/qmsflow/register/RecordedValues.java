package com.qmsflow.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the process records ({@code record_value}, {@code process_step}, V14) for many instances at
 * once: the latest value of each name (the record keeps every change; the last row is the current
 * value) and the last step of a task. The complaint register keeps its findings as columns of the
 * complaint (complaint/ComplaintFindings) and reads only the steps here.
 */
@Component
class RecordedValues {

  /** Instances per {@code in (…)} list. */
  private static final int CHUNK = 500;

  /** The latest recorded value of a name: the engine's type name and the value as text. */
  record Latest(String type, String text) {}

  /** The last recorded step of a task in an instance. */
  record Step(Instant endedAt, Boolean onTime) {}

  private final JdbcClient jdbc;

  RecordedValues(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, Map<String, Latest>> latest(List<String> instances, List<String> names) {
    Map<String, Map<String, Latest>> found = new HashMap<>();
    for (List<String> chunk : chunks(instances)) {
      List<Object> params = new ArrayList<>(chunk);
      params.addAll(names);
      jdbc.sql(
              "select process_instance_id, name, value_type, text_value from record_value"
                  + " where process_instance_id in ("
                  + RegisterAccess.placeholders(chunk.size())
                  + ") and name in ("
                  + RegisterAccess.placeholders(names.size())
                  + ") order by id")
          .params(params)
          .query(
              rs -> {
                found
                    .computeIfAbsent(rs.getString(1), id -> new HashMap<>())
                    .put(rs.getString(2), new Latest(rs.getString(3), rs.getString(4)));
              });
    }
    return found;
  }

  Map<String, Step> lastSteps(List<String> instances, String taskDefinitionKey) {
    Map<String, Step> found = new HashMap<>();
    for (List<String> chunk : chunks(instances)) {
      List<Object> params = new ArrayList<>(chunk);
      params.add(taskDefinitionKey);
      jdbc.sql(
              "select process_instance_id, ended_at, on_time from process_step"
                  + " where process_instance_id in ("
                  + RegisterAccess.placeholders(chunk.size())
                  + ") and task_definition_key = ? order by created_at, id")
          .params(params)
          .query(
              rs -> {
                found.put(
                    rs.getString(1),
                    new Step(instant(rs, "ended_at"), (Boolean) rs.getObject("on_time")));
              });
    }
    return found;
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static List<List<String>> chunks(List<String> all) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return chunks;
  }
}
