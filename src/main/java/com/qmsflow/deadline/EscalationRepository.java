package com.qmsflow.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class EscalationRepository {

  public record Escalation(
      String businessKey,
      String taskId,
      String taskDefinitionKey,
      String taskName,
      int level,
      String escalatedToGroup,
      Instant dueDate,
      Instant escalatedAt) {}

  private final JdbcClient jdbc;

  public EscalationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the escalation unless the same task was already escalated at that level; true if
   * recorded now.
   */
  public boolean recordOnce(String processInstanceId, Escalation e) {
    return jdbc.sql(
                """
                insert into escalation (business_key, process_instance_id, task_id, task_definition_key, task_name,
                                        escalation_level, escalated_to_group, due_date, escalated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from escalation where task_id = ? and escalation_level = ?)\
                """)
            .params(
                e.businessKey(),
                processInstanceId,
                e.taskId(),
                e.taskDefinitionKey(),
                e.taskName(),
                e.level(),
                e.escalatedToGroup(),
                ts(e.dueDate()),
                ts(e.escalatedAt()),
                e.taskId(),
                e.level())
            .update()
        == 1;
  }

  public List<Escalation> findByBusinessKey(String businessKey) {
    return jdbc.sql(
            """
            select business_key, task_id, task_definition_key, task_name, escalation_level, escalated_to_group,
                   due_date, escalated_at
            from escalation where business_key = ? order by escalated_at, escalation_level\
            """)
        .param(businessKey)
        .query(
            (rs, i) ->
                new Escalation(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getString(6),
                    instant(rs.getObject(7, OffsetDateTime.class)),
                    instant(rs.getObject(8, OffsetDateTime.class))))
        .list();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
