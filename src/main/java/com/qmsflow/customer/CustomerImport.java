package com.qmsflow.customer;

import com.qmsflow.customer.ArchiveColumns.Column;
import com.qmsflow.customer.ArchiveColumns.Kind;
import com.qmsflow.customer.CustomerArchive.Contact;
import com.qmsflow.customer.CustomerArchive.ContactData;
import com.qmsflow.customer.CustomerArchive.ContactUpdate;
import com.qmsflow.customer.CustomerArchive.MasterData;
import com.qmsflow.customer.CustomerArchive.NewContact;
import com.qmsflow.customer.CustomerArchive.Revenue;
import com.qmsflow.customer.CustomerController.RevenueView;
import com.qmsflow.customer.ImportFile.Content;
import com.qmsflow.customer.ImportFile.Row;
import com.qmsflow.customer.ImportFile.Sheet;
import com.qmsflow.forms.FieldError;
import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.masterdata.MasterDataChangeLog.Entry;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import of the two archive files (customers with contacts; yearly revenue) from an ERP export
 * (issue 15 point 2, docs/customers.md). A dry run reads the file, checks every row against the
 * API's rules and compares it with the archive: new, changed (each field old → new), unchanged, and
 * every error with its row and column. The commit does the same again in one transaction and writes
 * only when there is no error, so an import is all or nothing; when the client passes the dry run's
 * {@code digest}, a commit whose changes differ from what the dry run showed (another file, or the
 * archive changed meanwhile) is refused with 409. Every change is recorded in the master data
 * change log; the tiers are recomputed once per import.
 */
@Service
public class CustomerImport {

  /** Errors listed at most (the count is always complete). */
  static final int MAX_LISTED_ERRORS = 1000;

  private static final Pattern THOUSANDS = Pattern.compile("^\\d{1,3}(,\\d{3})+(\\.\\d+)?$");
  private static final Pattern FORMULA_ESCAPE = Pattern.compile("^'+[=+\\-@\\t\\r]");

  /** One field that changes: its column header as in the file, old and new value as text. */
  public record FieldChange(String field, String column, String oldValue, String newValue) {}

  /** A customer or revenue figure that the import creates or changes. */
  public record RowChange(int row, String key, String status, List<FieldChange> fields) {}

  /**
   * A violated rule: row (1 = first line), column letter and header (null for a whole row), and the
   * message in the caller's language.
   */
  public record RowError(int row, String column, String header, String message) {}

  /** A tier that changed with a committed import. */
  public record TierChangeView(
      String code,
      Integer year,
      String oldTier,
      String newTier,
      Integer oldRank,
      Integer newRank) {}

  /** The answer of a dry run and of a commit. */
  public record Result(
      String kind,
      String fileName,
      String format,
      String encoding,
      String sheet,
      int rows,
      int created,
      int changed,
      int unchanged,
      int errorCount,
      boolean committed,
      String digest,
      List<RowChange> changes,
      List<RowError> errors,
      List<TierChangeView> tierChanges) {}

  /** An error before translation. */
  record Issue(int row, Integer column, String header, String key, Object... arguments) {}

  /**
   * A valid customer row; {@code keepActive}: no "active" value, so an existing customer keeps its
   * state (a new one is active); {@code contacts} null when the file has no contact columns.
   */
  private record CustomerRow(
      int row,
      MasterData data,
      boolean keepActive,
      boolean keepSalesRep,
      List<ContactData> contacts) {}

  /** A valid revenue row. */
  private record RevenueRow(int row, String code, int year, BigDecimal revenue) {}

