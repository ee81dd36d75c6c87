package com.qmsflow.register;

import static com.qmsflow.complaint.ComplaintVariables.APPROVED_COMPENSATION_AMOUNT;
import static com.qmsflow.complaint.ComplaintVariables.CAUSE_ANALYSIS;
import static com.qmsflow.complaint.ComplaintVariables.COMPENSATION_AMOUNT;
import static com.qmsflow.complaint.ComplaintVariables.COMPENSATION_DECISION;
import static com.qmsflow.complaint.ComplaintVariables.CORRECTION_ACTIONS;
import static com.qmsflow.complaint.ComplaintVariables.EIGHT_D_NUMBER;
import static com.qmsflow.complaint.ComplaintVariables.ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT;
import static com.qmsflow.complaint.ComplaintVariables.PERMANENT_ACTIONS;
import static com.qmsflow.complaint.ComplaintVariables.REPLY_SENT_DATE;
import static com.qmsflow.complaint.ComplaintVariables.REPLY_TASK;
import static com.qmsflow.complaint.ComplaintVariables.RESPONSIBILITY;
import static com.qmsflow.complaint.ComplaintVariables.RESPONSIBLE_DEPARTMENT;
import static com.qmsflow.complaint.ComplaintVariables.ROOT_CAUSE;
import static com.qmsflow.deadline.DeadlineVariables.CAUSE_ORIGIN;

