package com.qmsflow.register;

import static com.qmsflow.complaint.ComplaintVariables.REPLY_TASK;

import com.qmsflow.access.Reader;
import com.qmsflow.identity.Groups;
import com.qmsflow.web.QueryParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The complaint register (客诉台账, issue 16.3): the rows of {@code complaint} with their finding
 * columns (the latest recorded values, kept by complaint/ComplaintFindings, V29), the steps of
 * {@code process_step} and the {@code escalation} table, never Camunda's history, so the register
 * stays complete after history cleanup.
 */
@Service
public class ComplaintRegister {

  public static final List<String> TIERS = List.of("A", "B", "C");
  public static final List<String> CATEGORIES =
      List.of("quality", "delivery", "service", "environmental");
  public static final List<String> SEVERITIES = List.of("minor", "serious");
  public static final List<String> STATUSES = List.of("open", "closed", "overdue");
  public static final List<String> CAUSE_ORIGINS = List.of("ownPlant", "supplier");
  public static final List<String> DEPARTMENTS =
      List.of(
          Groups.PRODUCTION,
          Groups.ENGINEERING,
          Groups.QUALITY,
          Groups.MATERIAL_CONTROL,
          Groups.SALES,
          Groups.GENERAL_AFFAIRS);

  static final Map<String, String> SORTS = new LinkedHashMap<>();
  static final java.util.Set<String> NULLABLE_SORTS =
      java.util.Set.of("tier", "severity", "closed");

  static {
    SORTS.put("number", "c.complaint_number");
    SORTS.put("received", "c.received_at");
    SORTS.put("customer", "c.customer_code");
    SORTS.put("tier", "c.tier");
    SORTS.put("category", "c.category");
    SORTS.put("severity", "c.severity");
    SORTS.put("product", "c.product_name");
    SORTS.put("batch", "c.batch_number");
    SORTS.put("defect", "c.defect_code");
    SORTS.put("status", "c.status");
    SORTS.put("closed", "c.closed_at");
  }

  /** The filters a register request may have (besides sort, page, size). */
  public static final List<String> FILTERS =
      List.of(
          "q",
          "customer",
          "tier",
          "category",
          "severity",
          "status",
          "defect",
          "department",
          "causeOrigin",
          "receivedFrom",
          "receivedTo",
          "closedFrom",
          "closedTo",
          "escalated");

  /** One row of the register, as the list and the exports show it. */
  public record Row(
      String number,
      Instant receivedAt,
      String customerCode,
      String customerName,
      String tier,
      String category,
      String severity,
      String productName,
      String productModel,
      String batchNumber,
      Integer quantityPurchased,
      Integer quantityDefective,
      String defectCode,
      String responsibility,
      String responsibleDepartment,
      String causeOrigin,
      String cause,
      String correctiveActions,
      String eightDNumber,
      String compensation,
      String replyDate,
      Boolean replyOnTime,
      String status,
      Instant closedAt,
      boolean overdue,
      boolean escalated) {}

  private final JdbcClient jdbc;
  private final RegisterAccess access;
  private final RecordedValues values;
  private final Clock clock;
  private final ZoneId zone;

