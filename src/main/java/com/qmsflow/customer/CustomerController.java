package com.qmsflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.customer.CustomerArchive.Contact;
import com.qmsflow.customer.CustomerArchive.ContactData;
import com.qmsflow.customer.CustomerArchive.MasterData;
import com.qmsflow.customer.CustomerArchive.Page;
import com.qmsflow.customer.CustomerArchive.Revenue;
import com.qmsflow.customer.CustomerArchive.Tier;
import com.qmsflow.customer.CustomerArchive.TierChange;
import com.qmsflow.forms.FieldError;
import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer archive API (issue 15; docs/customers.md). Reads for {@link CustomerAccess#READERS},
 * writes for {@link CustomerAccess#EDITORS}, revenue amounts for {@link
 * CustomerAccess#REVENUE_READERS} and revenue changes for {@link CustomerAccess#REVENUE_EDITORS};
 * every change is recorded in the master data change log in the transaction of the change, and a
 * refused request changes nothing.
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {

  /** The register-complaint form's customerCode pattern, within the column's 20 characters. */
  static final Pattern CODE = Pattern.compile("^C[0-9]{3,19}$");

  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  static final int MAX_PAGE_SIZE = 200;
  static final BigDecimal MAX_REVENUE = new BigDecimal("9999999999999999.99");

  private static final Set<String> CUSTOMER_FIELDS =
      Set.of("code", "name", "address", "phone", "salesRep");
  private static final Set<String> CONTACT_FIELDS = Set.of("name", "role", "phone", "email");

  /** One customer as the API shows it; {@code revenue} is null for who may not see amounts. */
  public record CustomerView(
      String code,
      String name,
      String address,
      String phone,
      boolean active,
      String salesRep,
      TierView tier,
      List<Contact> contacts,
      boolean revenueVisible,
      List<RevenueView> revenue,
      List<TierChange> tierHistory) {}

  public record TierView(String tier, Integer rank, Integer year, java.time.Instant since) {}

  public record RevenueView(int year, BigDecimal revenue) {}

  private final CustomerArchive archive;
  private final TierRecomputation tiers;
  private final MasterDataChangeLog changes;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final SalesReps salesReps;

  public CustomerController(
      CustomerArchive archive,
      TierRecomputation tiers,
      MasterDataChangeLog changes,
      PlatformTransactionManager transactions,
      Clock clock,
      SalesReps salesReps) {
    this.archive = archive;
    this.tiers = tiers;
    this.changes = changes;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.salesReps = salesReps;
  }

  // ---- reading ----------------------------------------------------------------------------------

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public Page list(
      @RequestParam(value = "q", required = false) String query,
      @RequestParam(value = "tier", required = false) String tier,
      @RequestParam(value = "active", required = false) String active,
      @RequestParam(value = "sort", defaultValue = "code") String sort,
      @RequestParam(value = "page", defaultValue = "0") String page,
      @RequestParam(value = "size", defaultValue = "20") String size,
      HttpServletRequest http) {
    CustomerAccess.requireReader(http);
    List<FieldError> errors = new ArrayList<>();
    if (tier != null && !tier.matches("[ABC]")) {
      errors.add(new FieldError("tier", "tier must be one of: A, B, C"));
    }
    if (active != null && !active.matches("true|false")) {
      errors.add(new FieldError("active", "active must be true or false"));
    }
    String[] sortParts = sort.split(",", -1);
    String sortField = sortParts[0].trim();
    String direction = sortParts.length > 1 ? sortParts[1].trim().toLowerCase(Locale.ROOT) : "asc";
    if (!CustomerArchive.SORT_COLUMNS.containsKey(sortField)
        || sortParts.length > 2
        || !direction.matches("asc|desc")) {
      errors.add(
          new FieldError(
              "sort",
              "sort must be one of: code, name, tier, rank, active (optionally ,asc or ,desc)"));
    }
    int pageNumber = whole(page, "page", 0, 100_000, errors);
    int pageSize = whole(size, "size", 1, MAX_PAGE_SIZE, errors);
    if (query != null && query.length() > 200) {
      errors.add(new FieldError("q", "q must be at most 200 characters long"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return archive.search(
        query,
        tier,
        active == null ? null : Boolean.valueOf(active),
        sortField,
        direction.equals("desc"),
        pageNumber,
        pageSize);
  }

  private static int whole(String text, String field, int min, int max, List<FieldError> errors) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, field + " must be a number between " + min + " and " + max));
    return min;
  }

  @GetMapping(value = "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CustomerView get(@PathVariable("code") String code, HttpServletRequest http) {
    CustomerAccess.requireReader(http);
    return view(existing(code), CustomerAccess.seesRevenue(http));
  }

  private CustomerView view(MasterData c, boolean revenueVisible) {
    Tier t = archive.tier(c.code());
    List<RevenueView> revenue =
        revenueVisible
            ? archive.revenue(c.code()).entrySet().stream()
                .map(e -> new RevenueView(e.getKey(), e.getValue()))
                .toList()
            : null;
    return new CustomerView(
        c.code(),
        c.name(),
        c.address(),
        c.phone(),
        c.active(),
        c.salesRep(),
        new TierView(t.tier(), t.rank(), t.year(), t.since()),
        archive.contacts(c.code()),
        revenueVisible,
        revenue,
        archive.tierHistory(c.code()));
  }

  private MasterData existing(String code) {
    return archive.find(code).orElseThrow(() -> new NotFoundException("customer.notFound", code));
  }

  // ---- customers --------------------------------------------------------------------------------

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CustomerView> create(@RequestBody JsonNode body, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(body, CUSTOMER_FIELDS, "a customer", errors);
    String code = text(body, "code", 20, true, errors);
    if (code != null && !CODE.matcher(code).matches()) {
      errors.add(
          new FieldError(
              "code", "code must be the letter C followed by 3 to 19 digits, e.g. C016"));
    }
    MasterData customer = masterData(code, body, true, null, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String user = http.getRemoteUser();
    return transaction.execute(
        status -> {
          if (archive.find(code).isPresent()) {
            throw new ConflictException("customer.exists", code);
          }
          archive.insert(customer);
          changes.record(MasterDataChangeLog.CUSTOMER, code, user, null, customer);
          tiers.recompute(user, "new customer " + code);
          return ResponseEntity.status(HttpStatus.CREATED)
              .body(view(customer, CustomerAccess.seesRevenue(http)));
        });
  }

  @PutMapping(
      value = "/{code}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public CustomerView update(
      @PathVariable("code") String code, @RequestBody JsonNode body, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    MasterData before = existing(code);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(body, CUSTOMER_FIELDS, "a customer", errors);
    if (body != null && body.has("code") && !code.equals(body.get("code").asText())) {
      errors.add(new FieldError("code", "code cannot be changed; it must be " + code));
    }
    MasterData after = masterData(code, body, before.active(), before.salesRep(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return transaction.execute(
        status -> {
          archive.update(after);
          changes.record(MasterDataChangeLog.CUSTOMER, code, http.getRemoteUser(), before, after);
          return view(after, CustomerAccess.seesRevenue(http));
        });
  }

  @PostMapping(value = "/{code}/deactivate", produces = MediaType.APPLICATION_JSON_VALUE)
  public CustomerView deactivate(@PathVariable("code") String code, HttpServletRequest http) {
    return setActive(code, false, http);
  }

  @PostMapping(value = "/{code}/reactivate", produces = MediaType.APPLICATION_JSON_VALUE)
  public CustomerView reactivate(@PathVariable("code") String code, HttpServletRequest http) {
    return setActive(code, true, http);
  }

  private CustomerView setActive(String code, boolean active, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    MasterData before = existing(code);
    MasterData after = before.withActive(active);
    return transaction.execute(
        status -> {
          archive.update(after);
          changes.record(MasterDataChangeLog.CUSTOMER, code, http.getRemoteUser(), before, after);
          return view(after, CustomerAccess.seesRevenue(http));
        });
  }

  /** Only a customer without complaints or change requests; otherwise 409: deactivate it. */
  @DeleteMapping("/{code}")
  public ResponseEntity<Void> delete(@PathVariable("code") String code, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    MasterData before = existing(code);
    transaction.executeWithoutResult(
        status -> {
          int records = archive.records(code);
          if (records > 0) {
            throw new ConflictException("customer.hasRecords", code, records);
          }
          for (Contact contact : archive.contacts(code)) {
            changes.record(
                MasterDataChangeLog.CUSTOMER_CONTACT,
                code + "/" + contact.id(),
                http.getRemoteUser(),
                contact,
                null);
          }
          for (var revenue : archive.revenue(code).entrySet()) {
            changes.record(
                MasterDataChangeLog.CUSTOMER_REVENUE,
                code + "/" + revenue.getKey(),
                http.getRemoteUser(),
                new RevenueView(revenue.getKey(), revenue.getValue()),
                null);
          }
          archive.delete(code);
          changes.record(MasterDataChangeLog.CUSTOMER, code, http.getRemoteUser(), before, null);
          tiers.recompute(http.getRemoteUser(), "customer " + code + " deleted");
        });
    return ResponseEntity.noContent().build();
  }

  /**
   * The master data of a request; a request without {@code salesRep} keeps {@code salesRep} (a
   * client that does not know the field does not clear it), {@code null} or "" clears it.
   */
  private MasterData masterData(
      String code, JsonNode body, boolean active, String salesRep, List<FieldError> errors) {
    String name = text(body, "name", 200, true, errors);
    String address = text(body, "address", 500, false, errors);
    String phone = text(body, "phone", 50, false, errors);
    String rep = salesRep;
    if (body != null && body.has("salesRep")) {
      rep = text(body, "salesRep", 64, false, errors);
      if (rep != null && !salesReps.isSalesRep(rep)) {
        errors.add(new FieldError("salesRep", SalesReps.notASalesRep(rep)));
      }
    }
    return new MasterData(code, name, address, phone, active, rep);
  }

  // ---- contacts ---------------------------------------------------------------------------------

  @PostMapping(
      value = "/{code}/contacts",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Contact> addContact(
      @PathVariable("code") String code, @RequestBody JsonNode body, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    existing(code);
    ContactData contact = contact(body);
    return transaction.execute(
        status -> {
          long id = archive.insertContact(code, contact);
          Contact created = archive.contact(code, id).orElseThrow();
          changes.record(
              MasterDataChangeLog.CUSTOMER_CONTACT,
              code + "/" + id,
              http.getRemoteUser(),
              null,
              created);
          return ResponseEntity.status(HttpStatus.CREATED).body(created);
        });
  }

  @PutMapping(
      value = "/{code}/contacts/{id}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Contact changeContact(
      @PathVariable("code") String code,
      @PathVariable("id") String id,
      @RequestBody JsonNode body,
      HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    Contact before = existingContact(code, id);
    ContactData contact = contact(body);
    return transaction.execute(
        status -> {
          archive.updateContact(before.id(), contact);
          Contact after = archive.contact(code, before.id()).orElseThrow();
          changes.record(
              MasterDataChangeLog.CUSTOMER_CONTACT,
              code + "/" + before.id(),
              http.getRemoteUser(),
              before,
              after);
          return after;
        });
  }

  @DeleteMapping("/{code}/contacts/{id}")
  public ResponseEntity<Void> removeContact(
      @PathVariable("code") String code, @PathVariable("id") String id, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    Contact before = existingContact(code, id);
    transaction.executeWithoutResult(
        status -> {
          archive.deleteContact(before.id());
          changes.record(
              MasterDataChangeLog.CUSTOMER_CONTACT,
              code + "/" + before.id(),
              http.getRemoteUser(),
              before,
              null);
        });
    return ResponseEntity.noContent().build();
  }

  private Contact existingContact(String code, String id) {
    existing(code);
    try {
      return archive
          .contact(code, Long.parseLong(id))
          .orElseThrow(() -> new NotFoundException("customer.noContact", code, id));
    } catch (NumberFormatException e) {
      throw new NotFoundException("customer.noContact", code, id);
    }
  }

  static ContactData contact(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    unknownFields(body, CONTACT_FIELDS, "a contact", errors);
    String name = text(body, "name", 100, true, errors);
    String role = text(body, "role", 100, false, errors);
    String phone = text(body, "phone", 50, false, errors);
    String email = text(body, "email", 200, false, errors);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", "email must be a valid email address"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ContactData(name, role, phone, email);
  }

  // ---- revenue ----------------------------------------------------------------------------------

  /** {@code {"revenue": 1234567.89}} (CNY, at most 2 decimals); recomputes every tier. */
  @PutMapping(
      value = "/{code}/revenue/{year}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public CustomerView putRevenue(
      @PathVariable("code") String code,
      @PathVariable("year") String year,
      @RequestBody JsonNode body,
      HttpServletRequest http) {
    CustomerAccess.requireRevenueEditor(http);
    existing(code);
    List<FieldError> errors = new ArrayList<>();
    int revenueYear = year(year, errors);
    unknownFields(body, Set.of("revenue"), "a revenue figure", errors);
    JsonNode node = body == null ? null : body.get("revenue");
    BigDecimal revenue = null;
    if (node == null || node.isNull()) {
      errors.add(new FieldError("revenue", "revenue is required"));
    } else if (!node.isNumber()) {
      errors.add(new FieldError("revenue", "revenue must be a number"));
    } else {
      revenue = node.decimalValue();
      if (revenue.signum() < 0) {
        errors.add(new FieldError("revenue", "revenue must not be negative"));
      } else if (revenue.stripTrailingZeros().scale() > 2 || revenue.compareTo(MAX_REVENUE) > 0) {
        errors.add(
            new FieldError(
                "revenue", "revenue must be at most 9999999999999999.99 with at most 2 decimals"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    BigDecimal amount = revenue.setScale(2);
    return transaction.execute(
        status -> {
          BigDecimal old = archive.revenue(code).get(revenueYear);
          Revenue row = new Revenue(code, revenueYear, amount);
          if (old == null) {
            archive.saveRevenue(List.of(row), List.of());
          } else {
            archive.saveRevenue(List.of(), List.of(row));
          }
          changes.record(
              MasterDataChangeLog.CUSTOMER_REVENUE,
              code + "/" + revenueYear,
              http.getRemoteUser(),
              old == null ? null : new RevenueView(revenueYear, old.setScale(2)),
              new RevenueView(revenueYear, amount));
          tiers.recompute(http.getRemoteUser(), "revenue " + revenueYear + " of " + code);
          return view(existing(code), true);
        });
  }

  @DeleteMapping("/{code}/revenue/{year}")
  public ResponseEntity<Void> deleteRevenue(
      @PathVariable("code") String code,
      @PathVariable("year") String year,
      HttpServletRequest http) {
    CustomerAccess.requireRevenueEditor(http);
    existing(code);
    List<FieldError> errors = new ArrayList<>();
    int revenueYear = year(year, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    transaction.executeWithoutResult(
        status -> {
          BigDecimal old = archive.revenue(code).get(revenueYear);
          if (old == null || !archive.deleteRevenue(code, revenueYear)) {
            throw new NotFoundException("customer.noRevenue", code, String.valueOf(revenueYear));
          }
          changes.record(
              MasterDataChangeLog.CUSTOMER_REVENUE,
              code + "/" + revenueYear,
              http.getRemoteUser(),
              new RevenueView(revenueYear, old.setScale(2)),
              null);
          tiers.recompute(http.getRemoteUser(), "revenue " + revenueYear + " of " + code);
        });
    return ResponseEntity.noContent().build();
  }

  private int year(String text, List<FieldError> errors) {
    int max = Year.now(clock).getValue();
    return whole(text, "year", 2000, max, errors);
  }

  // ---- parsing ----------------------------------------------------------------------------------

  private static void unknownFields(
      JsonNode body, Set<String> allowed, String what, List<FieldError> errors) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "The request body must be a JSON object")));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        errors.add(new FieldError(name, name + " is not a field of " + what));
      }
    }
  }

  /** A trimmed text field; blank counts as absent. */
  private static String text(
      JsonNode body, String field, int max, boolean required, List<FieldError> errors) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
      if (required) {
        errors.add(new FieldError(field, field + " is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, field + " must be a text"));
      return null;
    }
    String value = node.textValue().trim();
    if (value.length() > max) {
      errors.add(new FieldError(field, field + " must be at most " + max + " characters long"));
      return null;
    }
    if (value.chars().anyMatch(ch -> ch < 0x20)) {
      errors.add(new FieldError(field, field + " must not contain control characters"));
      return null;
    }
    return value;
  }
}
