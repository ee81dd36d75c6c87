package com.qmsflow.overdue;

import com.qmsflow.identity.Groups;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every open task of complaints, 8D reports and contract changes that is past its due date or was
 * escalated, in all groups (Tasklist's "Overdue" filter shows only the user's own groups). Read
 * from the project's tables ({@code process_step}, {@code process_record}, {@code escalation}, the
 * registers) joined with the engine's runtime task table for the current assignee and due date:
 * open tasks live in the runtime, which history cleanup never touches, and closed ones are not
 * listed.
 *
 * <p>For the groups that read every complaint, 8D report and change (sales management, quality
 * management, the general manager) and administrators, so the list shows nothing a reader may not
 * read otherwise.
 */
@Service
public class OverdueWork {

  /** Who may read the overview. */
  public static final List<String> READERS =
      List.of(
          Groups.SALES_MANAGEMENT,
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER,
          org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);

  static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";

  /**
   * One overdue or escalated task.
   *
   * @param kind {@code complaint}, {@code corrective-action}, {@code change} or {@code other}
   * @param overdueBy how long past its due date (zero when escalated but not yet due)
   * @param escalationLevel the highest escalation level reached, 0 for none
   * @param escalatedTo the group of that level, null for none
   */
  public record Item(
      String kind,
      String number,
      String customer,
      String tier,
      String taskId,
      String taskName,
      String candidateGroups,
      String assignee,
      Instant due,
      Duration overdueBy,
      int escalationLevel,
      String escalatedTo,
      String recordUrl,
      String taskUrl) {}

  private record Row(
      String taskId,
      String taskName,
      String candidateGroups,
      String assignee,
      Timestamp dueAt,
      String processKey,
      String businessKey,
      String complaintNumber,
      String eightDNumber,
      String changeNumber,
      String customerCode,
      String customerName,
      String tier,
      Integer escalationLevel,
      String escalatedTo) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public OverdueWork(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static boolean mayRead(Collection<String> groups) {
    return READERS.stream().anyMatch(groups::contains);
  }

  /** The overdue and escalated open tasks: highest escalation first, then longest overdue. */
  public List<Item> items() {
    Instant now = clock.instant();
    return jdbc
        .sql(
            """
            select s.task_id, s.task_name, s.candidate_groups, t.assignee_ as assignee,
                   coalesce(t.due_date_, s.due_at) as due_at, p.process_key, p.business_key,
                   c.complaint_number, a.eight_d_number, r.change_number,
                   cu.code as customer_code, cu.name as customer_name, coalesce(r.tier, c.tier) as tier,
                   (select max(e.escalation_level) from escalation e where e.task_id = s.task_id) as escalation_level,
                   (select e.escalated_to_group from escalation e where e.task_id = s.task_id
                     order by e.escalation_level desc fetch first 1 rows only) as escalated_to
            from process_step s
            join act_ru_task t on t.id_ = s.task_id
            join process_record p on p.process_instance_id = s.process_instance_id
            left join complaint c on c.process_instance_id = p.root_process_instance_id
            left join corrective_action a on a.process_instance_id = p.process_instance_id
            left join change_request r on r.process_instance_id = p.process_instance_id
            left join customer cu on cu.code = coalesce(r.customer_code, c.customer_code)
            where s.ended_at is null
              and (coalesce(t.due_date_, s.due_at) < ?
                   or exists (select 1 from escalation e where e.task_id = s.task_id))\
            """)
        .param(Timestamp.from(now))
        .query(Row.class)
        .list()
        .stream()
        .map(row -> item(row, now))
        .sorted(
            java.util.Comparator.comparing(Item::escalationLevel)
                .reversed()
                .thenComparing(Item::overdueBy, java.util.Comparator.reverseOrder())
                .thenComparing(Item::number, java.util.Comparator.nullsLast(String::compareTo)))
        .toList();
  }

  private static Item item(Row row, Instant now) {
    String kind;
    String number;
    String record;
    if (row.eightDNumber() != null) {
      kind = "corrective-action";
      number = row.eightDNumber();
      record = "/corrective-actions/" + number;
    } else if (row.changeNumber() != null) {
      kind = "change";
      number = row.changeNumber();
      record = "/changes/" + number;
    } else if ("complaint-handling".equals(row.processKey()) && row.complaintNumber() != null) {
      kind = "complaint";
      number = row.complaintNumber();
      record = "/complaints/" + number;
    } else {
      kind = "other";
      number = row.businessKey();
      record = null;
    }
    Instant due = row.dueAt() == null ? null : row.dueAt().toInstant();
    Duration overdueBy =
        due == null || !due.isBefore(now) ? Duration.ZERO : Duration.between(due, now);
    String customer =
        row.customerCode() == null ? null : row.customerName() + " (" + row.customerCode() + ")";
    return new Item(
        kind,
        number,
        customer,
        row.tier(),
        row.taskId(),
        row.taskName(),
        row.candidateGroups(),
        row.assignee(),
        due,
        overdueBy,
        row.escalationLevel() == null ? 0 : row.escalationLevel(),
        row.escalatedTo(),
        record,
        TASKLIST + row.taskId());
  }
}
