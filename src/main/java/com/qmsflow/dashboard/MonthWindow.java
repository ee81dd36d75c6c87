package com.qmsflow.dashboard;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive calendar months ending with a chosen month, with their boundaries as instants in the
 * business time zone ({@code qms.calendar.zone}). Queries select {@code column >= :m0 and column <
 * :mN} (index range) and put each row into its month with {@link #bucket(String)}, a plain {@code
 * case} expression: no database-specific date function, so H2 and PostgreSQL agree, and the month
 * boundary is midnight in the business zone whatever the server's zone.
 */
final class MonthWindow {

  private final List<YearMonth> months;
  private final List<Timestamp> bounds;

  MonthWindow(YearMonth last, int count, ZoneId zone) {
    months = new ArrayList<>();
    bounds = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      months.add(last.minusMonths(i));
    }
    for (YearMonth month : months) {
      bounds.add(Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()));
    }
    bounds.add(Timestamp.from(last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
  }

  List<YearMonth> months() {
    return months;
  }

  int size() {
    return months.size();
  }

  Timestamp start() {
    return bounds.get(0);
  }

  Timestamp end() {
    return bounds.get(bounds.size() - 1);
  }

  /** {@code column >= :m0 and column < :mN}. */
  String range(String column) {
    return column + " >= :m0 and " + column + " < :m" + months.size();
  }

  /**
   * The index (0 = oldest month) of the month the column's instant falls in; rows must be in {@link
   * #range}.
   */
  String bucket(String column) {
    StringBuilder sql = new StringBuilder("case");
    for (int i = 1; i < months.size(); i++) {
      sql.append(" when ").append(column).append(" < :m").append(i).append(" then ").append(i - 1);
    }
    return sql.append(" else ").append(months.size() - 1).append(" end").toString();
  }

  /** The boundaries as named parameters m0..mN. */
  Map<String, Object> parameters() {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < bounds.size(); i++) {
      params.put("m" + i, bounds.get(i));
    }
    return params;
  }

  String label(int bucket) {
    return months.get(bucket).toString();
  }
}
