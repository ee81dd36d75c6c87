package com.qmsflow.dashboard;

import com.qmsflow.identity.Groups;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures of the management dashboards ({@code /dashboard/}) as JSON, or as CSV with {@code
 * ?format=csv} or {@code Accept: text/csv}. Only members of sales-management, quality-management,
 * quality, general-manager and camunda-admin may read them (others: 403). Quality engineers read
 * every complaint and 8D report anyway; the figures show changes only as counts and rates, never a
 * change's number or content, so they reveal nothing of the confidential changes.
 */
@RestController
@RequestMapping("/api/dashboard")
public class DashboardController {

  /** Who may read the dashboards. */
  public static final Set<String> ALLOWED_GROUPS =
      Set.of(
          Groups.SALES_MANAGEMENT,
          Groups.QUALITY_MANAGEMENT,
          Groups.QUALITY,
          Groups.GENERAL_MANAGER,
          org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);

  static final List<String> TIERS = List.of("A", "B", "C");
  static final List<String> CATEGORIES = List.of("quality", "delivery", "service", "environmental");
  static final List<String> DEPARTMENTS =
      java.util.stream.Stream.concat(
              Groups.all().stream(), java.util.stream.Stream.of(DashboardQueries.NO_GROUP))
          .toList();

  /** A figure's id, the filters that apply to it, and how it is computed. */
  record FigureInfo(String id, String title, List<String> filters) {}

  private static final List<FigureInfo> FIGURES =
      List.of(
          new FigureInfo(
              "on-time-rates",
              "On-time rate of each deadline per department and tier",
              List.of("month", "tier", "category", "department")),
          new FigureInfo(
              "defect-pareto", "Pareto of defect codes", List.of("month", "tier", "category")),
          new FigureInfo(
              "open-tasks",
              "Open and overdue tasks per group with their age",
              List.of("tier", "category", "department")),
          new FigureInfo(
              "intake-closure",
              "Complaints received and closed per month",
              List.of("month", "tier", "category")),
          new FigureInfo(
              "satisfaction",
              "Satisfaction per survey source, tier and aspect",
              List.of("month", "tier", "category", "source")),
          new FigureInfo(
              "eight-d-cycle-times",
              "8D cycle time per discipline",
              List.of("month", "tier", "category")),
          new FigureInfo(
              "escalations",
              "Escalations per month",
              List.of("month", "tier", "category", "department")),
          new FigureInfo(
              "causes-countermeasures",
              "Causes and countermeasures of the month's complaints",
              List.of("month", "tier", "category")),
          new FigureInfo(
              "eight-d-status",
              "8D reports of the month and their state",
              List.of("month", "tier", "category")),
          new FigureInfo(
              "customer-decisions",
              "Customers' decisions on the reply per month",
              List.of("month", "tier", "category")));

  private final IdentityService identityService;
  private final DashboardQueries queries;
  private final Map<String, Function<DashboardFilters, Figure>> figures = new LinkedHashMap<>();

  public DashboardController(IdentityService identityService, DashboardQueries queries) {
    this.identityService = identityService;
    this.queries = queries;
    figures.put("on-time-rates", queries::onTimeRates);
    figures.put("defect-pareto", queries::defectPareto);
    figures.put("open-tasks", queries::openTasks);
    figures.put("intake-closure", queries::intakeAndClosure);
    figures.put("satisfaction", queries::satisfaction);
    figures.put("eight-d-cycle-times", queries::eightDCycleTimes);
    figures.put("escalations", queries::escalations);
    figures.put("causes-countermeasures", queries::causesAndCountermeasures);
    figures.put("eight-d-status", queries::eightDStatus);
    figures.put("customer-decisions", queries::customerDecisions);
  }

  /** What the page needs to build its filters: the figures, the choices and the current month. */
  @GetMapping
  public Map<String, Object> index() {
    String user = requireManager();
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("user", user);
    index.put("currentMonth", queries.currentMonth().toString());
    index.put("figures", FIGURES);
    index.put("tiers", TIERS);
    index.put("categories", CATEGORIES);
    index.put("sources", DashboardQueries.SURVEY_SOURCES);
    Map<String, String> departments = new LinkedHashMap<>(Groups.names());
    departments.put(DashboardQueries.NO_GROUP, "8D team (tasks of named team members)");
    index.put("departments", departments);
    return index;
  }

  @GetMapping("/{figure}")
  public ResponseEntity<?> figure(
      @PathVariable String figure,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    requireManager();
    Function<DashboardFilters, Figure> query = figures.get(figure);
    if (query == null) {
      throw new NotFoundException(
          "dashboard.noFigure", figure, String.join(", ", figures.keySet()));
    }
    Figure result =
        query.apply(applicable(figure, filters(month, tier, category, department, source)));
    if (wantsCsv(format, accept)) {
      return ResponseEntity.ok()
          .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
          .header(
              HttpHeaders.CONTENT_DISPOSITION,
              ContentDisposition.attachment()
                  .filename(result.figure() + "-" + result.month() + ".csv")
                  .build()
                  .toString())
          .body(result.toCsv());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
  }

  private static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      if ("csv".equalsIgnoreCase(format)) {
        return true;
      }
      if ("json".equalsIgnoreCase(format)) {
        return false;
      }
      throw InvalidRequestException.of("format", "dashboard.format", format);
    }
    if (accept == null) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream()
          .anyMatch(
              type ->
                  type.getType().equalsIgnoreCase("text")
                      && type.getSubtype().equalsIgnoreCase("csv"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The page sends every filter to every figure; a figure gets only those that apply to it, so its
   * {@code filters} (and the CSV's name for it) never claim a filter that was not applied.
   */
  private static DashboardFilters applicable(String figure, DashboardFilters f) {
    List<String> names =
        FIGURES.stream().filter(i -> i.id().equals(figure)).findFirst().orElseThrow().filters();
    return new DashboardFilters(
        f.month(),
        names.contains("tier") ? f.tier() : null,
        names.contains("category") ? f.category() : null,
        names.contains("department") ? f.department() : null,
        names.contains("source") ? f.source() : null);
  }

  private DashboardFilters filters(
      String month, String tier, String category, String department, String source) {
    YearMonth chosen;
    if (month == null || month.isBlank()) {
      chosen = queries.currentMonth();
    } else {
      try {
        chosen = YearMonth.parse(month.trim());
      } catch (DateTimeParseException e) {
        throw InvalidRequestException.of("month", "dashboard.month", month);
      }
      if (chosen.getYear() < 2000 || chosen.getYear() > 2999) {
        throw InvalidRequestException.of("month", "dashboard.monthRange");
      }
    }
    return new DashboardFilters(
        chosen,
        oneOf("tier", tier, TIERS),
        oneOf("category", category, CATEGORIES),
        oneOf("department", department, DEPARTMENTS),
        oneOf("source", source, DashboardQueries.SURVEY_SOURCES));
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!allowed.contains(value.trim())) {
      throw InvalidRequestException.of(name, "field.oneOf", name, String.join(", ", allowed));
    }
    return value.trim();
  }

  private String requireManager() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ForbiddenException("dashboard.loginRequired");
    }
    List<String> groups =
        authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (groups.stream().noneMatch(ALLOWED_GROUPS::contains)) {
      throw new ForbiddenException("dashboard.managersOnly", authentication.getUserId());
    }
    return authentication.getUserId();
  }
}
