package com.qmsflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The complaint's finding columns (V29, {@link ComplaintFindings}) as a test sees them, and the
 * check that they hold what the record says: the latest recorded value of each variable, computed
 * here in Java from {@code record_value}, independently of the statement that fills them.
 */
public final class FindingColumns {

  private FindingColumns() {}

  /** The finding columns of the complaint, by column name. */
  public static Map<String, Object> of(JdbcClient jdbc, String number) {
    Map<String, Object> row =
        jdbc.sql(
                "select severity, responsibility, responsible_department, cause_origin,"
                    + " cause_analysis, root_cause, correction_actions, permanent_actions,"
                    + " eight_d_number, compensation_decision, compensation_amount,"
                    + " approved_compensation_amount, reply_sent_date from complaint where"
                    + " complaint_number = ?")
            .param(number)
            .query()
            .singleRow();
    Map<String, Object> columns = new LinkedHashMap<>();
    row.forEach((name, value) -> columns.put(name.toLowerCase(java.util.Locale.ROOT), value));
    return columns;
  }

  /** Checks the columns hold the latest recorded values; the columns. */
  public static Map<String, Object> assertRecorded(JdbcClient jdbc, String number) {
    String instance =
        jdbc.sql("select process_instance_id from complaint where complaint_number = ?")
            .param(number)
            .query(String.class)
            .single();
    Map<String, String> latest = new HashMap<>();
    jdbc.sql("select name, text_value from record_value where process_instance_id = ? order by id")
        .param(instance)
        .query(
            rs -> {
              latest.put(rs.getString(1), rs.getString(2));
            });
    Map<String, Object> expected = new LinkedHashMap<>();
    String department = latest.get("responsibleDepartment");
    expected.put("responsibility", coded(latest.get("responsibility")));
    expected.put(
        "responsible_department",
        coded(
            department == null || department.isEmpty()
                ? latest.get("environmentalResponsibleDepartment")
                : department));
    expected.put("cause_origin", coded(latest.get("causeOrigin")));
    expected.put("cause_analysis", latest.get("causeAnalysis"));
    expected.put("root_cause", latest.get("rootCause"));
    expected.put("correction_actions", latest.get("correctionActions"));
    expected.put("permanent_actions", latest.get("permanentActions"));
    expected.put("eight_d_number", coded(latest.get("eightDNumber")));
    expected.put("compensation_decision", coded(latest.get("compensationDecision")));
    expected.put("compensation_amount", coded(latest.get("compensationAmount")));
    expected.put("approved_compensation_amount", coded(latest.get("approvedCompensationAmount")));
    expected.put("reply_sent_date", coded(latest.get("replySentDate")));
    Map<String, Object> columns = of(jdbc, number);
    if (latest.get("severity") != null) {
      expected.put("severity", latest.get("severity"));
    } else {
      expected.put("severity", columns.get("severity"));
    }
    assertThat(columns).as("finding columns of %s", number).isEqualTo(expected);
    return columns;
  }

  private static String coded(String text) {
    return text == null || text.length() <= ComplaintFindings.CODED
        ? text
        : text.substring(0, ComplaintFindings.CODED);
  }
}
