package com.qmsflow.register;

import static com.qmsflow.capa.CorrectiveActionVariables.PERMANENT_ACTIONS;
import static com.qmsflow.capa.CorrectiveActionVariables.ROOT_CAUSE;

import com.qmsflow.access.Reader;
import com.qmsflow.register.RecordedValues.Latest;
import com.qmsflow.web.QueryParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The register of 8D reports: rows of {@code corrective_action} with the root cause and permanent
 * actions recorded in {@code record_value}, overdue steps from {@code process_step} and
 * escalations; never Camunda's history.
 */
@Service
public class CorrectiveActionRegister {

  public static final List<String> STATUSES = List.of("open", "closed", "overdue");

  public static final List<String> FILTERS =
      List.of(
          "q",
          "complaint",
          "status",
          "raisedFrom",
          "raisedTo",
          "closedFrom",
          "closedTo",
          "escalated");

  static final Map<String, String> SORTS = new LinkedHashMap<>();

  static {
    SORTS.put("number", "a.eight_d_number");
    SORTS.put("raised", "a.raised_at");
    SORTS.put("complaint", "a.complaint_number");
    SORTS.put("title", "a.problem_title");
    SORTS.put("status", "a.status");
    SORTS.put("closed", "a.closed_at");
  }

  public record Row(
      String number,
      Instant raisedAt,
      String complaintNumber,
      String problemTitle,
      String rootCause,
      String permanentActions,
      String status,
      Instant closedAt,
      boolean overdue,
      boolean escalated) {}

  private final JdbcClient jdbc;
  private final RegisterAccess access;
  private final RecordedValues values;
  private final Clock clock;
  private final ZoneId zone;

  public CorrectiveActionRegister(
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

  record Query(Sql where, Sorting sorting, int page, int size) {}

  Query query(Reader caller, Map<String, String[]> raw, boolean export) {
    QueryParams params = new QueryParams(raw);
    List<Sql> conditions = new ArrayList<>();
    Sql rows = access.correctiveActionRows(caller);
    if (rows != null) {
      conditions.add(rows);
    }
    String q = params.text("q");
    if (q != null) {
      String like = "%" + Like.escape(q.toLowerCase(Locale.ROOT)) + "%";
      conditions.add(
          Sql.of(
              "lower(a.eight_d_number) like ? escape '\\' or lower(a.problem_title) like ? escape"
                  + " '\\' or lower(a.complaint_number) like ? escape '\\'",
              like,
              like,
              like));
    }
    String complaint = params.text("complaint");
    if (complaint != null) {
      conditions.add(Sql.of("a.complaint_number = ?", complaint));
    }
    String status = params.oneOf("status", STATUSES);
    if (status != null) {
      conditions.add(
          switch (status) {
            case "open" -> Sql.of("a.status = 'OPEN'");
            case "closed" -> Sql.of("a.status = 'CLOSED'");
            default -> Sql.of("a.status = 'OPEN' and ").append(overdue(clock.instant()));
          });
    }
    ComplaintRegister.period(
        conditions, "a.raised_at", params.period("raisedFrom", "raisedTo", zone));
    ComplaintRegister.period(
        conditions, "a.closed_at", params.period("closedFrom", "closedTo", zone));
    Boolean escalated = params.bool("escalated");
    if (escalated != null) {
      conditions.add(escalated ? escalated() : Sql.of("not ").append(escalated()));
    }
    Sorting sorting =
        Sorting.read(
            params, SORTS, "-raised", "a.eight_d_number", java.util.Set.of("complaint", "closed"));
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
    Sql sql = Sql.of("select count(*) from corrective_action a").append(query.where());
    return jdbc.sql(sql.text()).params(sql.params).query(Long.class).single();
  }

  List<Row> all(Query query) {
    return select(query, "");
  }

  private List<Row> select(Query query, String limit, Object... limitParams) {
    Sql sql =
        Sql.of(
                "select a.eight_d_number, a.process_instance_id, a.complaint_number,"
                    + " a.problem_title, a.status, a.raised_at, a.closed_at, case when a.status ="
                    + " 'OPEN' and ")
            .append(overdue(clock.instant()))
            .append(Sql.of(" then true else false end as overdue, case when "))
            .append(escalated())
            .append(Sql.of(" then true else false end as escalated from corrective_action a"))
            .append(query.where())
            .append(Sql.of(" order by " + query.sorting().orderBy() + limit, limitParams));
    List<Base> bases = jdbc.sql(sql.text()).params(sql.params).query(this::base).list();
    List<String> instances =
        bases.stream().map(Base::processInstanceId).filter(id -> id != null).toList();
    Map<String, Map<String, Latest>> found =
        values.latest(instances, List.of(ROOT_CAUSE.name(), PERMANENT_ACTIONS.name()));
    return bases.stream()
        .map(
            b -> {
              Map<String, Latest> v =
                  b.processInstanceId() == null
                      ? Map.of()
                      : found.getOrDefault(b.processInstanceId(), Map.of());
              return new Row(
                  b.number(),
                  b.raisedAt(),
                  b.complaintNumber(),
                  b.problemTitle(),
                  text(v, ROOT_CAUSE.name()),
                  text(v, PERMANENT_ACTIONS.name()),
                  b.status(),
                  b.closedAt(),
                  b.overdue(),
                  b.escalated());
            })
        .toList();
  }

  private static Sql overdue(Instant now) {
    return Sql.of(
        "exists (select 1 from process_step os where os.process_instance_id = a.process_instance_id"
            + " and os.ended_at is null and os.due_at < ?)",
        RecordedValues.ts(now));
  }

  private static Sql escalated() {
    return Sql.of(
        "exists (select 1 from escalation e where e.process_instance_id = a.process_instance_id)");
  }

  private static String text(Map<String, Latest> v, String name) {
    Latest latest = v.get(name);
    return latest == null || latest.text() == null || latest.text().isBlank()
        ? null
        : latest.text();
  }

  private record Base(
      String number,
      String processInstanceId,
      String complaintNumber,
      String problemTitle,
      String status,
      Instant raisedAt,
      Instant closedAt,
      boolean overdue,
      boolean escalated) {}

  private Base base(ResultSet rs, int row) throws SQLException {
    return new Base(
        rs.getString("eight_d_number"),
        rs.getString("process_instance_id"),
        rs.getString("complaint_number"),
        rs.getString("problem_title"),
        rs.getString("status"),
        RecordedValues.instant(rs, "raised_at"),
        RecordedValues.instant(rs, "closed_at"),
        rs.getBoolean("overdue"),
        rs.getBoolean("escalated"));
  }
}
