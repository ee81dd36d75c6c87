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
 */
public record DashboardFilters(YearMonth month, String tier, String category, String department) {

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
    return applied;
  }
}