  /** What a file would change. */
  private static final class Plan {
    final List<Issue> issues = new ArrayList<>();
    final List<RowChange> changes = new ArrayList<>();
    String sheet;
    int rows;
    int unchanged;
    // customers
    final List<MasterData> inserts = new ArrayList<>();
    final List<MasterData> updates = new ArrayList<>();
    final Map<String, MasterData> before = new HashMap<>();
    final Map<String, List<ContactData>> contacts = new LinkedHashMap<>();
    // revenue
    final List<Revenue> revenueInserts = new ArrayList<>();
    final List<Revenue> revenueUpdates = new ArrayList<>();
    final Map<String, BigDecimal> revenueBefore = new HashMap<>();

    int created() {
      return (int) changes.stream().filter(c -> c.status().equals("new")).count();
    }
  }

  private final CustomerArchive archive;
  private final TierRecomputation tiers;
  private final MasterDataChangeLog log;
  private final MessageSource messages;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final SalesReps salesReps;

  public CustomerImport(
      CustomerArchive archive,
      TierRecomputation tiers,
      MasterDataChangeLog log,
      MessageSource messages,
      PlatformTransactionManager transactions,
      Clock clock,
      SalesReps salesReps) {
    this.archive = archive;
    this.tiers = tiers;
    this.log = log;
    this.messages = messages;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.salesReps = salesReps;
  }

  /** Reads and checks the file and shows what a commit would change; changes nothing. */
  public Result dryRun(Kind kind, String fileName, byte[] bytes, Locale locale) {
    Content content = ImportFile.read(fileName, bytes);
    Plan plan = plan(kind, content);
    return result(kind, fileName, content, plan, false, List.of(), locale);
  }

  /**
   * Imports the file in one transaction: all its changes, or with any error none (400 with every
   * error as a field error {@code B5} / {@code row 5}).
   *
   * @param expectedDigest the dry run's digest, or null to import without that check
   */
  public Result commit(
      Kind kind, String fileName, byte[] bytes, String expectedDigest, String user, Locale locale) {
    Content content = ImportFile.read(fileName, bytes);
    return transaction.execute(
        status -> {
          Plan plan = plan(kind, content);
          if (!plan.issues.isEmpty()) {
            throw new InvalidRequestException(fieldErrors(plan.issues, locale));
          }
          String digest = digest(kind, plan);
          if (expectedDigest != null
              && !expectedDigest.isBlank()
              && !expectedDigest.trim().equals(digest)) {
            throw new ConflictException("customerImport.digestChanged");
          }
          List<TierChangeView> tierChanges =
              kind == Kind.CUSTOMERS ? applyCustomers(plan, user) : applyRevenue(plan, user);
          return result(kind, fileName, content, plan, true, tierChanges, locale);
        });
  }

  // ---- reading the file against the archive -----------------------------------------------------

  private Plan plan(Kind kind, Content content) {
    Plan plan = new Plan();
    for (ImportFile.Problem p : content.problems()) {
      plan.issues.add(new Issue(p.row(), null, null, p.key(), p.arguments()));
    }
    Sheet sheet = chooseSheet(kind, content.sheets());
    plan.sheet = sheet == null ? null : sheet.name();
    List<Row> rows = sheet == null ? List.of() : sheet.rows();
    int headerIndex = 0;
    while (headerIndex < rows.size() && rows.get(headerIndex).blank()) {
      headerIndex++;
    }
    if (headerIndex >= rows.size()) {
      plan.issues.add(new Issue(1, null, null, "customerImport.noHeader", requiredHeaders(kind)));
      return plan;
    }
    Row header = rows.get(headerIndex);
    Map<Integer, Column> columns = header(kind, header, plan.issues);
    if (!plan.issues.isEmpty()) {
      return plan;
    }
    List<Row> data = new ArrayList<>();
    for (Row row : rows.subList(headerIndex + 1, rows.size())) {
      if (!row.blank()) {
        data.add(row);
        for (int i = 0; i < row.cells().size(); i++) {
          String cell = row.cells().get(i);
          if (!columns.containsKey(i) && cell != null && !cell.isBlank()) {
            plan.issues.add(
                new Issue(row.number(), i, null, "customerImport.cellWithoutHeader", cell.trim()));
          }
        }
      }
    }
    plan.rows = data.size();
    if (kind == Kind.CUSTOMERS) {
      planCustomers(data, columns, plan);
    } else {
      planRevenue(data, columns, plan);
    }
    return plan;
  }

