package com.qmsflow.complaint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.DefectCatalog;
import com.qmsflow.complaint.DefectCatalog.DefectCode;
import com.qmsflow.complaint.DefectSearch;
import com.qmsflow.forms.FieldError;
import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The defect-code catalog quality management maintains: only {@code quality-management} (and
 * administrators) change it (security/WritePolicy refuses everyone else); every change is recorded
 * with who, when, old and new value ({@code GET /api/master-data/changes?type=defect-code}).
 *
 * <ul>
 *   <li>{@code GET /api/defect-codes}: all codes, active or not, ordered by code.
 *   <li>{@code GET /api/defect-codes?q=…&limit=15}: the active codes whose code or description
 *       matches the text, code matches first ({@link DefectSearch}); the search of "Register a
 *       complaint".
 *   <li>{@code PUT /api/defect-codes/{code}} with {@code {description, category, active}}: creates
 *       ({@code 201}) or replaces ({@code 200}) the code and answers with it. {@code active} may be
 *       left out and is then {@code true}; an inactive code is refused by the complaint intake.
 *       {@code 400 {"errors":[…]}} on a code that does not match the intake's pattern, a blank or
 *       over-long description, or a category other than quality, delivery, service, environmental.
 * </ul>
 */
@RestController
@RequestMapping("/api/defect-codes")
public class DefectCodeController {

  /** The categories table {@code defect_code} accepts (its check constraint). */
  static final List<String> CATEGORIES = List.of("quality", "delivery", "service", "environmental");

  /**
   * The defectCode pattern of the register-complaint form: a code outside it could never be
   * entered.
   */
  static final Pattern CODE = Pattern.compile("^[A-Z0-9-]{2,30}$");

  static final int MAX_DESCRIPTION = 300;

  /** The most codes one search answers. */
  static final int MAX_LIMIT = 100;

  private static final Set<String> PROPERTIES = Set.of("description", "category", "active");

  private final DefectCatalog catalog;
  private final MasterDataChangeLog changes;
  private final TransactionTemplate transaction;

  public DefectCodeController(
      DefectCatalog catalog, MasterDataChangeLog changes, PlatformTransactionManager transactions) {
    this.catalog = catalog;
    this.changes = changes;
    this.transaction = new TransactionTemplate(transactions);
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public List<DefectCode> list(
      @RequestParam(name = "q", required = false) String query,
      @RequestParam(name = "limit", defaultValue = "15") int limit) {
    if (query == null) {
      return catalog.findAll();
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidRequestException.of(
          "limit", "field.range", "limit", String.valueOf(1), String.valueOf(MAX_LIMIT));
    }
    return DefectSearch.find(catalog.findAll(), query, limit);
  }

  @PutMapping(
      value = "/{code}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<DefectCode> put(
      @PathVariable("code") String code, @RequestBody JsonNode body, HttpServletRequest http) {
    DefectCode defect = parse(code, body);
    return transaction.execute(
        status -> {
          DefectCode before = catalog.find(code).orElse(null);
          catalog.save(defect);
          DefectCode after = catalog.find(code).orElseThrow();
          changes.record(
              MasterDataChangeLog.DEFECT_CODE, code, http.getRemoteUser(), before, after);
          return ResponseEntity.status(before != null ? HttpStatus.OK : HttpStatus.CREATED)
              .body(after);
        });
  }

  private static DefectCode parse(String code, JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (!CODE.matcher(code).matches()) {
      errors.add(
          new FieldError(
              "code", "Defect code " + code + " must be 2-30 capital letters, digits or hyphens"));
    }
    if (body == null || !body.isObject()) {
      errors.add(new FieldError("body", "The request body must be a JSON object"));
      throw new InvalidRequestException(errors);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PROPERTIES.contains(name)) {
        errors.add(new FieldError(name, name + " is not a field of a defect code"));
      }
    }
    JsonNode descriptionNode = body.get("description");
    String description = null;
    if (descriptionNode == null
        || descriptionNode.isNull()
        || descriptionNode.isTextual() && descriptionNode.textValue().isBlank()) {
      errors.add(new FieldError("description", "description is required and must not be blank"));
    } else if (!descriptionNode.isTextual()) {
      errors.add(new FieldError("description", "description must be a JSON string"));
    } else if (descriptionNode.textValue().trim().length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError(
              "description",
              "description must be at most " + MAX_DESCRIPTION + " characters long"));
    } else {
      description = descriptionNode.textValue().trim();
    }
    JsonNode categoryNode = body.get("category");
    String category =
        categoryNode != null && categoryNode.isTextual() ? categoryNode.textValue() : null;
    if (category == null || !CATEGORIES.contains(category)) {
      errors.add(
          new FieldError("category", "category must be one of: " + String.join(", ", CATEGORIES)));
    }
    JsonNode activeNode = body.get("active");
    boolean active = true;
    if (activeNode != null && !activeNode.isNull()) {
      if (activeNode.isBoolean()) {
        active = activeNode.booleanValue();
      } else {
        errors.add(new FieldError("active", "active must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new DefectCode(code, description, category, active);
  }
}