import com.qmsflow.access.Reader;
import com.qmsflow.identity.Groups;
import com.qmsflow.register.RecordedValues.Latest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The complaint register (客诉台账, issue 16.3): the rows of {@code complaint} with the findings
 * recorded in {@code record_value}, the steps of {@code process_step} and the {@code escalation}
 * table, never Camunda's history, so the register stays complete after history cleanup.
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

  private static final List<String> VALUE_NAMES =
      List.of(
          RESPONSIBILITY.name(),
          RESPONSIBLE_DEPARTMENT.name(),
          ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT.name(),
          CAUSE_ORIGIN.name(),
          CAUSE_ANALYSIS.name(),
          ROOT_CAUSE.name(),
          CORRECTION_ACTIONS.name(),
          PERMANENT_ACTIONS.name(),
          EIGHT_D_NUMBER.name(),
          COMPENSATION_DECISION.name(),
          COMPENSATION_AMOUNT.name(),
          APPROVED_COMPENSATION_AMOUNT.name(),
          REPLY_SENT_DATE.name());

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
    RegisterParams params = new RegisterParams(raw);
    List<Sql> conditions = new ArrayList<>();
    Sql rows = access.complaintRows(caller);
    if (rows != null) {
      conditions.add(rows);
    }
    String q = params.text("q");
    if (q != null) {
      String like = "%" + Like.escape(q.toLowerCase(java.util.Locale.ROOT)) + "%";
      // one lower-cased column of the row (V19) and the customers' names (a small table)
      conditions.add(
          Sql.of(
              "c.search_text like ? escape '\\' or c.customer_code in (select sc.code from"
                  + " customer sc where lower(sc.name) like ? escape '\\')",
              like,
              like));
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
      conditions.add(
          RecordedValues.latestIs(
              "c.process_instance_id",
              List.of(RESPONSIBLE_DEPARTMENT.name(), ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT.name()),
              department));
    }
    String causeOrigin = params.oneOf("causeOrigin", CAUSE_ORIGINS);
    if (causeOrigin != null) {
      conditions.add(
          RecordedValues.latestIs(
              "c.process_instance_id", List.of(CAUSE_ORIGIN.name()), causeOrigin));
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
    Sql sql =
        Sql.of(
                "select count(*) from complaint c left join customer cu on cu.code ="
                    + " c.customer_code")
            .append(query.where());
    return jdbc.sql(sql.text()).params(sql.params).query(Long.class).single();
  }

  /** Every row matching the request's filters, in its order (for the exports). */
  List<Row> all(Query query) {
    return select(query, "");
  }

  private List<Row> select(Query query, String limit, Object... limitParams) {
    Instant now = clock.instant();
    // the page is chosen first, the flags are looked up for its rows only
    Sql sql =
        Sql.of("select c.*, case when c.status = 'OPEN' and ")
            .append(overdue(now))
            .append(Sql.of(" then true else false end as overdue, case when "))
            .append(escalated())
            .append(
                Sql.of(
                    " then true else false end as escalated from (select c.complaint_number,"
                        + " c.process_instance_id, c.received_at, c.customer_code, cu.name as"
                        + " customer_name, c.tier, c.category, c.severity, c.product_name,"
                        + " c.product_model, c.batch_number, c.quantity_purchased,"
                        + " c.quantity_defective, c.defect_code, c.status, c.closed_at from"
                        + " complaint c left join customer cu on cu.code = c.customer_code"))
            .append(query.where())
            .append(Sql.of(" order by " + query.sorting().orderBy() + limit + ") c", limitParams))
            .append(Sql.of(" order by " + query.sorting().orderBy()));
    List<Base> bases = jdbc.sql(sql.text()).params(sql.params).query(this::base).list();
    List<String> instances =
        bases.stream().map(Base::processInstanceId).filter(id -> id != null).toList();
    Map<String, Map<String, Latest>> found = values.latest(instances, VALUE_NAMES);
    Map<String, RecordedValues.Step> replies = values.lastSteps(instances, REPLY_TASK);
    return bases.stream()
        .map(
            b -> {
              Map<String, Latest> v =
                  b.processInstanceId() == null
                      ? Map.of()
                      : found.getOrDefault(b.processInstanceId(), Map.of());
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
                  text(v, RESPONSIBILITY.name()),
                  first(
                      text(v, RESPONSIBLE_DEPARTMENT.name()),
                      text(v, ENVIRONMENTAL_RESPONSIBLE_DEPARTMENT.name())),
                  text(v, CAUSE_ORIGIN.name()),
                  joined(text(v, CAUSE_ANALYSIS.name()), text(v, ROOT_CAUSE.name())),
                  joined(text(v, CORRECTION_ACTIONS.name()), text(v, PERMANENT_ACTIONS.name())),
                  text(v, EIGHT_D_NUMBER.name()),
                  compensation(v),
                  v.containsKey(REPLY_SENT_DATE.name())
                      ? v.get(REPLY_SENT_DATE.name()).asDate(zone)
                      : null,
                  reply == null ? null : reply.onTime(),
                  b.status(),
                  b.closedAt(),
                  b.overdue(),
                  b.escalated());
            })
        .toList();
  }

  /**
   * An open step of the complaint's tree (its 8D included) is past its due date. Written from the
   * few open overdue steps towards the complaints (index {@code process_step (ended_at, due_at)}).
   */
  private static Sql overdue(Instant now) {
    return Sql.of(
        "c.process_instance_id in (select orr.root_process_instance_id from process_step os"
            + " join process_record orr on orr.process_instance_id = os.process_instance_id"
            + " where os.ended_at is null and os.due_at < ?)",
        RecordedValues.ts(now));
  }

  /**
   * A task of the complaint or of an 8D it raised was escalated (escalations carry the business key
   * of their instance: the complaint or the 8D number).
   */
  private static Sql escalated() {
    return Sql.of(
        "(c.complaint_number in (select e.business_key from escalation e)"
            + " or c.complaint_number in (select ea.complaint_number from corrective_action ea"
            + " join escalation e on e.business_key = ea.eight_d_number))");
  }

  private static void equal(List<Sql> conditions, String column, String value) {
    if (value != null) {
      conditions.add(Sql.of(column + " = ?", value));
    }
  }

  static void period(List<Sql> conditions, String column, RegisterParams.Period period) {
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

  private static String compensation(Map<String, Latest> v) {
    String decision = text(v, COMPENSATION_DECISION.name());
    String amount =
        first(text(v, APPROVED_COMPENSATION_AMOUNT.name()), text(v, COMPENSATION_AMOUNT.name()));
    if (decision == null && amount == null) {
      return null;
    }
    return decision == null ? amount : amount == null ? decision : decision + " " + amount;
  }

  private static String text(Map<String, Latest> v, String name) {
    Latest latest = v.get(name);
    return latest == null || latest.text() == null || latest.text().isBlank()
        ? null
        : latest.text();
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
        rs.getBoolean("overdue"),
        rs.getBoolean("escalated"));
  }
}
