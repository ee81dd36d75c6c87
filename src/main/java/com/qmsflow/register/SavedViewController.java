package com.qmsflow.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.access.Reader;
import com.qmsflow.forms.FieldError;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved views of the registers: a named set of filters, stored per user ({@code register_view},
 * V16). Everyone who may use the registers keeps their own; nobody sees or deletes another's (a
 * view of another user is answered like an unknown one, 404).
 *
 * <ul>
 *   <li>{@code GET /api/register-views?register=complaints}: the caller's views of that register,
 *       by name.
 *   <li>{@code POST /api/register-views} {@code {register, name, filters}}: {@code 201} with the
 *       view; {@code filters} is the list's query string ({@code status=overdue&tier=A}) and must
 *       be valid filters of that register (400 otherwise); a name the caller already uses: 409.
 *   <li>{@code DELETE /api/register-views/{id}}: {@code 204}.
 * </ul>
 */
@RestController
public class SavedViewController {

  public static final List<String> REGISTERS =
      List.of("complaints", "corrective-actions", "changes");
  static final int MAX_VIEWS = 50;

  public record SavedView(
      long id, String register, String name, String filters, Instant createdAt) {}

  private final RegisterAccess access;
  private final ComplaintRegister complaints;
  private final CorrectiveActionRegister correctiveActions;
  private final ChangeRegister changes;
  private final JdbcClient jdbc;
  private final Clock clock;

  public SavedViewController(
      RegisterAccess access,
      ComplaintRegister complaints,
      CorrectiveActionRegister correctiveActions,
      ChangeRegister changes,
      JdbcClient jdbc,
      Clock clock) {
    this.access = access;
    this.complaints = complaints;
    this.correctiveActions = correctiveActions;
    this.changes = changes;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @GetMapping(value = "/api/register-views", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SavedView> list(@RequestParam(name = "register", required = false) String register) {
    Reader caller = access.caller();
    if (register == null || !REGISTERS.contains(register)) {
      throw new InvalidRequestException(
          "register", "register must be one of: " + String.join(", ", REGISTERS));
    }
    return jdbc.sql(
            "select id, register, name, filters, created_at from register_view"
                + " where owner_id = ? and register = ? order by name, id")
        .params(caller.userId(), register)
        .query(
            (rs, n) ->
                new SavedView(
                    rs.getLong("id"),
                    rs.getString("register"),
                    rs.getString("name"),
                    rs.getString("filters"),
                    RecordedValues.instant(rs, "created_at")))
        .list();
  }

  @PostMapping(
      value = "/api/register-views",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<SavedView> create(@RequestBody JsonNode body) {
    Reader caller = access.caller();
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "The request body must be a JSON object");
    }
    String register = text(body, "register", 30, errors);
    String name = text(body, "name", 100, errors);
    String filters = body.path("filters").isTextual() ? body.get("filters").asText() : null;
    if (filters == null) {
      errors.add(new FieldError("filters", "filters must be a text"));
    } else if (filters.length() > 2000) {
      errors.add(new FieldError("filters", "filters must be at most 2000 characters long"));
    }
    if (register != null && !REGISTERS.contains(register)) {
      errors.add(
          new FieldError("register", "register must be one of: " + String.join(", ", REGISTERS)));
      register = null;
    }
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (!List.of("register", "name", "filters").contains(field)) {
                errors.add(
                    new FieldError(field, field + " is not a field of register, name, filters"));
              }
            });
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String stored = filters.startsWith("?") ? filters.substring(1) : filters;
    validate(caller, register, stored);
    long views =
        jdbc.sql("select count(*) from register_view where owner_id = ? and register = ?")
            .params(caller.userId(), register)
            .query(Long.class)
            .single();
    if (views >= MAX_VIEWS) {
      throw new ConflictException("register.view.tooMany", MAX_VIEWS);
    }
    Instant now = clock.instant();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql(
              "insert into register_view (owner_id, register, name, filters, created_at)"
                  + " values (?, ?, ?, ?, ?)")
          .params(caller.userId(), register, name, stored, RecordedValues.ts(now))
          .update(key, "id");
    } catch (DuplicateKeyException e) {
      throw new ConflictException("register.view.exists", name);
    }
    long id = key.getKey().longValue();
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/register-views/" + id))
        .body(new SavedView(id, register, name, stored, now));
  }

  @DeleteMapping("/api/register-views/{id}")
  public ResponseEntity<Void> delete(@PathVariable("id") String id) {
    Reader caller = access.caller();
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("register.view.notFound", id);
    }
    int deleted =
        jdbc.sql("delete from register_view where id = ? and owner_id = ?")
            .params(number, caller.userId())
            .update();
    if (deleted == 0) {
      throw new NotFoundException("register.view.notFound", id);
    }
    return ResponseEntity.noContent().build();
  }

  /** The filters must be a valid request of the register (the same field errors as the list). */
  private void validate(Reader caller, String register, String filters) {
    Map<String, String[]> params = parse(filters);
    switch (register) {
      case "complaints" -> complaints.query(caller, params, false);
      case "corrective-actions" -> correctiveActions.query(caller, params, false);
      default -> changes.query(caller, params, false);
    }
  }

  static Map<String, String[]> parse(String query) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    Map<String, String[]> params = new LinkedHashMap<>();
    values.forEach((k, v) -> params.put(k, v.toArray(String[]::new)));
    return params;
  }

  private static String text(JsonNode body, String field, int max, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      errors.add(new FieldError(field, field + " is required"));
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, field + " must be a text"));
      return null;
    }
    String value = node.asText().strip();
    if (value.length() > max) {
      errors.add(new FieldError(field, field + " must be at most " + max + " characters long"));
      return null;
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, field + " must not contain control characters"));
      return null;
    }
    return value;
  }
}