  public ComplaintRegister(
      JdbcClient jdbc,
      RegisterAccess access,
      RecordedValues values,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.access = access;
    this.values = values;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** A parsed, valid request: its conditions (access included) and order. */
  record Query(Sql where, Sorting sorting, int page, int size) {}

  Query query(Reader caller, Map<String, String[]> raw, boolean export) {
    QueryParams params = new QueryParams(raw);
    List<Sql> conditions = new ArrayList<>();
    Sql rows = access.complaintRows(caller);
    if (rows != null) {
      conditions.add(rows);
    }
    String q = params.text("q");
    if (q != null) {
      String like = "%" + Like.escape(q.toLowerCase(java.util.Locale.ROOT)) + "%";
      conditions.add(text(like));
    }
    String customer = params.text("customer");
    if (customer != null) {
      conditions.add(Sql.of("c.customer_code = ?", customer));
    }
    equal(conditions, "c.tier", params.oneOf("tier", TIERS));
    equal(conditions, "c.category", params.oneOf("category", CATEGORIES));
    equal(conditions, "c.severity", params.oneOf("severity", SEVERITIES));
    String status = params.oneOf("status", STATUSES);
    if (status != null) {
      conditions.add(
          switch (status) {
            case "open" -> Sql.of("c.status = 'OPEN'");
            case "closed" -> Sql.of("c.status = 'CLOSED'");
            default -> Sql.of("c.status = 'OPEN' and ").append(overdue(clock.instant()));
          });
    }
    equal(conditions, "c.defect_code", params.text("defect"));
    String department = params.oneOf("department", DEPARTMENTS);
    if (department != null) {
      conditions.add(Sql.of("c.responsible_department = ?", department));
    }
    String causeOrigin = params.oneOf("causeOrigin", CAUSE_ORIGINS);
    if (causeOrigin != null) {
      conditions.add(Sql.of("c.cause_origin = ?", causeOrigin));
    }
    period(conditions, "c.received_at", params.period("receivedFrom", "receivedTo", zone));
    period(conditions, "c.closed_at", params.period("closedFrom", "closedTo", zone));
    Boolean escalated = params.bool("escalated");
    if (escalated != null) {
      conditions.add(escalated ? escalated() : Sql.of("not ").append(escalated()));
    }
    Sorting sorting =
        Sorting.read(params, SORTS, "-received", "c.complaint_number", NULLABLE_SORTS);
    int page = 0;
    int size = 0;
    if (export) {
      params.ignore("page", "size");
    } else {
      page = params.integer("page", 0, 0, 1_000_000);
      size = params.integer("size", 50, 1, 200);
    }
    params.done();
    return new Query(Sql.where(conditions), sorting, page, size);
  }

  public RegisterPage<Row> page(Reader caller, Map<String, String[]> raw) {
    Query query = query(caller, raw, false);
    long total = count(query);
    List<Row> rows =
        select(query, " limit ? offset ?", query.size(), (long) query.page() * query.size());
    return new RegisterPage<>(rows, query.page(), query.size(), total, query.sorting().value());
  }

  long count(Query query) {
    Sql sql = countSql(query);
    return jdbc.sql(sql.text()).params(sql.params).query(Long.class).single();
  }

  private static Sql countSql(Query query) {
    return Sql.of(
            "select count(*) from complaint c left join customer cu on cu.code = c.customer_code")
        .append(query.where());
  }

  /** A statement of the register with its parameters. */
  public record Statement(String sql, List<Object> params) {}

  /**
   * The two statements a list request runs, its count and its page (the flags of the page's rows
   * included), as they are sent: for reading their plans ({@code RegisterSearchOnPostgresIT},
   * docs/performance.md).
   */
  public List<Statement> statements(Reader caller, Map<String, String[]> raw) {
    Query query = query(caller, raw, false);
    Sql count = countSql(query);
    Sql page =
        selectSql(
            query,
            clock.instant(),
            " limit ? offset ?",
            query.size(),
            (long) query.page() * query.size());
    return List.of(
        new Statement(count.text(), List.copyOf(count.params)),
        new Statement(page.text(), List.copyOf(page.params)));
  }

  /** Every row matching the request's filters, in its order (for the exports). */
  List<Row> all(Query query) {
    return select(query, "");
  }

  private List<Row> select(Query query, String limit, Object... limitParams) {
    Sql sql = selectSql(query, clock.instant(), limit, limitParams);
    List<Base> bases = jdbc.sql(sql.text()).params(sql.params).query(this::base).list();
    return rows(bases);
  }

  private static Sql selectSql(Query query, Instant now, String limit, Object... limitParams) {
    // the page is chosen first, the flags are looked up for its rows only
    return Sql.of("select c.*, case when c.status = 'OPEN' and ")
        .append(overdue(now))
        .append(Sql.of(" then true else false end as overdue, case when "))
        .append(escalatedRow())
        .append(
            Sql.of(
                " then true else false end as escalated from (select c.complaint_number,"
                    + " c.process_instance_id, c.received_at, c.customer_code, cu.name as"
                    + " customer_name, c.tier, c.category, c.severity, c.product_name,"
                    + " c.product_model, c.batch_number, c.quantity_purchased,"
                    + " c.quantity_defective, c.defect_code, c.status, c.closed_at,"
                    + " c.responsibility, c.responsible_department, c.cause_origin,"
                    + " c.cause_analysis, c.root_cause, c.correction_actions,"
                    + " c.permanent_actions, c.eight_d_number, c.compensation_decision,"
                    + " c.compensation_amount, c.approved_compensation_amount,"
                    + " c.reply_sent_date, c.open_due_at from"
                    + " complaint c left join customer cu on cu.code = c.customer_code"))
        .append(query.where())
        .append(Sql.of(" order by " + query.sorting().orderBy() + limit + ") c", limitParams))
        .append(Sql.of(" order by " + query.sorting().orderBy()));
  }

  private List<Row> rows(List<Base> bases) {
    List<String> instances =
        bases.stream().map(Base::processInstanceId).filter(id -> id != null).toList();
    Map<String, RecordedValues.Step> replies = values.lastSteps(instances, REPLY_TASK);
    return bases.stream()
        .map(
            b -> {
              RecordedValues.Step reply =
                  b.processInstanceId() == null ? null : replies.get(b.processInstanceId());
              return new Row(
                  b.number(),
                  b.receivedAt(),
                  b.customerCode(),
                  b.customerName(),
                  b.tier(),
                  b.category(),
                  b.severity(),
                  b.productName(),
                  b.productModel(),
                  b.batchNumber(),
                  b.quantityPurchased(),
                  b.quantityDefective(),
                  b.defectCode(),
                  b.responsibility(),
                  b.responsibleDepartment(),
                  b.causeOrigin(),
                  joined(b.causeAnalysis(), b.rootCause()),
                  joined(b.correctionActions(), b.permanentActions()),
                  b.eightDNumber(),
                  compensation(b),
                  day(b.replySentDate()),
                  reply == null ? null : reply.onTime(),
                  b.status(),
                  b.closedAt(),
                  b.overdue(),
                  b.escalated());
            })
        .toList();
  }

  /** Customers found by name whose codes a text search names as values (more: a subquery). */
  static final int NAMED_CUSTOMERS = 50;

  /**
   * The text search: the lower-cased column of the row (V19; a trigram index on PostgreSQL, V30) or
   * a customer whose name matches (a small table, looked up first). The customers' codes go into
   * the statement as values, so PostgreSQL estimates the condition from them and combines the
   * trigram index with the customer index; most searches name no customer and are the column alone.
   * Beside an {@code or}, a subquery would be estimated to match half the table and read every row.
   */
  private Sql text(String like) {
    List<String> named =
        jdbc.sql(
                "select code from customer where lower(name) like ? escape '\\' order by code"
                    + " limit "
                    + (NAMED_CUSTOMERS + 1))
            .param(like)
            .query(String.class)
            .list();
    Sql text = Sql.of("c.search_text like ? escape '\\'", like);
    if (named.isEmpty()) {
      return text;
    }
    if (named.size() > NAMED_CUSTOMERS) {
      return text.or(
          Sql.of(
              "c.customer_code in (select sc.code from customer sc where lower(sc.name) like ?"
                  + " escape '\\')",
              like));
    }
    Sql codes = Sql.of("c.customer_code in (" + RegisterAccess.placeholders(named.size()) + ")");
    codes.params.addAll(named);
    return text.or(codes);
  }

  /**
   * An open step of the complaint's tree (its 8D included) is past its due date: the complaint's
   * earliest open due date (V37, {@code complaint/ComplaintOpenDue}), an index range on {@code
   * complaint_open_due}. Mapping the open overdue steps to their complaints per request took 1.35 s
   * at 100,000 open steps (docs/performance.md "Register overdue at 100,000 open").
   */
  private static Sql overdue(Instant now) {
    return Sql.of("c.open_due_at < ?", RecordedValues.ts(now));
  }

  /** {@link #escalated} for one row, looked up by index. */
  private static Sql escalatedRow() {
    return Sql.of(
        "(exists (select 1 from escalation fe where fe.business_key = c.complaint_number)"
            + " or exists (select 1 from corrective_action fa join escalation fae on"
            + " fae.business_key = fa.eight_d_number where fa.complaint_number ="
            + " c.complaint_number))");
  }

  /**
   * A task of the complaint or of an 8D it raised was escalated (escalations carry the business key
   * of their instance: the complaint or the 8D number).
   */
  private static Sql escalated() {
    // one set (a union, not two sets joined by "or"): PostgreSQL joins it to the complaints by
    // their
    // key instead of testing every complaint; an 8D without a complaint is no member (a null in
    // the set would make "not in" true for no row)
    return Sql.of(
        "c.complaint_number in (select e.business_key from escalation e union select"
            + " ea.complaint_number from corrective_action ea join escalation e on e.business_key"
            + " = ea.eight_d_number where ea.complaint_number is not null)");
  }

  private static void equal(List<Sql> conditions, String column, String value) {
    if (value != null) {
      conditions.add(Sql.of(column + " = ?", value));
    }
  }

  static void period(List<Sql> conditions, String column, QueryParams.Period period) {
    if (period == null) {
      return;
    }
    if (period.from() != null) {
      conditions.add(Sql.of(column + " >= ?", RecordedValues.ts(period.from())));
    }
    if (period.toExclusive() != null) {
      conditions.add(Sql.of(column + " < ?", RecordedValues.ts(period.toExclusive())));
    }
  }

  private static String compensation(Base b) {
    String decision = b.compensationDecision();
    String amount = first(b.approvedCompensationAmount(), b.compensationAmount());
    if (decision == null && amount == null) {
      return null;
    }
    return decision == null ? amount : amount == null ? decision : decision + " " + amount;
  }

  /**
   * A recorded date as a plant-local day {@code yyyy-MM-dd}: an instant (a date variable) in the
   * plant's zone, a form's day as it is.
   */
  private String day(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text).atZone(zone).toLocalDate().toString();
    } catch (DateTimeParseException notAnInstant) {
      return text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
    }
  }

  /** A finding column's text; blank is none. */
  private static String text(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null || text.isBlank() ? null : text;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String joined(String a, String b) {
    if (a == null || b == null || a.equals(b)) {
      return first(a, b);
    }
    return a + "\n" + b;
  }

  private record Base(
      String number,
      String processInstanceId,
      Instant receivedAt,
      String customerCode,
      String customerName,
      String tier,
      String category,
      String severity,
      String productName,
      String productModel,
      String batchNumber,
      Integer quantityPurchased,
      Integer quantityDefective,
      String defectCode,
      String status,
      Instant closedAt,
      String responsibility,
      String responsibleDepartment,
      String causeOrigin,
      String causeAnalysis,
      String rootCause,
      String correctionActions,
      String permanentActions,
      String eightDNumber,
      String compensationDecision,
      String compensationAmount,
      String approvedCompensationAmount,
      String replySentDate,
      boolean overdue,
      boolean escalated) {}

  private Base base(ResultSet rs, int row) throws SQLException {
    return new Base(
        rs.getString("complaint_number"),
        rs.getString("process_instance_id"),
        RecordedValues.instant(rs, "received_at"),
        rs.getString("customer_code"),
        rs.getString("customer_name"),
        rs.getString("tier"),
        rs.getString("category"),
        rs.getString("severity"),
        rs.getString("product_name"),
        rs.getString("product_model"),
        rs.getString("batch_number"),
        (Integer) rs.getObject("quantity_purchased", Integer.class),
        (Integer) rs.getObject("quantity_defective", Integer.class),
        rs.getString("defect_code"),
        rs.getString("status"),
        RecordedValues.instant(rs, "closed_at"),
        text(rs, "responsibility"),
        text(rs, "responsible_department"),
        text(rs, "cause_origin"),
        text(rs, "cause_analysis"),
        text(rs, "root_cause"),
        text(rs, "correction_actions"),
        text(rs, "permanent_actions"),
        text(rs, "eight_d_number"),
        text(rs, "compensation_decision"),
        text(rs, "compensation_amount"),
        text(rs, "approved_compensation_amount"),
        text(rs, "reply_sent_date"),
        rs.getBoolean("overdue"),
        rs.getBoolean("escalated"));
  }
}
