package com.qmsflow.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The monthly quality report (001 part 7 §5.3(6), §5.5, §六(3)): every figure is a figure of the
 * dashboard for the same month ({@code dashboard/DashboardQueries}), the on-time rates summed over
 * the tiers.
 *
 * @param intake the dashboard's intake and closure rows: the month and the eleven before
 * @param onTime completed tasks with a deadline per deadline and department, summed over tiers
 * @param onTimeTotal all of them together
 * @param pareto the dashboard's defect Pareto of the month
 * @param causes the complaints of the month with their causes and countermeasures
 * @param openTasks the dashboard's open and overdue tasks per group at {@code generatedAt}
 * @param escalations the dashboard's escalations of the month per level and group
 * @param eightDs the 8D reports of the month with their state
 * @param eightDStates how many 8D reports are in each state at the month's end
 */
public record QualityReport(
    ReportPeriod period,
    Instant generatedAt,
    List<Map<String, Object>> intake,
    List<OnTime> onTime,
    OnTime onTimeTotal,
    List<Map<String, Object>> pareto,
    List<Map<String, Object>> causes,
    List<Map<String, Object>> openTasks,
    List<Map<String, Object>> escalations,
    List<Map<String, Object>> eightDs,
    Map<String, Long> eightDStates) {

  /** The month's row of the intake figure. */
  public Map<String, Object> intakeOfMonth() {
    return intake.get(intake.size() - 1);
  }

  /** Tasks with a due date completed in the month, of one deadline and department. */
  public record OnTime(
      String process,
      String deadline,
      String step,
      String department,
      long completed,
      long onTime,
      long late,
      BigDecimal onTimePercent) {}
}
