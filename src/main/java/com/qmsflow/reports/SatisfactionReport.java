package com.qmsflow.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The half-yearly satisfaction report (002 §4.5.2-§4.5.3): per tier (customer class) and aspect the
 * distribution of the scores, the shares satisfied (4-5) and dissatisfied (1-2), the trend of those
 * shares over this and the three half years before, and the strongest and weakest aspects. No
 * averages. The counts are the dashboard's satisfaction figure summed over the half year's months.
 *
 * @param rows one row per tier and aspect, then one per aspect over all tiers (tier {@code all})
 * @param halves the half years of the trend, oldest first, this one last
 * @param strongest per tier (and {@code all}) the aspects with the highest share satisfied
 * @param weakest per tier (and {@code all}) the aspects with the lowest share satisfied (ties: the
 *     higher share dissatisfied)
 */
public record SatisfactionReport(
    ReportPeriod period,
    Instant generatedAt,
    List<String> halves,
    List<Row> rows,
    List<Extreme> strongest,
    List<Extreme> weakest) {

  /** All tiers together. */
  public static final String ALL_TIERS = "all";

  public long answers() {
    return rows.stream().filter(r -> ALL_TIERS.equals(r.tier())).mapToLong(Row::answers).sum();
  }

  /**
   * One tier and aspect in the half year.
   *
   * @param scores how many answers gave score 1 to 5 (index 0 to 4)
   * @param trend the share satisfied in each of {@link #halves()} (null: no answers)
   * @param trendAnswers the number of answers in each of {@link #halves()}
   */
  public record Row(
      String tier,
      String aspect,
      long answers,
      List<Long> scores,
      BigDecimal satisfiedPercent,
      BigDecimal dissatisfiedPercent,
      List<BigDecimal> trend,
      List<Long> trendAnswers) {}

  /** The strongest or weakest aspects of a tier with their shares. */
  public record Extreme(
      String tier,
      List<String> aspects,
      BigDecimal satisfiedPercent,
      BigDecimal dissatisfiedPercent) {}
}
