package com.qmsflow.masterdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.identity.Groups;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET
 * /api/master-data/changes?type=calendar-day|defect-code|customer|customer-contact|customer-revenue[&key=…][&limit=…]}:
 * who changed which master data when, old and new value, newest first. Visible to the owners of
 * that data: the working-day calendar to administrators, the defect catalog to quality management
 * and administrators; everyone else gets 403.
 */
@RestController
@RequestMapping("/api/master-data/changes")
public class MasterDataChangeController {

  private static final String ADMIN = Groups.CAMUNDA_ADMIN;

  /** Who owns (and so reads the changes of) each type of master data. */
  static final Map<String, List<String>> OWNERS =
      Map.of(
          MasterDataChangeLog.CALENDAR_DAY, List.of(ADMIN),
          MasterDataChangeLog.DEFECT_CODE, List.of(Groups.QUALITY_MANAGEMENT, ADMIN),
          MasterDataChangeLog.CUSTOMER,
              List.of(Groups.CUSTOMER_SERVICE, Groups.SALES_MANAGEMENT, ADMIN),
          MasterDataChangeLog.CUSTOMER_CONTACT,
              List.of(Groups.CUSTOMER_SERVICE, Groups.SALES_MANAGEMENT, ADMIN),
          // revenue is confidential (customer/CustomerAccess.REVENUE_READERS)
          MasterDataChangeLog.CUSTOMER_REVENUE,
              List.of(Groups.SALES_MANAGEMENT, Groups.GENERAL_MANAGER, ADMIN));

  /** One change as the API shows it: the values as JSON objects. */
  public record ChangeView(
      String type,
      String key,
      String action,
      String changedBy,
      Instant changedAt,
      JsonNode oldValue,
      JsonNode newValue) {}

  private final MasterDataChangeLog changes;
  private final ObjectMapper json;

  public MasterDataChangeController(MasterDataChangeLog changes, ObjectMapper json) {
    this.changes = changes;
    this.json = json;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<ChangeView>> list(
      @RequestParam("type") String type,
      @RequestParam(value = "key", required = false) String key,
      @RequestParam(value = "limit", defaultValue = "200") int limit,
      HttpServletRequest request) {
    List<String> owners = OWNERS.get(type);
    if (owners == null) {
      throw InvalidRequestException.of(
          "type", "field.oneOf", "type", String.join(", ", OWNERS.keySet()));
    }
    if (owners.stream().noneMatch(request::isUserInRole)) {
      throw new ForbiddenException("masterData.forbidden", type, String.join(", ", owners));
    }
    int bounded = Math.max(1, Math.min(limit, 1000));
    return ResponseEntity.ok(
        changes.list(type, key, bounded).stream()
            .map(
                c ->
                    new ChangeView(
                        c.type(),
                        c.key(),
                        c.action(),
                        c.changedBy(),
                        c.changedAt(),
                        tree(c.oldValue()),
                        tree(c.newValue())))
            .toList());
  }

  private JsonNode tree(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(value);
    }
  }
}
