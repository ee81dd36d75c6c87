package com.qmsflow.reports;

import com.qmsflow.dashboard.DashboardQueries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The half-yearly satisfaction report (002 §4.5.2-§4.5.3): per survey source (after a complaint,
 * the yearly campaign, and both together), tier (customer class) and aspect the distribution of the
 * scores, the shares satisfied (4-5) and dissatisfied (1-2), the trend of those shares over this
 * and the three half years before, and the strongest and weakest aspects. No averages. The counts
 * are the dashboard's satisfaction figure summed over the half year's months.
 *
 * @param rows per source ({@link #SOURCES}, then {@code all}): one row per tier and aspect, then
 *     one per aspect over all tiers (tier {@code all})
 * @param halves the half years of the trend, oldest first, this one last
 * @param strongest per source and tier (and {@code all}) the aspects with the highest share
 *     satisfied
 * @param weakest per source and tier (and {@code all}) the aspects with the lowest share satisfied
 *     (ties: the higher share dissatisfied)
 */
public record SatisfactionReport(
    ReportPeriod period,
    Instant generatedAt,
    List<String> halves,
    List<Row> rows,
    List<Extreme> strongest,
    List<Extreme> weakest) {

  /** All tiers, or all sources, together. */
  public static final String ALL = "all";

  /** All tiers together. */
  public static final String ALL_TIERS = ALL;

  /** The survey sources in the order the report shows them (both together follow). */
  public static final List<String> SOURCES = DashboardQueries.SURVEY_SOURCES;

  /** The answers of the half year, both sources. */
  public long answers() {
    return answers(ALL);
  }

  /** The answers of the half year from one source ({@code all}: both). */
  public long answers(String source) {
    return rows.stream()
        .filter(r -> source.equals(r.source()) && ALL.equals(r.tier()))
        .mapToLong(Row::answers)
        .sum();
  }

  /** The sections of the report: each source, then both together. */
  public List<String> sections() {
    List<String> sections = new ArrayList<>(SOURCES);
    sections.add(ALL);
    return sections;
  }

  public List<Row> rows(String source) {
    return rows.stream().filter(r -> source.equals(r.source())).toList();
  }

  public List<Extreme> strongest(String source) {
    return strongest.stream().filter(e -> source.equals(e.source())).toList();
  }

  public List<Extreme> weakest(String source) {
    return weakest.stream().filter(e -> source.equals(e.source())).toList();
  }

  /**
   * One source, tier and aspect in the half year.
   *
   * @param source {@code COMPLAINT}, {@code CAMPAIGN} or {@code all}
   * @param scores how many answers gave score 1 to 5 (index 0 to 4)
   * @param trend the share satisfied in each of {@link #halves()} (null: no answers)
   * @param trendAnswers the number of answers in each of {@link #halves()}
   */
  public record Row(
      String source,
      String tier,
      String aspect,
      long answers,
      List<Long> scores,
      BigDecimal satisfiedPercent,
      BigDecimal dissatisfiedPercent,
      List<BigDecimal> trend,
      List<Long> trendAnswers) {}

  /** The strongest or weakest aspects of a source and tier with their shares. */
  public record Extreme(
      String source,
      String tier,
      List<String> aspects,
      BigDecimal satisfiedPercent,
      BigDecimal dissatisfiedPercent) {}
}
