package com.qmsflow.register;

import com.qmsflow.evidence.EvidenceAccess;
import com.qmsflow.evidence.EvidenceAccess.Caller;
import com.qmsflow.identity.Groups;
import com.qmsflow.identity.PermissionModel;
import com.qmsflow.web.ForbiddenException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who sees which rows of the registers (issue 16.6), decided from the project's tables only (the
 * recorded steps of {@code process_step} with their candidate groups, assignee and completer), so
 * it does not change when Camunda's history is cleaned up. The groups are those of {@link
 * EvidenceAccess} and the permission model:
 *
 * <ul>
 *   <li>Complaints: the groups that handle complaints ({@link EvidenceAccess#COMPLAINT_GROUPS}:
 *       customer service, sales, quality and management) and administrators read all; everybody
 *       else only complaints in which they (or one of their groups) had a task, the 8D it called
 *       included.
 *   <li>8D reports: quality, management and administrators read all; the complaint readers read
 *       those raised by a complaint; everybody else those in which they had a task, or whose
 *       complaint they may read.
 *   <li>Contract changes are confidential [002 §4.2 C]: management and administrators read all,
 *       sales every change (the process grants it on each), everybody else the changes they
 *       requested, whose requesting department they belong to, or in which they had a task.
 * </ul>
 *
 * A user in none of the business groups (a process owner) may not use the registers: 403.
 */
@Component
public class RegisterAccess {

  static final List<String> ALL_COMPLAINTS =
      Stream.concat(EvidenceAccess.COMPLAINT_GROUPS.stream(), Stream.of(Groups.CAMUNDA_ADMIN))
          .toList();

  static final List<String> ALL_CORRECTIVE_ACTIONS =
      Stream.concat(
              Stream.concat(
                  EvidenceAccess.CORRECTIVE_ACTION_GROUPS.stream(),
                  PermissionModel.MANAGEMENT.stream()),
              Stream.of(Groups.CAMUNDA_ADMIN))
          .distinct()
          .toList();

  static final List<String> ALL_CHANGES =
      Stream.concat(PermissionModel.MANAGEMENT.stream(), Stream.of(Groups.CAMUNDA_ADMIN)).toList();

  /** The groups whose members may use the registers at all (rows as above). */
  static final List<String> REGISTER_USERS =
      Stream.of(PermissionModel.STAFF, PermissionModel.MANAGEMENT, List.of(Groups.CAMUNDA_ADMIN))
          .flatMap(List::stream)
          .toList();

  private final EvidenceAccess evidenceAccess;
  private final JdbcClient jdbc;

  public RegisterAccess(EvidenceAccess evidenceAccess, JdbcClient jdbc) {
    this.evidenceAccess = evidenceAccess;
    this.jdbc = jdbc;
  }

  /** The calling user, refused with 403 without one or outside the business groups. */
  public Caller caller() {
    Caller caller =
        evidenceAccess
            .caller()
            .orElseThrow(() -> new ForbiddenException("register.forbidden", "-", REGISTER_USERS));
    if (!caller.inAny(REGISTER_USERS)) {
      throw new ForbiddenException(
          "register.forbidden", caller.userId(), String.join(", ", REGISTER_USERS));
    }
    return caller;
  }

  /** The rows of {@code complaint c} the caller may read; null when all. */
  Sql complaintRows(Caller caller) {
    return caller.inAny(ALL_COMPLAINTS) ? null : involvedInTree(caller, "c.process_instance_id");
  }

  /** The rows of {@code corrective_action a} the caller may read; null when all. */
  Sql correctiveActionRows(Caller caller) {
    if (caller.inAny(ALL_CORRECTIVE_ACTIONS)) {
      return null;
    }
    if (caller.inAny(ALL_COMPLAINTS)) {
      return Sql.of("a.complaint_number is not null")
          .or(involvedIn(caller, "a.process_instance_id"));
    }
    return involvedIn(caller, "a.process_instance_id")
        .or(
            Sql.of(
                    "exists (select 1 from complaint ac where ac.complaint_number ="
                        + " a.complaint_number and ")
                .append(involvedInTree(caller, "ac.process_instance_id"))
                .append(Sql.of(")")));
  }

  /** The rows of {@code change_request r} the caller may read; null when all. */
  Sql changeRows(Caller caller, String requesterGroupName) {
    if (caller.inAny(ALL_CHANGES) || caller.groupIds().contains(Groups.SALES)) {
      return null;
    }
    Sql requesterGroup =
        Sql.of(
            "exists (select 1 from record_value rg where rg.process_instance_id ="
                + " r.process_instance_id and rg.name = ? and rg.text_value in ("
                + placeholders(caller.groupIds().size())
                + "))",
            requesterGroupName);
    requesterGroup.params.addAll(caller.groupIds());
    return Sql.of("r.requester = ?", caller.userId())
        .or(caller.groupIds().isEmpty() ? Sql.of("1 = 0") : requesterGroup)
        .or(involvedIn(caller, "r.process_instance_id"));
  }

  /**
   * May the caller read this complaint (its row, record page or PDF)? The same rule as the
   * register's rows, for one complaint.
   */
  public boolean mayReadComplaint(Caller caller, String complaintNumber) {
    Sql rows = complaintRows(caller);
    Sql query =
        Sql.of("select count(*) from complaint c where c.complaint_number = ?", complaintNumber);
    if (rows != null) {
      query = query.append(Sql.of(" and ")).append(rows);
    }
    return jdbc.sql(query.text()).params(query.params).query(Long.class).single() > 0;
  }

  /** Had the caller a task in the instance tree whose root is {@code rootColumn}? */
  static Sql involvedInTree(Caller caller, String rootColumn) {
    // one pass over the caller's steps towards the rows (not a look-up per row)
    return Sql.of(
            rootColumn
                + " in (select ir.root_process_instance_id from process_step s join process_record"
                + " ir on ir.process_instance_id = s.process_instance_id where ")
        .append(taskOf(caller))
        .append(Sql.of(")"));
  }

  /** Had the caller a task in the instance {@code instanceColumn}? */
  static Sql involvedIn(Caller caller, String instanceColumn) {
    return Sql.of(instanceColumn + " in (select s.process_instance_id from process_step s where ")
        .append(taskOf(caller))
        .append(Sql.of(")"));
  }

  private static Sql taskOf(Caller caller) {
    Sql who = Sql.of("s.assignee = ? or s.completed_by = ?", caller.userId(), caller.userId());
    for (String group : caller.groupIds()) {
      who =
          who.or(
              Sql.of(
                  "(',' || s.candidate_groups || ',') like ? escape '\\'",
                  "%,"
                      + group.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                      + ",%"));
    }
    return who;
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(Math.max(n, 1), "?"));
  }
}
