package com.qmsflow.masterdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every master data change (table {@code master_data_change}): type, key, action,
 * who, when, old and new value as JSON. Call {@link #record} in the transaction of the change, so
 * that a change and its record are kept or lost together.
 */
@Repository
public class MasterDataChangeLog {

  public static final String CALENDAR_DAY = "calendar-day";
  public static final String DEFECT_CODE = "defect-code";
  public static final String CUSTOMER = "customer";
  public static final String CUSTOMER_CONTACT = "customer-contact";
  public static final String CUSTOMER_REVENUE = "customer-revenue";
  public static final List<String> TYPES =
      List.of(CALENDAR_DAY, DEFECT_CODE, CUSTOMER, CUSTOMER_CONTACT, CUSTOMER_REVENUE);

  private static final int MAX_VALUE = 4000;

  /** One recorded change; values are the JSON of the row before and after (null when absent). */
  public record Change(
      long id,
      String type,
      String key,
      String action,
      String changedBy,
      Instant changedAt,
      String oldValue,
      String newValue) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final ObjectMapper json;
  private final Clock clock;

  public MasterDataChangeLog(
      JdbcClient jdbc, JdbcTemplate template, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.clock = clock;
  }

  /** Records a change unless old and new are equal; {@code before}/{@code after} null = absent. */
  public void record(String type, String key, String user, Object before, Object after) {
    Objects.requireNonNull(user, "user");
    if (Objects.equals(before, after)) {
      return;
    }
    String action = before == null ? "CREATE" : after == null ? "DELETE" : "UPDATE";
    jdbc.sql(
            "insert into master_data_change (data_type, data_key, action, changed_by, changed_at,"
                + " old_value, new_value) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            type,
            key,
            action,
            user,
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            write(before),
            write(after))
        .update();
  }

  /** One change to record with {@link #recordAll}. */
  public record Entry(String type, String key, Object before, Object after) {}

  /**
   * Records many changes of one user in batches (an import), each as {@link #record} would, in the
   * caller's transaction.
   */
  public void recordAll(String user, List<Entry> entries) {
    Objects.requireNonNull(user, "user");
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Object[]> rows =
        entries.stream()
            .filter(e -> !Objects.equals(e.before(), e.after()))
            .map(
                e ->
                    new Object[] {
                      e.type(),
                      e.key(),
                      e.before() == null ? "CREATE" : e.after() == null ? "DELETE" : "UPDATE",
                      user,
                      now,
                      write(e.before()),
                      write(e.after())
                    })
            .toList();
    for (int from = 0; from < rows.size(); from += 500) {
      template.batchUpdate(
          "insert into master_data_change (data_type, data_key, action, changed_by, changed_at,"
              + " old_value, new_value) values (?, ?, ?, ?, ?, ?, ?)",
          rows.subList(from, Math.min(rows.size(), from + 500)));
    }
  }

  /** The newest changes of one type first. */
  public List<Change> list(String type, String key, int limit) {
    String sql =
        "select id, data_type, data_key, action, changed_by, changed_at, old_value, new_value from"
            + " master_data_change where data_type = :type"
            + (key == null ? "" : " and data_key = :key")
            + " order by changed_at desc, id desc";
    var statement = jdbc.sql(sql).param("type", type);
    if (key != null) {
      statement = statement.param("key", key);
    }
    return statement
        .query(
            (rs, n) ->
                new Change(
                    rs.getLong("id"),
                    rs.getString("data_type"),
                    rs.getString("data_key"),
                    rs.getString("action"),
                    rs.getString("changed_by"),
                    rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                    rs.getString("old_value"),
                    rs.getString("new_value")))
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  private String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      String text = json.writeValueAsString(value);
      return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) : text;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record master data value " + value, e);
    }
  }
}
