package com.qmsflow.complaint;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may read a complaint's record, an 8D report and a contract change: the rules of complaint
 * data, decided from the project's records alone (the steps in {@code process_step}), so that they
 * hold after Camunda's history cleanup as well.
 *
 * <ul>
 *   <li>A complaint: customer service, sales, sales management, quality, quality management and the
 *       general manager ({@link #COMPLAINT_READERS}); anybody else (engineering, production,
 *       material control, general affairs) only if the user, or one of the user's groups, had a
 *       task in the complaint or in an 8D it called.
 *   <li>An 8D report: quality and management ({@link #CORRECTIVE_ACTION_READERS}); whoever had a
 *       task in it (the team); and everybody who may read the complaint that raised it.
 *   <li>A contract change is confidential: management ({@link #CHANGE_READERS}), its requester and
 *       the groups that had a task in it.
 *   <li>{@code camunda-admin} reads everything.
 * </ul>
 */
@Service
public class ComplaintRecordAccess {

  public static final String ADMIN_GROUP = "camunda-admin";

  public static final List<String> COMPLAINT_READERS =
      List.of(
          "customer-service",
          "sales",
          "sales-management",
          "quality",
          "quality-management",
          "general-manager");

  public static final List<String> CORRECTIVE_ACTION_READERS =
      List.of("quality", "quality-management", "sales-management", "general-manager");

  /** Management reads every process definition (identity/PermissionModel.MANAGEMENT). */
  public static final List<String> CHANGE_READERS =
      List.of("sales-management", "quality-management", "general-manager");

  /** A signed-in user and the user's groups. */
  public record Reader(String userId, Set<String> groupIds) {

    public boolean admin() {
      return groupIds.contains(ADMIN_GROUP);
    }

    public boolean inAny(Collection<String> groups) {
      return groups.stream().anyMatch(groupIds::contains);
    }
  }

  private final JdbcClient jdbc;

  public ComplaintRecordAccess(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** May the reader read the complaint whose process instance is given (null: not started)? */
  public boolean maySeeComplaint(Reader reader, String processInstanceId) {
    return reader.admin()
        || reader.inAny(COMPLAINT_READERS)
        || (processInstanceId != null && hadTaskInTree(reader, processInstanceId));
  }

  /**
   * May the reader read the 8D report (its process instance) raised by the complaint with the given
   * process instance (null when QA raised it without a complaint)?
   */
  public boolean maySeeCorrectiveAction(
      Reader reader, String processInstanceId, String complaintProcessInstanceId) {
    return reader.admin()
        || reader.inAny(CORRECTIVE_ACTION_READERS)
        || (processInstanceId != null && hadTask(reader, processInstanceId))
        || (complaintProcessInstanceId != null
            && maySeeComplaint(reader, complaintProcessInstanceId));
  }

  /** May the reader read the contract change (its requester and process instance)? */
  public boolean maySeeChange(Reader reader, String requester, String processInstanceId) {
    return reader.admin()
        || reader.inAny(CHANGE_READERS)
        || reader.userId().equals(requester)
        || (processInstanceId != null && hadTask(reader, processInstanceId));
  }

  /** May the reader work on an open step (its assignee, or a member of its candidate groups)? */
  public static boolean mayWorkOn(Reader reader, String assignee, String candidateGroups) {
    if (reader.admin() || reader.userId().equals(assignee)) {
      return true;
    }
    return assignee == null && candidateGroups != null && reader.inAny(split(candidateGroups));
  }

  /** A task in the instance or in any instance of its tree (a complaint's called 8D). */
  private boolean hadTaskInTree(Reader reader, String processInstanceId) {
    return steps(
            """
            select s.assignee, s.completed_by, s.candidate_groups from process_step s
            join process_record r on r.process_instance_id = s.process_instance_id
            where r.root_process_instance_id =
                  (select root_process_instance_id from process_record where process_instance_id = ?)\
            """,
            processInstanceId)
        .stream()
        .anyMatch(step -> step.involves(reader));
  }

  private boolean hadTask(Reader reader, String processInstanceId) {
    return steps(
            "select assignee, completed_by, candidate_groups from process_step"
                + " where process_instance_id = ?",
            processInstanceId)
        .stream()
        .anyMatch(step -> step.involves(reader));
  }

  private record Involved(String assignee, String completedBy, String candidateGroups) {
    boolean involves(Reader reader) {
      return reader.userId().equals(assignee)
          || reader.userId().equals(completedBy)
          || (candidateGroups != null && reader.inAny(split(candidateGroups)));
    }
  }

  private List<Involved> steps(String sql, String processInstanceId) {
    return jdbc.sql(sql)
        .param(processInstanceId)
        .query((rs, i) -> new Involved(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private static List<String> split(String groups) {
    return Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
  }
}