  /** The first sheet whose first row names the kind's required columns; else the first sheet. */
  private static Sheet chooseSheet(Kind kind, List<Sheet> sheets) {
    for (Sheet sheet : sheets) {
      Row first = sheet.rows().stream().filter(r -> !r.blank()).findFirst().orElse(null);
      if (first == null) {
        continue;
      }
      Set<String> fields = new HashSet<>();
      for (String cell : first.cells()) {
        ArchiveColumns.match(kind, cell).ifPresent(c -> fields.add(c.field()));
      }
      boolean complete =
          ArchiveColumns.columns(kind, 0).stream()
              .filter(Column::required)
              .allMatch(c -> fields.contains(c.field()));
      if (complete) {
        return sheet;
      }
    }
    return sheets.isEmpty() ? null : sheets.get(0);
  }

  private static String requiredHeaders(Kind kind) {
    return String.join(
        ", ",
        ArchiveColumns.columns(kind, 0).stream()
            .filter(Column::required)
            .map(Column::both)
            .toList());
  }

  private static Map<Integer, Column> header(Kind kind, Row header, List<Issue> issues) {
    Map<Integer, Column> columns = new TreeMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String text = header.cells().get(i);
      if (text == null || text.isBlank()) {
        continue;
      }
      var column = ArchiveColumns.match(kind, text);
      if (column.isEmpty()) {
        issues.add(
            new Issue(
                header.number(),
                i,
                text.trim(),
                "customerImport.unknownColumn",
                text.trim(),
                expected(kind)));
        continue;
      }
      Integer first = seen.putIfAbsent(column.get().field(), i);
      if (first != null) {
        issues.add(
            new Issue(
                header.number(),
                i,
                text.trim(),
                "customerImport.duplicateColumn",
                text.trim(),
                ImportFile.columnLetter(first)));
        continue;
      }
      columns.put(i, column.get());
    }
    for (Column required : ArchiveColumns.columns(kind, 0)) {
      if (required.required() && !seen.containsKey(required.field())) {
        issues.add(
            new Issue(
                header.number(), null, null, "customerImport.missingColumn", required.both()));
      }
    }
    return columns;
  }

  private static String expected(Kind kind) {
    List<String> names = new ArrayList<>();
    for (Column c : ArchiveColumns.columns(kind, 1)) {
      names.add(c.both().replace("1", "N"));
    }
    return String.join(", ", names);
  }

  /** The cell's text: trimmed, without the export's formula guard, null when empty. */
  static String clean(String cell) {
    if (cell == null) {
      return null;
    }
    String text = cell.strip();
    if (!text.isEmpty() && text.charAt(0) == '\'' && FORMULA_ESCAPE.matcher(text).find()) {
      text = text.substring(1);
    }
    return text.isEmpty() ? null : text;
  }

  /** The row's values by field, and the column of each field. */
  private record Values(Row row, Map<String, String> byField, Map<String, Integer> columnOf) {
    String get(String field) {
      return byField.get(field);
    }

    boolean has(String field) {
      return columnOf.containsKey(field);
    }
  }

  private static Values values(Row row, Map<Integer, Column> columns) {
    Map<String, String> byField = new HashMap<>();
    Map<String, Integer> columnOf = new HashMap<>();
    columns.forEach(
        (index, column) -> {
          byField.put(column.field(), clean(row.cell(index)));
          columnOf.put(column.field(), index);
        });
    return new Values(row, byField, columnOf);
  }

  /** A text cell: at most {@code max} characters, no control characters; null when empty. */
  private static String text(
      Values v, String field, int max, boolean required, List<Issue> issues) {
    String value = v.get(field);
    Integer column = v.columnOf().get(field);
    if (value == null) {
      if (required) {
        issues.add(new Issue(v.row().number(), column, null, "customerImport.required"));
      }
      return null;
    }
    if (value.length() > max) {
      issues.add(
          new Issue(v.row().number(), column, null, "customerImport.tooLong", value.length(), max));
      return null;
    }
    if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
      issues.add(new Issue(v.row().number(), column, null, "customerImport.control"));
      return null;
    }
    return value;
  }

  // ---- customers --------------------------------------------------------------------------------

  private void planCustomers(List<Row> data, Map<Integer, Column> columns, Plan plan) {
    TreeMap<Integer, Map<String, Integer>> contactColumns = new TreeMap<>();
    columns.forEach(
        (index, column) -> {
          if (column.field().startsWith("contact")) {
            String[] parts = column.field().substring("contact".length()).split("\\.");
            contactColumns
                .computeIfAbsent(Integer.parseInt(parts[0]), n -> new HashMap<>())
                .put(parts[1], index);
          }
        });
    boolean withContacts = !contactColumns.isEmpty();
    Map<String, Integer> firstRow = new HashMap<>();
    // each named sales rep looked up once per file
    Map<String, Boolean> reps = new HashMap<>();
    List<CustomerRow> valid = new ArrayList<>();
    for (Row row : data) {
      Values v = values(row, columns);
      int before = plan.issues.size();
      String code = text(v, "code", 20, true, plan.issues);
      if (code != null && !CustomerController.CODE.matcher(code).matches()) {
        plan.issues.add(
            new Issue(row.number(), v.columnOf().get("code"), null, "customerImport.code", code));
        code = null;
      }
      if (code != null) {
        Integer first = firstRow.putIfAbsent(code, row.number());
        if (first != null) {
          plan.issues.add(
              new Issue(
                  row.number(),
                  v.columnOf().get("code"),
                  null,
                  "customerImport.duplicateCode",
                  code,
                  first));
        }
      }
      String name = text(v, "name", 200, true, plan.issues);
      String address = text(v, "address", 500, false, plan.issues);
      String phone = text(v, "phone", 50, false, plan.issues);
      Boolean active = null;
      if (v.has("active") && v.get("active") != null) {
        active = yesNo(v.get("active"));
        if (active == null) {
          plan.issues.add(
              new Issue(
                  row.number(),
                  v.columnOf().get("active"),
                  null,
                  "customerImport.active",
                  v.get("active")));
        }
      }
      // without the column every customer keeps its rep; an empty cell clears it
      String salesRep = text(v, "salesRep", 64, false, plan.issues);
      if (salesRep != null && !reps.computeIfAbsent(salesRep, salesReps::isSalesRep)) {
        plan.issues.add(
            new Issue(
                row.number(),
                v.columnOf().get("salesRep"),
                null,
                "customerImport.salesRep",
                salesRep));
      }
      List<ContactData> contacts = new ArrayList<>();
      for (var group : contactColumns.entrySet()) {
        ContactData contact = contact(row, group.getValue(), plan.issues);
        if (contact != null) {
          contacts.add(contact);
        }
      }
      if (plan.issues.size() == before) {
        valid.add(
            new CustomerRow(
                row.number(),
                new MasterData(code, name, address, phone, active == null || active, salesRep),
                active == null,
                !v.has("salesRep"),
                withContacts ? contacts : null));
      }
    }
    if (!plan.issues.isEmpty()) {
      return;
    }
    Map<String, MasterData> existing = archive.all();
    Map<String, List<Contact>> stored = withContacts ? archive.allContacts() : Map.of();
    for (CustomerRow r : valid) {
      MasterData before = existing.get(r.data().code());
      MasterData after = r.data();
      if (before != null && r.keepActive()) {
        after = after.withActive(before.active());
      }
      if (before != null && r.keepSalesRep()) {
        after = after.withSalesRep(before.salesRep());
      }
      List<FieldChange> fields = new ArrayList<>();
      diff(
          fields, "name", ArchiveColumns.NAME, before == null ? null : before.name(), after.name());
      diff(
          fields,
          "address",
          ArchiveColumns.ADDRESS,
          before == null ? null : before.address(),
          after.address());
      diff(
          fields,
          "phone",
          ArchiveColumns.PHONE,
          before == null ? null : before.phone(),
          after.phone());
      diff(
          fields,
          "active",
          ArchiveColumns.ACTIVE,
          before == null ? null : String.valueOf(before.active()),
          before == null && after.active() ? null : String.valueOf(after.active()));
      diff(
          fields,
          "salesRep",
          ArchiveColumns.SALES_REP,
          before == null ? null : before.salesRep(),
          after.salesRep());
      boolean masterChanged = before == null || !before.equals(after);
      boolean contactsChanged = false;
      if (r.contacts() != null) {
        List<ContactData> old =
            stored.getOrDefault(after.code(), List.of()).stream().map(Contact::data).toList();
        if (!old.equals(r.contacts())) {
          contactsChanged = true;
          fields.add(
              new FieldChange(
                  "contacts", "联系人 / Contacts", contactsText(old), contactsText(r.contacts())));
          plan.contacts.put(after.code(), r.contacts());
        }
      }
      if (before == null) {
        plan.inserts.add(after);
        plan.changes.add(new RowChange(r.row(), after.code(), "new", fields));
      } else if (masterChanged || contactsChanged) {
        if (masterChanged) {
          plan.updates.add(after);
          plan.before.put(after.code(), before);
        }
        plan.changes.add(new RowChange(r.row(), after.code(), "changed", fields));
      } else {
        plan.unchanged++;
      }
    }
  }

  private static ContactData contact(Row row, Map<String, Integer> columns, List<Issue> issues) {
    Map<String, String> values = new HashMap<>();
    columns.forEach((field, index) -> values.put(field, clean(row.cell(index))));
    if (values.values().stream().allMatch(Objects::isNull)) {
      return null;
    }
    int before = issues.size();
    String name = contactText(row, columns, values, "name", 100, issues);
    if (values.get("name") == null) {
      Integer column = columns.get("name");
      if (column == null) {
        column = columns.values().stream().min(Integer::compare).orElse(null);
      }
      issues.add(new Issue(row.number(), column, null, "customerImport.contactName"));
    }
    String role = contactText(row, columns, values, "role", 100, issues);
    String phone = contactText(row, columns, values, "phone", 50, issues);
    String email = contactText(row, columns, values, "email", 200, issues);
    if (email != null && !CustomerController.EMAIL.matcher(email).matches()) {
      issues.add(
          new Issue(row.number(), columns.get("email"), null, "customerImport.email", email));
    }
    return issues.size() == before ? new ContactData(name, role, phone, email) : null;
  }

  private static String contactText(
      Row row,
      Map<String, Integer> columns,
      Map<String, String> values,
      String field,
      int max,
      List<Issue> issues) {
    String value = values.get(field);
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      issues.add(
          new Issue(
              row.number(),
              columns.get(field),
              null,
              "customerImport.tooLong",
              value.length(),
              max));
      return null;
    }
    if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
      issues.add(new Issue(row.number(), columns.get(field), null, "customerImport.control"));
      return null;
    }
    return value;
  }

  static Boolean yesNo(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "是", "启用", "yes", "y", "true", "1", "active" -> Boolean.TRUE;
      case "否", "停用", "no", "n", "false", "0", "inactive" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static void diff(
      List<FieldChange> fields, String field, Column column, String old, String now) {
    if (!Objects.equals(old, now)) {
      fields.add(new FieldChange(field, column.both(), old, now));
    }
  }

  private static String contactsText(List<ContactData> contacts) {
    if (contacts.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (ContactData c : contacts) {
      List<String> values = new ArrayList<>();
      for (String v : new String[] {c.name(), c.role(), c.phone(), c.email()}) {
        if (v != null) {
          values.add(v);
        }
      }
      parts.add(String.join(", ", values));
    }
    return String.join("; ", parts);
  }

  private List<TierChangeView> applyCustomers(Plan plan, String user) {
    List<Entry> entries = new ArrayList<>();
    archive.saveAll(plan.inserts, plan.updates);
    for (MasterData created : plan.inserts) {
      entries.add(new Entry(MasterDataChangeLog.CUSTOMER, created.code(), null, created));
    }
    for (MasterData updated : plan.updates) {
      entries.add(
          new Entry(
              MasterDataChangeLog.CUSTOMER,
              updated.code(),
              plan.before.get(updated.code()),
              updated));
    }
    if (!plan.contacts.isEmpty()) {
      Map<String, List<Contact>> stored = archive.allContacts();
      List<NewContact> inserts = new ArrayList<>();
      List<ContactUpdate> updates = new ArrayList<>();
      List<Long> deletes = new ArrayList<>();
      Set<Long> oldIds = new HashSet<>();
      for (var e : plan.contacts.entrySet()) {
        String code = e.getKey();
        List<Contact> old = new ArrayList<>(stored.getOrDefault(code, List.of()));
        old.forEach(c -> oldIds.add(c.id()));
        for (ContactData wanted : e.getValue()) {
          // a contact of the same name keeps its id (and its history); others are added
          Contact same =
              old.stream().filter(c -> c.name().equals(wanted.name())).findFirst().orElse(null);
          if (same == null) {
            inserts.add(new NewContact(code, wanted));
          } else {
            old.remove(same);
            if (!same.data().equals(wanted)) {
              updates.add(new ContactUpdate(same.id(), wanted));
              entries.add(
                  new Entry(
                      MasterDataChangeLog.CUSTOMER_CONTACT,
                      code + "/" + same.id(),
                      same,
                      new Contact(
                          same.id(),
                          wanted.name(),
                          wanted.role(),
                          wanted.phone(),
                          wanted.email())));
            }
          }
        }
        for (Contact removed : old) {
          deletes.add(removed.id());
          entries.add(
              new Entry(
                  MasterDataChangeLog.CUSTOMER_CONTACT, code + "/" + removed.id(), removed, null));
        }
      }
      archive.saveContacts(inserts, updates, deletes);
      if (!inserts.isEmpty()) {
        Map<String, List<Contact>> now = archive.allContacts();
        for (String code : plan.contacts.keySet()) {
          for (Contact c : now.getOrDefault(code, List.of())) {
            if (!oldIds.contains(c.id())) {
              entries.add(
                  new Entry(MasterDataChangeLog.CUSTOMER_CONTACT, code + "/" + c.id(), null, c));
            }
          }
        }
      }
    }
    log.recordAll(user, entries);
    if (plan.inserts.isEmpty()) {
      return List.of();
    }
    return tierChanges(tiers.recompute(user, "customer import (" + plan.inserts.size() + " new)"));
  }

  // ---- revenue ----------------------------------------------------------------------------------

  private void planRevenue(List<Row> data, Map<Integer, Column> columns, Plan plan) {
    Set<String> known = archive.all().keySet();
    int thisYear = Year.now(clock).getValue();
    Map<String, Integer> firstRow = new HashMap<>();
    List<RevenueRow> valid = new ArrayList<>();
    for (Row row : data) {
      Values v = values(row, columns);
      int before = plan.issues.size();
      String code = text(v, "code", 20, true, plan.issues);
      Integer codeColumn = v.columnOf().get("code");
      if (code != null && !CustomerController.CODE.matcher(code).matches()) {
        plan.issues.add(new Issue(row.number(), codeColumn, null, "customerImport.code", code));
        code = null;
      } else if (code != null && !known.contains(code)) {
        plan.issues.add(
            new Issue(row.number(), codeColumn, null, "customerImport.unknownCustomer", code));
        code = null;
      }
      Integer year = null;
      String yearText = v.get("year");
      Integer yearColumn = v.columnOf().get("year");
      if (yearText == null) {
        plan.issues.add(new Issue(row.number(), yearColumn, null, "customerImport.required"));
      } else {
        try {
          year = new BigDecimal(yearText).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          year = null;
        }
        if (year == null || year < 2000 || year > thisYear) {
          plan.issues.add(
              new Issue(row.number(), yearColumn, null, "customerImport.year", yearText, thisYear));
          year = null;
        }
      }
      BigDecimal revenue = revenue(v, plan.issues);
      if (code != null && year != null) {
        Integer first = firstRow.putIfAbsent(code + "/" + year, row.number());
        if (first != null) {
          plan.issues.add(
              new Issue(
                  row.number(),
                  codeColumn,
                  null,
                  "customerImport.duplicateYear",
                  code,
                  year,
                  first));
        }
      }
      if (plan.issues.size() == before) {
        valid.add(new RevenueRow(row.number(), code, year, revenue));
      }
    }
    if (!plan.issues.isEmpty()) {
      return;
    }
    Map<String, Map<Integer, BigDecimal>> stored = archive.allRevenue();
    for (RevenueRow r : valid) {
      BigDecimal old = stored.getOrDefault(r.code(), Map.of()).get(r.year());
      String key = r.code() + "/" + r.year();
      Revenue figure = new Revenue(r.code(), r.year(), r.revenue());
      if (old == null) {
        plan.revenueInserts.add(figure);
        plan.changes.add(
            new RowChange(
                r.row(),
                key,
                "new",
                List.of(
                    new FieldChange(
                        "revenue",
                        ArchiveColumns.REVENUE.both(),
                        null,
                        r.revenue().toPlainString()))));
      } else if (old.compareTo(r.revenue()) != 0) {
        plan.revenueUpdates.add(figure);
        plan.revenueBefore.put(key, old.setScale(2));
        plan.changes.add(
            new RowChange(
                r.row(),
                key,
                "changed",
                List.of(
                    new FieldChange(
                        "revenue",
                        ArchiveColumns.REVENUE.both(),
                        old.setScale(2).toPlainString(),
                        r.revenue().toPlainString()))));
      } else {
        plan.unchanged++;
      }
    }
  }

  private static BigDecimal revenue(Values v, List<Issue> issues) {
    String text = v.get("revenue");
    Integer column = v.columnOf().get("revenue");
    int row = v.row().number();
    if (text == null) {
      issues.add(new Issue(row, column, null, "customerImport.required"));
      return null;
    }
    String plain = THOUSANDS.matcher(text).matches() ? text.replace(",", "") : text;
    BigDecimal value;
    try {
      value = new BigDecimal(plain);
    } catch (NumberFormatException e) {
      issues.add(new Issue(row, column, null, "customerImport.revenueNumber", text));
      return null;
    }
    if (value.signum() < 0) {
      issues.add(new Issue(row, column, null, "customerImport.revenueNegative", text));
      return null;
    }
    if (value.stripTrailingZeros().scale() > 2
        || value.compareTo(CustomerController.MAX_REVENUE) > 0) {
      issues.add(new Issue(row, column, null, "customerImport.revenueScale", text));
      return null;
    }
    return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
  }

  private List<TierChangeView> applyRevenue(Plan plan, String user) {
    archive.saveRevenue(plan.revenueInserts, plan.revenueUpdates);
    List<Entry> entries = new ArrayList<>();
    for (Revenue r : plan.revenueInserts) {
      entries.add(
          new Entry(
              MasterDataChangeLog.CUSTOMER_REVENUE,
              r.code() + "/" + r.year(),
              null,
              new RevenueView(r.year(), r.revenue())));
    }
    for (Revenue r : plan.revenueUpdates) {
      String key = r.code() + "/" + r.year();
      entries.add(
          new Entry(
              MasterDataChangeLog.CUSTOMER_REVENUE,
              key,
              new RevenueView(r.year(), plan.revenueBefore.get(key)),
              new RevenueView(r.year(), r.revenue())));
    }
    log.recordAll(user, entries);
    if (entries.isEmpty()) {
      return List.of();
    }
    return tierChanges(tiers.recompute(user, "revenue import (" + entries.size() + " figures)"));
  }

  private static List<TierChangeView> tierChanges(TierRecomputation.Outcome outcome) {
    return outcome.changes().stream()
        .map(
            c ->
                new TierChangeView(
                    c.customerCode(), c.year(), c.oldTier(), c.newTier(), c.oldRank(), c.newRank()))
        .toList();
  }

  // ---- answers ----------------------------------------------------------------------------------

  private Result result(
      Kind kind,
      String fileName,
      Content content,
      Plan plan,
      boolean committed,
      List<TierChangeView> tierChanges,
      Locale locale) {
    List<RowError> errors =
        plan.issues.stream()
            .sorted(
                (a, b) ->
                    a.row() != b.row()
                        ? Integer.compare(a.row(), b.row())
                        : Integer.compare(
                            a.column() == null ? -1 : a.column(),
                            b.column() == null ? -1 : b.column()))
            .limit(MAX_LISTED_ERRORS)
            .map(i -> rowError(i, locale))
            .toList();
    boolean valid = plan.issues.isEmpty();
    return new Result(
        kind.id,
        fileName,
        content.format(),
        content.encoding(),
        plan.sheet,
        plan.rows,
        valid ? plan.created() : 0,
        valid ? plan.changes.size() - plan.created() : 0,
        valid ? plan.unchanged : 0,
        plan.issues.size(),
        committed,
        valid ? digest(kind, plan) : null,
        valid ? plan.changes : List.of(),
        errors,
        tierChanges);
  }

  private RowError rowError(Issue issue, Locale locale) {
    Object[] arguments =
        java.util.Arrays.stream(issue.arguments())
            .map(a -> a instanceof Number ? a.toString() : a)
            .toArray();
    String message = messages.getMessage(issue.key(), arguments, issue.key(), locale);
    return new RowError(
        issue.row(),
        issue.column() == null ? null : ImportFile.columnLetter(issue.column()),
        issue.header(),
        message);
  }

  /** Every error as a field error: field {@code B5} (a cell) or {@code row 5}, text with both. */
  private List<FieldError> fieldErrors(List<Issue> issues, Locale locale) {
    return issues.stream()
        .limit(MAX_LISTED_ERRORS)
        .map(
            i -> {
              RowError e = rowError(i, locale);
              String field = e.column() == null ? "row " + e.row() : e.column() + e.row();
              String text =
                  e.column() == null
                      ? messages.getMessage(
                          "customerImport.atRow",
                          new Object[] {String.valueOf(e.row()), e.message()},
                          locale)
                      : messages.getMessage(
                          "customerImport.atCell",
                          new Object[] {String.valueOf(e.row()), e.column(), e.message()},
                          locale);
              return new FieldError(field, text);
            })
        .toList();
  }

  /** What the import would change, as SHA-256: the same file against the same archive. */
  private static String digest(Kind kind, Plan plan) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(kind.id.getBytes(StandardCharsets.UTF_8));
      for (RowChange change : plan.changes) {
        StringBuilder s = new StringBuilder("\n").append(change.key()).append('|');
        s.append(change.status());
        for (FieldChange f : change.fields()) {
          s.append('|').append(f.field()).append('=').append(f.oldValue()).append('>');
          s.append(f.newValue());
        }
        sha.update(s.toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
