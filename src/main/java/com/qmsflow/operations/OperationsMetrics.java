package com.qmsflow.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Business gauges for Prometheus ({@code /actuator/prometheus}), read from the database every
 * {@code qms.metrics.refresh} (default 30 s) with a few grouped SQL counts, so a scrape never
 * queries the database and every node of a cluster reports the same figures:
 *
 * <ul>
 *   <li>{@code qms_complaints_open{severity,tier}}: complaints not closed; severity from the
 *       running instance ({@code unclassified} before the severity decision)
 *   <li>{@code qms_tasks_overdue{group}}: open tasks past their due date, per candidate group
 *   <li>{@code qms_escalations_today{level}}: escalations recorded since midnight (calendar zone)
 *   <li>{@code qms_incidents_open{process,type}}: open incidents, which Cockpit lists
 * </ul>
 */
@Component
public class OperationsMetrics {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final MultiGauge openComplaints;
  private final MultiGauge overdueTasks;
  private final MultiGauge escalationsToday;
  private final MultiGauge incidents;

  public OperationsMetrics(
      JdbcClient jdbc,
      Clock clock,
      MeterRegistry registry,
      @Value("${qms.calendar.zone}") String zone) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
    this.openComplaints =
        MultiGauge.builder("qms.complaints.open")
            .description("Complaints not closed, by severity and customer tier")
            .register(registry);
    this.overdueTasks =
        MultiGauge.builder("qms.tasks.overdue")
            .description("Open tasks past their due date, by candidate group")
            .register(registry);
    this.escalationsToday =
        MultiGauge.builder("qms.escalations.today")
            .description("Escalations recorded since midnight, by level")
            .register(registry);
    this.incidents =
        MultiGauge.builder("qms.incidents.open")
            .description("Open incidents by process and type")
            .register(registry);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    refresh();
  }

  /** Re-reads every figure. */
  @Scheduled(
      fixedDelayString = "${qms.metrics.refresh:PT30S}",
      initialDelayString = "${qms.metrics.refresh:PT30S}")
  public void refresh() {
    openComplaints.register(
        rows(
            """
            select coalesce(v.text_, 'unclassified') as a, coalesce(c.tier, 'unknown') as b, count(*) as n
            from complaint c
            left join act_ru_variable v
              on v.proc_inst_id_ = c.process_instance_id and v.execution_id_ = c.process_instance_id and v.name_ = 'severity'
            where c.closed_at is null
            group by coalesce(v.text_, 'unclassified'), coalesce(c.tier, 'unknown')\
            """,
            "severity",
            "tier",
            null),
        true);
    overdueTasks.register(
        rows(
            """
            select l.group_id_ as a, count(distinct t.id_) as n
            from act_ru_task t
            join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ is not null
            where t.due_date_ < :now
            group by l.group_id_\
            """,
            "group",
            null,
            Timestamp.from(clock.instant())),
        true);
    Timestamp midnight =
        Timestamp.from(LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant());
    escalationsToday.register(
        rows(
            """
            select cast(escalation_level as varchar(10)) as a, count(*) as n
            from escalation where escalated_at >= :now
            group by escalation_level\
            """,
            "level",
            null,
            midnight),
        true);
    incidents.register(
        rows(
            """
            select d.key_ as a, i.incident_type_ as b, count(*) as n
            from act_ru_incident i join act_re_procdef d on d.id_ = i.proc_def_id_
            group by d.key_, i.incident_type_\
            """,
            "process",
            "type",
            null),
        true);
  }

  private List<MultiGauge.Row<?>> rows(String sql, String tagA, String tagB, Timestamp now) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    if (now != null) {
      statement = statement.param("now", now);
    }
    List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
    statement.query(
        rs -> {
          Tags tags = Tags.of(tagA, rs.getString("a"));
          if (tagB != null) {
            tags = tags.and(tagB, rs.getString("b"));
          }
          rows.add(MultiGauge.Row.of(tags, rs.getLong("n")));
        });
    return rows;
  }
}
