package com.qmsflow.reports;

import com.qmsflow.dashboard.DashboardFilters;
import com.qmsflow.dashboard.DashboardQueries;
import com.qmsflow.dashboard.Figure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The figures of the reports, taken from the dashboard's queries for the same period (so a report
 * and the dashboard never disagree): no query of its own.
 */
@Service
public class ReportContents {

  /** The aspects of the survey in the order of the survey form. */
  static final List<String> ASPECTS = List.of("quality", "delivery", "service", "responsiveness");

  /** Half years in the satisfaction trend: this one and the three before. */
  static final int TREND_HALVES = 4;

  private final DashboardQueries queries;
  private final Clock clock;

  public ReportContents(DashboardQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  private static DashboardFilters all(YearMonth month) {
    return DashboardFilters.all(month);
  }

  // --- monthly quality report -----------------------------------------------------------------

  public QualityReport quality(ReportPeriod period) {
    YearMonth month = period.last();
    DashboardFilters f = all(month);
    String label = month.toString();
    Map<List<String>, long[]> sums = new TreeMap<>(Comparator.comparing(Object::toString));
    Map<List<String>, String> steps = new LinkedHashMap<>();
    for (Map<String, Object> row : queries.onTimeRates(f).rows()) {
      if (!label.equals(row.get("month"))) {
        continue;
      }
      List<String> key =
          List.of(
              (String) row.get("process"),
              (String) row.get("deadline"),
              (String) row.get("department"));
      long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
      sum[0] += (Long) row.get("completed");
      sum[1] += (Long) row.get("onTime");
      steps.putIfAbsent(key, (String) row.get("step"));
    }
    List<QualityReport.OnTime> onTime = new ArrayList<>();
    long completed = 0;
    long inTime = 0;
    for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
      long[] s = e.getValue();
      onTime.add(
          new QualityReport.OnTime(
              e.getKey().get(0),
              e.getKey().get(1),
              steps.get(e.getKey()),
              e.getKey().get(2),
              s[0],
              s[1],
              s[0] - s[1],
              DashboardQueries.percent(s[1], s[0])));
      completed += s[0];
      inTime += s[1];
    }
    QualityReport.OnTime total =
        new QualityReport.OnTime(
            null,
            null,
            null,
            null,
            completed,
            inTime,
            completed - inTime,
            DashboardQueries.percent(inTime, completed));
    List<Map<String, Object>> escalations =
        queries.escalations(f).rows().stream().filter(r -> label.equals(r.get("month"))).toList();
    Figure eightD = queries.eightDStatus(f);
    Map<String, Long> states = new LinkedHashMap<>();
    for (String state : List.of("raised", "closed", "open")) {
      states.put(
          state,
          eightD.rows().stream().filter(r -> state.equals(r.get("stateAtMonthEnd"))).count());
    }
    return new QualityReport(
        period,
        clock.instant(),
        queries.intakeAndClosure(f).rows(),
        onTime,
        total,
        queries.defectPareto(f).rows(),
        queries.causesAndCountermeasures(f).rows(),
        queries.openTasks(f).rows(),
        escalations,
        eightD.rows(),
        states);
  }

  // --- half-yearly satisfaction report --------------------------------------------------------

