package com.qmsflow.register;

import static com.qmsflow.change.ChangeVariables.REQUESTER_GROUP;

import com.qmsflow.access.Reader;
import com.qmsflow.change.ChangeState;
import com.qmsflow.web.QueryParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The register of contract and order changes: rows of {@code change_request}, confidential to the
 * groups involved in each change ({@link RegisterAccess}); overdue steps from {@code process_step}.
 */
@Service
public class ChangeRegister {

  public static final List<String> STATUSES = List.of("open", "closed", "overdue");
  public static final List<String> STATES =
      Stream.concat(Stream.of("REQUESTED"), Stream.of(ChangeState.values()).map(Enum::name))
          .toList();
  public static final List<String> TYPES =
      List.of("customer-cost-optimisation", "company-competitive", "engineering-process");

  public static final List<String> FILTERS =
      List.of(
          "q",
          "customer",
          "type",
          "state",
          "status",
          "raisedFrom",
          "raisedTo",
          "closedFrom",
          "closedTo");

  static final Map<String, String> SORTS = new LinkedHashMap<>();

  static {
    SORTS.put("number", "r.change_number");
    SORTS.put("raised", "r.raised_at");
    SORTS.put("customer", "r.customer_code");
    SORTS.put("type", "r.change_type");
    SORTS.put("state", "r.state");
    SORTS.put("closed", "r.closed_at");
  }

  public record Row(
      String number,
      Instant raisedAt,
      String changeType,
      String customerCode,
      String customerName,
      String tier,
      String contractReference,
      String description,
      String requester,
      String state,
      String approverGroup,
      LocalDate effectiveDate,
      String effectiveLot,
      String correctiveActionNumber,
      Instant closedAt,
      boolean overdue) {}

  private final JdbcClient jdbc;
  private final RegisterAccess access;
  private final Clock clock;
  private final ZoneId zone;

  public ChangeRegister(
      JdbcClient jdbc,
      RegisterAccess access,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.access = access;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  record Query(Sql where, Sorting sorting, int page, int size) {}

  private static final String OPEN = "r.state not in ('CLOSED', 'REJECTED', 'WITHDRAWN')";

  Query query(Reader caller, Map<String, String[]> raw, boolean export) {
    QueryParams params = new QueryParams(raw);
    List<Sql> conditions = new ArrayList<>();
    Sql rows = access.changeRows(caller, REQUESTER_GROUP.name());
    if (rows != null) {
      conditions.add(rows);
    }
    String q = params.text("q");
    if (q != null) {
      String like = "%" + Like.escape(q.toLowerCase(Locale.ROOT)) + "%";
      conditions.add(
          Sql.of(
              "lower(r.change_number) like ? escape '\\' or lower(r.contract_reference) like ?"
                  + " escape '\\' or lower(r.customer_code) like ? escape '\\' or lower(cu.name)"
                  + " like ? escape '\\' or lower(r.description) like ? escape '\\'",
              like,
              like,
              like,
              like,
              like));
    }
    String customer = params.text("customer");
    if (customer != null) {
      conditions.add(Sql.of("r.customer_code = ?", customer));
    }
    String type = params.oneOf("type", TYPES);
    if (type != null) {
      conditions.add(Sql.of("r.change_type = ?", type));
    }
    String state = params.oneOf("state", STATES);
    if (state != null) {
      conditions.add(Sql.of("r.state = ?", state));
    }
    String status = params.oneOf("status", STATUSES);
    if (status != null) {
      conditions.add(
          switch (status) {
            case "open" -> Sql.of(OPEN);
            case "closed" -> Sql.of("not (" + OPEN + ")");
            default -> Sql.of(OPEN + " and ").append(overdue(clock.instant()));
          });
    }
    ComplaintRegister.period(
        conditions, "r.raised_at", params.period("raisedFrom", "raisedTo", zone));
    ComplaintRegister.period(
        conditions, "r.closed_at", params.period("closedFrom", "closedTo", zone));
    Sorting sorting =
        Sorting.read(
            params, SORTS, "-raised", "r.change_number", java.util.Set.of("customer", "closed"));
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
    List<Row> rows =
        select(query, " limit ? offset ?", query.size(), (long) query.page() * query.size());
    return new RegisterPage<>(
        rows, query.page(), query.size(), count(query), query.sorting().value());
  }

  long count(Query query) {
    Sql sql =
        Sql.of(
                "select count(*) from change_request r left join customer cu on cu.code ="
                    + " r.customer_code")
            .append(query.where());
    return jdbc.sql(sql.text()).params(sql.params).query(Long.class).single();
  }

  List<Row> all(Query query) {
    return select(query, "");
  }

  private List<Row> select(Query query, String limit, Object... limitParams) {
    Sql sql =
        Sql.of(
                "select r.change_number, r.raised_at, r.change_type, r.customer_code, cu.name as"
                    + " customer_name, r.tier, r.contract_reference, r.description, r.requester,"
                    + " r.state, r.approver_group, r.effective_date, r.effective_lot,"
                    + " r.corrective_action_number, r.closed_at, case when "
                    + OPEN
                    + " and ")
            .append(overdue(clock.instant()))
            .append(
                Sql.of(
                    " then true else false end as overdue from change_request r"
                        + " left join customer cu on cu.code = r.customer_code"))
            .append(query.where())
            .append(Sql.of(" order by " + query.sorting().orderBy() + limit, limitParams));
    return jdbc.sql(sql.text()).params(sql.params).query(this::row).list();
  }

  private static Sql overdue(Instant now) {
    return Sql.of(
        "exists (select 1 from process_step os where os.process_instance_id = r.process_instance_id"
            + " and os.ended_at is null and os.due_at < ?)",
        RecordedValues.ts(now));
  }

  private Row row(ResultSet rs, int row) throws SQLException {
    return new Row(
        rs.getString("change_number"),
        RecordedValues.instant(rs, "raised_at"),
        rs.getString("change_type"),
        rs.getString("customer_code"),
        rs.getString("customer_name"),
        rs.getString("tier"),
        rs.getString("contract_reference"),
        rs.getString("description"),
        rs.getString("requester"),
        rs.getString("state"),
        rs.getString("approver_group"),
        rs.getObject("effective_date", LocalDate.class),
        rs.getString("effective_lot"),
        rs.getString("corrective_action_number"),
        RecordedValues.instant(rs, "closed_at"),
        rs.getBoolean("overdue"));
  }
}
