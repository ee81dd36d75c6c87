package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.dashboard.DashboardFilters;
import com.qmsflow.dashboard.DashboardQueries;
import com.qmsflow.dashboard.Figure;
import com.qmsflow.records.OnTimeCounts;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every dashboard query once on a real PostgreSQL (the SQL must mean the same on H2 and
 * PostgreSQL), first over a small known history, then over a bulk history of 50 000 task instances:
 * the query times and PostgreSQL's plan of the on-time query are printed (no timing is asserted;
 * the machine is shared).
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "qms.demo.users=true",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardQueriesOnPostgresIT {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final YearMonth MARCH = YearMonth.of(2026, 3);

  @Autowired private ProcessEngine engine;
  @Autowired private DashboardQueries queries;
  @Autowired private com.qmsflow.overdue.OverdueWork overdueWork;
  @Autowired private JdbcClient jdbc;
  @Autowired private JdbcTemplate jdbcTemplate;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void clock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private static ZonedDateTime at(int month, int day, int hour) {
    return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI);
  }

  private List<Function<DashboardFilters, Figure>> allFigures() {
    return List.of(
        queries::onTimeRates,
        queries::defectPareto,
        queries::openTasks,
        queries::intakeAndClosure,
        queries::satisfaction,
        queries::eightDCycleTimes,
        queries::escalations,
        queries::causesAndCountermeasures,
        queries::eightDStatus);
  }

  @Test
  void everyFigureRunsOnPostgresAndAgreesWithH2OnAKnownHistory() {
    assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    // one complaint confirmed on time on 2 March, one confirmed late on 3 March; a survey and an
    // escalation
    clock(at(3, 2, 9));
    ComplaintScenario onTime =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C001", "PG-D-1", "BREAKAGE"));
    clock(at(3, 2, 11));
    onTime.complete("userTaskConfirmWithCustomer");
    clock(at(3, 3, 9));
    ComplaintScenario late =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C013", "PG-D-2", "PACKAGING"));
    clock(at(3, 3, 15));
    late.complete("userTaskConfirmWithCustomer");
    String number = (String) late.variable("complaintNumber");
    jdbc.sql(
            "insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score,"
                + " surveyed_at) values (?, 'C013', 'C', 'quality', 4, ?)")
        .params(number, Timestamp.from(at(3, 20, 10).toInstant()))
        .update();
    jdbc.sql(
            "insert into escalation (business_key, process_instance_id, task_id,"
                + " task_definition_key, escalation_level, escalated_to_group, escalated_at) values"
                + " (?, 'pi', 't1', 'userTaskConfirmWithCustomer', 1, 'sales-management', ?)")
        .params(number, Timestamp.from(at(3, 3, 13).toInstant()))
        .update();
    clock(at(3, 31, 12));

    DashboardFilters all = DashboardFilters.all(MARCH);
    for (Function<DashboardFilters, Figure> figure : allFigures()) {
      for (DashboardFilters filters :
          List.of(
              all, new DashboardFilters(MARCH, "A", "quality", "customer-service", "CAMPAIGN"))) {
        Figure result = figure.apply(filters);
        assertThat(result.rows())
            .as(result.figure())
            .allSatisfy(row -> assertThat(row.keySet()).containsAll(result.columns()));
      }
    }
    assertThat(values(queries.onTimeRates(all)))
        .containsExactly(
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|A|1|1|0|100.0",
            "2026-03|complaint-handling|userTaskConfirmWithCustomer|Confirm complaint"
                + " (与客户确认投诉)|customer-service|C|1|0|1|0.0");
    assertThat(values(queries.defectPareto(all)))
        .containsExactly(
            "BREAKAGE|Breakage, cracks or chipped product|1|50.0|50.0",
            "PACKAGING|Packaging damaged, wrong or insufficient|1|50.0|100.0");
    assertThat(values(queries.intakeAndClosure(all))).last().isEqualTo("2026-03|2|0|2");
    assertThat(values(queries.openTasks(all))).containsExactly("sales|2|2|0|0|0|2|29.0|27.0");
    assertThat(values(queries.satisfaction(all)))
        .containsExactly("2026-03|COMPLAINT|C|quality|1|0|0|0|1|0|100.0|0.0");
    assertThat(values(queries.satisfaction(all.withSource("CAMPAIGN")))).isEmpty();
    assertThat(values(queries.escalations(all))).containsExactly("2026-03|1|sales-management|1");
    assertThat(values(queries.eightDCycleTimes(all))).isEmpty();
    // "Overdue work" (issue 18.6) runs on PostgreSQL: both complaints, open at the sales steps
    assertThat(overdueWork.items())
        .allSatisfy(item -> assertThat(item.kind()).isEqualTo("complaint"))
        .allSatisfy(item -> assertThat(item.number()).startsWith("CC-2026-"));

    bulkHistoryTimings();
  }

  private static List<String> values(Figure figure) {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row : figure.rows()) {
      rows.add(
          String.join(
              "|", figure.columns().stream().map(c -> String.valueOf(row.get(c))).toList()));
    }
    return rows;
  }

  /**
   * 50 000 completed task instances with their candidate groups and recorded steps, 10 000
   * complaints, then each figure timed.
   */
  private void bulkHistoryTimings() {
    String[] keys = {
      "userTaskConfirmWithCustomer",
      "userTaskAnalyseValidityAndCause",
      "userTaskReplyInWriting",
      "userTaskD0EmergencyResponse",
      "userTaskD4RootCause"
    };
    String[] groups = {"customer-service", "quality", "sales", "quality", "quality"};
    String[] tiers = {"A", "B", "C"};
    String[] defects = {
      "BREAKAGE", "PACKAGING", "APPEARANCE", "LATE-DELIVERY", "LABEL", "FUNCTION"
    };
    ZonedDateTime start = ZonedDateTime.of(2024, 4, 1, 8, 0, 0, 0, SHANGHAI);
    List<Object[]> complaints = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ZonedDateTime received = start.plusMinutes(i * 103L);
      complaints.add(
          new Object[] {
            String.format("CC-BULK-%06d", i),
            "bulk-pi-" + i,
            "C00" + (1 + i % 8),
            tiers[i % 3],
            i % 5 == 0 ? "delivery" : "quality",
            "B-" + i,
            defects[i % defects.length],
            Timestamp.from(received.toInstant()),
            i % 4 == 0 ? null : Timestamp.from(received.plusDays(9).toInstant())
          });
    }
    jdbcTemplate.batchUpdate(
        "insert into complaint (complaint_number, process_instance_id, customer_code, tier,"
            + " category, channel, product_name, batch_number, defect_code, description,"
            + " received_at, closed_at) values (?, ?, ?, ?, ?, 'email', 'Module', ?, ?, 'bulk', ?,"
            + " ?)",
        complaints);
    List<Object[]> tasks = new ArrayList<>();
    List<Object[]> links = new ArrayList<>();
    List<Object[]> steps = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      int k = i % keys.length;
      ZonedDateTime started = start.plusMinutes(i * 21L);
      Timestamp due = Timestamp.from(started.plusHours(4).toInstant());
      Timestamp end = Timestamp.from(started.plusHours(i % 7 == 0 ? 6 : 2).toInstant());
      String id = "bulk-task-" + i;
      tasks.add(
          new Object[] {
            id,
            keys[k],
            k < 3 ? "complaint-handling" : "corrective-action",
            "bulk-pi-" + (i / 5),
            "bulk-pi-" + (i / 5),
            keys[k],
            Timestamp.from(started.toInstant()),
            end,
            i % 7 == 0 ? 6 * 3_600_000L : 2 * 3_600_000L,
            due
          });
      links.add(
          new Object[] {"bulk-link-" + i, Timestamp.from(started.toInstant()), groups[k], id});
      steps.add(
          new Object[] {
            id,
            "bulk-pi-" + (i / 5),
            keys[k],
            keys[k],
            groups[k],
            groups[k],
            Timestamp.from(started.toInstant()),
            due,
            end,
            i % 7 != 0
          });
    }
    jdbcTemplate.batchUpdate(
        "insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, root_proc_inst_id_, "
            + "proc_inst_id_, name_, start_time_, end_time_, duration_, due_date_, delete_reason_) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed')",
        tasks);
    jdbcTemplate.batchUpdate(
        "insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_,"
            + " operation_type_) values (?, ?, 'candidate', ?, ?, 'add')",
        links);
    // the steps as the records write them (the on-time figure reads each step's department)
    jdbcTemplate.batchUpdate(
        "insert into process_step (task_id, process_instance_id, task_definition_key, task_name,"
            + " candidate_groups, department, created_at, due_at, ended_at, outcome, on_time)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?)",
        steps);
    // their processes as the records write them (a bulk instance holds complaint and 8D tasks;
    // the records know one process per instance), and the on-time summary as V33 counts it after
    // an upgrade (the on-time figure reads it, issue 21)
    List<Object[]> processes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      processes.add(
          new Object[] {
            "bulk-pi-" + i, "bulk-pi-" + i, Timestamp.from(start.plusMinutes(i * 105L).toInstant())
          });
    }
    jdbcTemplate.batchUpdate(
        "insert into process_record (process_instance_id, process_key, process_definition_id,"
            + " root_process_instance_id, started_at) values (?, 'complaint-handling', 'bulk', ?,"
            + " ?)",
        processes);
    jdbcTemplate.execute("analyze");
    long counting = System.nanoTime();
    long counted =
        jdbcTemplate.execute(
            (java.sql.Connection connection) -> OnTimeCounts.rebuild(connection, SHANGHAI));
    System.out.printf(
        "on-time summary counted from 50 000 recorded steps: %d completions in %.1f ms%n",
        counted, (System.nanoTime() - counting) / 1e6);
    jdbcTemplate.execute("analyze on_time_month");

    DashboardFilters march = DashboardFilters.all(MARCH);
    DashboardFilters filtered = new DashboardFilters(MARCH, "A", "quality", "quality", null);
    for (Function<DashboardFilters, Figure> figure : allFigures()) {
      for (DashboardFilters filters : List.of(march, filtered)) {
        figure.apply(filters); // warm up
        long began = System.nanoTime();
        Figure result = figure.apply(filters);
        System.out.printf(
            "dashboard on PostgreSQL, 50 000 task instances, 10 000 complaints: %-20s %-28s %4d"
                + " rows %6.1f ms%n",
            result.figure(),
            result.filters(),
            result.rows().size(),
            (System.nanoTime() - began) / 1e6);
      }
    }
    assertThat(queries.onTimeRates(march).rows()).isNotEmpty();
    List<String> plan =
        jdbc.sql(
                "explain select count(*) from act_hi_taskinst t "
                    + "left join complaint c on c.process_instance_id = t.root_proc_inst_id_ "
                    + "where t.end_time_ >= ? and t.end_time_ < ? and t.due_date_ is not null")
            .params(
                Timestamp.from(at(3, 1, 0).toInstant()), Timestamp.from(at(4, 1, 0).toInstant()))
            .query(String.class)
            .list();
    System.out.println(
        "plan of the on-time query's range and join:\n  " + String.join("\n  ", plan));
  }
}
