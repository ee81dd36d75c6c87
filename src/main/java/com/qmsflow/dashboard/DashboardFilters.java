package com.qmsflow.dashboard;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The month and filters chosen on the dashboard; a {@code null} filter means "all".
 *
 * @param month the month the figure ends with
 * @param tier customer tier A, B or C (of the complaint)
 * @param category complaint category (quality, delivery, service, environmental)
 * @param department Camunda group: the candidate group of a task, the group escalated to
 * @param source where a satisfaction answer comes from ({@link DashboardQueries#SURVEY_SOURCES}:
 *     after a complaint or the yearly campaign)
 */
public record DashboardFilters(
    YearMonth month, String tier, String category, String department, String source) {

  /** The month with no filter: everything. */
  public static DashboardFilters all(YearMonth month) {
    return new DashboardFilters(month, null, null, null, null);
  }

  /** The same choice for one survey source ({@code null}: both). */
  public DashboardFilters withSource(String source) {
    return new DashboardFilters(month, tier, category, department, source);
  }

  Map<String, String> applied() {
    Map<String, String> applied = new LinkedHashMap<>();
    if (tier != null) {
      applied.put("tier", tier);
    }
    if (category != null) {
      applied.put("category", category);
    }
    if (department != null) {
      applied.put("department", department);
    }
    if (source != null) {
      applied.put("source", source);
    }
    return applied;
  }
}