  public SatisfactionReport satisfaction(ReportPeriod period) {
    List<ReportPeriod> halves = new ArrayList<>();
    ReportPeriod half = period;
    for (int i = 0; i < TREND_HALVES; i++) {
      halves.add(0, half);
      half = half.previous();
    }
    // score counts per half year, source, tier and aspect: [answers, s1..s5]
    Map<String, Map<List<String>, long[]>> counts = new LinkedHashMap<>();
    halves.forEach(
        h -> counts.put(h.label(), new TreeMap<>(Comparator.comparing(Object::toString))));
    // each dashboard figure covers twelve months: two half years
    for (int i = TREND_HALVES - 1; i >= 0; i -= 2) {
      for (Map<String, Object> row : queries.satisfaction(all(halves.get(i).last())).rows()) {
        YearMonth month = YearMonth.parse((String) row.get("month"));
        Map<List<String>, long[]> ofHalf = counts.get(ReportPeriod.halfYearOf(month).label());
        if (ofHalf == null) {
          continue;
        }
        String aspect = (String) row.get("aspect");
        for (String source : List.of((String) row.get("source"), SatisfactionReport.ALL)) {
          for (String tier : List.of((String) row.get("tier"), SatisfactionReport.ALL)) {
            long[] c = ofHalf.computeIfAbsent(List.of(source, tier, aspect), k -> new long[6]);
            c[0] += (Long) row.get("answers");
            for (int score = 1; score <= 5; score++) {
              c[score] += (Long) row.get("score" + score);
            }
          }
        }
      }
    }
    Map<List<String>, long[]> now = counts.get(period.label());
    List<SatisfactionReport.Row> rows = new ArrayList<>();
    for (List<String> key : order(now.keySet())) {
      long[] c = now.get(key);
      List<BigDecimal> trend = new ArrayList<>();
      List<Long> trendAnswers = new ArrayList<>();
      for (ReportPeriod h : halves) {
        long[] t = counts.get(h.label()).get(key);
        trend.add(t == null ? null : DashboardQueries.percent(t[4] + t[5], t[0]));
        trendAnswers.add(t == null ? 0L : t[0]);
      }
      rows.add(
          new SatisfactionReport.Row(
              key.get(0),
              key.get(1),
              key.get(2),
              c[0],
              List.of(c[1], c[2], c[3], c[4], c[5]),
              DashboardQueries.percent(c[4] + c[5], c[0]),
              DashboardQueries.percent(c[1] + c[2], c[0]),
              trend,
              trendAnswers));
    }
    List<SatisfactionReport.Extreme> strongest = new ArrayList<>();
    List<SatisfactionReport.Extreme> weakest = new ArrayList<>();
    for (List<String> group :
        rows.stream().map(r -> List.of(r.source(), r.tier())).distinct().toList()) {
      List<SatisfactionReport.Row> ofGroup =
          rows.stream()
              .filter(
                  r ->
                      r.source().equals(group.get(0))
                          && r.tier().equals(group.get(1))
                          && r.answers() > 0)
              .toList();
      if (ofGroup.isEmpty()) {
        continue;
      }
      strongest.add(extreme(ofGroup, true));
      weakest.add(extreme(ofGroup, false));
    }
    return new SatisfactionReport(
        period,
        clock.instant(),
        halves.stream().map(ReportPeriod::label).toList(),
        rows,
        strongest,
        weakest);
  }

  /**
   * Sources in the dashboard's order (after a complaint, yearly campaign), then both; within each
   * tiers A, B, C, others, then all; aspects in the survey's order.
   */
  private static List<List<String>> order(java.util.Set<List<String>> keys) {
    return keys.stream()
        .sorted(
            Comparator.<List<String>>comparingInt(k -> sourceIndex(k.get(0)))
                .thenComparing(k -> SatisfactionReport.ALL.equals(k.get(1)))
                .thenComparing(k -> k.get(1))
                .thenComparing(k -> aspectIndex(k.get(2)))
                .thenComparing(k -> k.get(2)))
        .toList();
  }

  private static int sourceIndex(String source) {
    int index = SatisfactionReport.SOURCES.indexOf(source);
    return index < 0 ? SatisfactionReport.SOURCES.size() : index;
  }

  private static int aspectIndex(String aspect) {
    int index = ASPECTS.indexOf(aspect);
    return index < 0 ? ASPECTS.size() : index;
  }

  /**
   * The aspects with the highest (strongest) or lowest (weakest) share satisfied; between equal
   * shares the lower (strongest) or higher (weakest) share dissatisfied decides; still equal: all.
   */
  private static SatisfactionReport.Extreme extreme(
      List<SatisfactionReport.Row> rows, boolean strongest) {
    Comparator<SatisfactionReport.Row> better =
        Comparator.comparing(SatisfactionReport.Row::satisfiedPercent)
            .thenComparing(SatisfactionReport.Row::dissatisfiedPercent, Comparator.reverseOrder());
    Comparator<SatisfactionReport.Row> order = strongest ? better.reversed() : better;
    SatisfactionReport.Row first = rows.stream().sorted(order).findFirst().orElseThrow();
    List<String> aspects =
        rows.stream()
            .filter(r -> order.compare(r, first) == 0)
            .map(SatisfactionReport.Row::aspect)
            .toList();
    return new SatisfactionReport.Extreme(
        first.source(),
        first.tier(),
        aspects,
        first.satisfiedPercent(),
        first.dissatisfiedPercent());
  }
}
