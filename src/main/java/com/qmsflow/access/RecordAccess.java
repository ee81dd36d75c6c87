package com.qmsflow.access;

import com.qmsflow.identity.Groups;
import com.qmsflow.records.Parties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may read a complaint, an 8D report and a contract change (issue
 * 16.6), for the registers, the record pages and their PDFs, and the evidence files alike. It
 * decides from the project's tables only: who had a task in which process instance and its tree
 * ({@code process_party}, written with each recorded step of {@code process_step}: candidate
 * groups, candidate users, assignee, who completed it), so the answer does not change when
 * Camunda's history is cleaned up.
 *
 * <ul>
 *   <li>A complaint: customer service, sales, sales management, quality, quality management and the
 *       general manager ({@link #COMPLAINT_READERS}) read all; anybody else (engineering,
 *       production, material control, general affairs) only the complaints in which the user, or
 *       one of the user's groups, had a task, the 8D they called included.
 *   <li>An 8D report: quality and management ({@link #CORRECTIVE_ACTION_READERS}) read all; whoever
 *       had a task in it (the team); and everybody who may read the complaint that raised it.
 *   <li>A contract change is confidential [002 §4.2 C]: management ({@link #CHANGE_READERS}) and
 *       sales (the process grants sales every change) read all; anybody else the changes the user
 *       requested, whose requesting department the user belongs to, or in which the user had a
 *       task.
 *   <li>{@code camunda-admin} reads everything.
 * </ul>
 *
 * Each rule is written once, as a SQL condition on the row of its table ({@code complaint}, {@code
 * corrective_action}, {@code change_request}) under a given alias: the lists filter with it in one
 * pass, and the question about one record asks the same condition for that one row.
 */
@Service
public class RecordAccess {

  public static final String ADMIN_GROUP = Groups.CAMUNDA_ADMIN;

  public static final List<String> COMPLAINT_READERS =
      List.of(
          Groups.CUSTOMER_SERVICE,
          Groups.SALES,
          Groups.SALES_MANAGEMENT,
          Groups.QUALITY,
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER);

  public static final List<String> CORRECTIVE_ACTION_READERS =
      List.of(
          Groups.QUALITY,
          Groups.QUALITY_MANAGEMENT,
          Groups.SALES_MANAGEMENT,
          Groups.GENERAL_MANAGER);

  /** Management reads every process definition; sales is granted every change by the process. */
  public static final List<String> CHANGE_READERS =
      List.of(
          Groups.SALES_MANAGEMENT, Groups.QUALITY_MANAGEMENT, Groups.GENERAL_MANAGER, Groups.SALES);

  private final JdbcClient jdbc;

  public RecordAccess(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The complaints ({@code complaint} as {@code alias}) the reader may read; null when all. */
  public Condition complaints(Reader reader, String alias) {
    return reader.admin() || reader.inAny(COMPLAINT_READERS)
        ? null
        : involvedInTree(reader, alias + ".process_instance_id");
  }

  /** The 8D reports ({@code corrective_action} as {@code alias}) the reader may read; null: all. */
  public Condition correctiveActions(Reader reader, String alias) {
    if (reader.admin() || reader.inAny(CORRECTIVE_ACTION_READERS)) {
      return null;
    }
    Condition own = involvedIn(reader, alias + ".process_instance_id");
    if (reader.inAny(COMPLAINT_READERS)) {
      return Condition.of(alias + ".complaint_number is not null").or(own);
    }
    Condition tree = involvedInTree(reader, "ac.process_instance_id");
    List<Object> params = new ArrayList<>(tree.params());
    return own.or(
        new Condition(
            "exists (select 1 from complaint ac where ac.complaint_number = "
                + alias
                + ".complaint_number and "
                + tree.sql()
                + ")",
            params));
  }

  /**
   * The contract changes ({@code change_request} as {@code alias}) the reader may read; null: all.
   * The requesting department is the recorded value of the change process's variable {@code
   * requesterGroupVariable} (change/ChangeVariables).
   */
  public Condition changes(Reader reader, String alias, String requesterGroupVariable) {
    if (reader.admin() || reader.inAny(CHANGE_READERS)) {
      return null;
    }
    Condition requested = Condition.of(alias + ".requester = ?", reader.userId());
    if (!reader.groupIds().isEmpty()) {
      List<Object> params = new ArrayList<>();
      params.add(requesterGroupVariable);
      params.addAll(reader.groupIds());
      requested =
          requested.or(
              new Condition(
                  "exists (select 1 from record_value rg where rg.process_instance_id = "
                      + alias
                      + ".process_instance_id and rg.name = ? and rg.text_value in ("
                      + placeholders(reader.groupIds().size())
                      + "))",
                  params));
    }
    return requested.or(involvedIn(reader, alias + ".process_instance_id"));
  }

  /** May the reader read the complaint (its register row, record page, PDF, evidence)? */
  public boolean mayReadComplaint(Reader reader, String complaintNumber) {
    return readable("complaint", "c", "complaint_number", complaintNumber, complaints(reader, "c"));
  }

  /** May the reader read the 8D report (its register row, report page, PDF, evidence)? */
  public boolean mayReadCorrectiveAction(Reader reader, String eightDNumber) {
    return readable(
        "corrective_action", "a", "eight_d_number", eightDNumber, correctiveActions(reader, "a"));
  }

  /** May the reader read the contract change (its register row and record page)? */
  public boolean mayReadChange(Reader reader, String changeNumber, String requesterGroupVariable) {
    return readable(
        "change_request",
        "r",
        "change_number",
        changeNumber,
        changes(reader, "r", requesterGroupVariable));
  }

  /** May the reader work on an open step (its assignee, or a member of its candidate groups)? */
  public static boolean mayWorkOn(Reader reader, String assignee, String candidateGroups) {
    if (reader.admin() || reader.userId().equals(assignee)) {
      return true;
    }
    return assignee == null
        && candidateGroups != null
        && reader.inAny(
            Arrays.stream(candidateGroups.split(","))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .toList());
  }

  private boolean readable(
      String table, String alias, String numberColumn, String number, Condition condition) {
    StringBuilder sql =
        new StringBuilder("select count(*) from ")
            .append(table)
            .append(' ')
            .append(alias)
            .append(" where ")
            .append(alias)
            .append('.')
            .append(numberColumn)
            .append(" = ?");
    List<Object> params = new ArrayList<>();
    params.add(number);
    if (condition != null) {
      sql.append(" and ").append(condition.sql());
      params.addAll(condition.params());
    }
    return jdbc.sql(sql.toString()).params(params).query(Long.class).single() > 0;
  }

  /** Had the reader a task in the instance tree whose root is {@code rootColumn}? */
  static Condition involvedInTree(Reader reader, String rootColumn) {
    // one pass over the reader's parties towards the rows (not a look-up per row)
    return parties(reader, rootColumn, "p.root_process_instance_id");
  }

  /** Had the reader a task in the instance {@code instanceColumn}? */
  static Condition involvedIn(Reader reader, String instanceColumn) {
    return parties(reader, instanceColumn, "p.process_instance_id");
  }

  private static Condition parties(Reader reader, String column, String partyColumn) {
    Set<String> parties = Parties.of(reader.userId(), reader.groupIds());
    return new Condition(
        "("
            + column
            + " in (select "
            + partyColumn
            + " from process_party p where p.party in ("
            + placeholders(parties.size())
            + ")))",
        List.copyOf(parties));
  }

  /** {@code ?, ?, …} for n parameters (one at least). */
  public static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(Math.max(n, 1), "?"));
  }
}
