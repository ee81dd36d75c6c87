package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.reports.ManagementReports;
import com.qmsflow.reports.ReportDelivery;
import com.qmsflow.reports.ReportPeriod;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reports to management on a real PostgreSQL: migration V27 (the report table, files carried by
 * the outbox row), both reports generated from the dashboard's queries, and two nodes sending the
 * same period at once, which PostgreSQL's primary key lets only one of them do.
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
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.reports.cron=-"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagementReportsOnPostgresIT {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired private ReportDelivery delivery;
  @Autowired private ManagementReports reports;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static Timestamp at(int year, int month, int day) {
    return Timestamp.from(ZonedDateTime.of(year, month, day, 10, 0, 0, 0, SHANGHAI).toInstant());
  }

  @Test
  void bothReportsAreGeneratedStoredAndQueuedOnceOnPostgres() throws Exception {
    ClockUtil.setCurrentTime(
        Date.from(ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, SHANGHAI).toInstant()));
    jdbc.sql(
            """
            insert into complaint (complaint_number, process_instance_id, customer_code, tier, category, channel,
              product_name, batch_number, defect_code, description, status, received_at, closed_at)
            values ('CC-2026-700001', 'pi-700001', 'C001', 'A', 'quality', 'email', 'Module', 'B-PG-1',
              'BREAKAGE', 'PostgreSQL report test', 'CLOSED', ?, ?)\
            """)
        .params(at(2026, 11, 3), at(2026, 11, 20))
        .update();
    jdbc.sql(
            "insert into record_value (process_instance_id, task_id, name, value_type, text_value,"
                + " recorded_at) values ('pi-700001', 't-pg', 'rootCause', 'string', 'Straps too"
                + " tight', ?)")
        .param(at(2026, 11, 5))
        .update();
    jdbc.sql(
            "insert into corrective_action (eight_d_number, complaint_number, problem_title,"
                + " raised_at) values ('8D-2026-0701', 'CC-2026-700001', 'Straps', ?)")
        .param(at(2026, 11, 6))
        .update();
    jdbc.sql(
            "insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score,"
                + " surveyed_at) values ('CC-2026-700001', 'C001', 'A', 'quality', 4, ?)")
        .param(at(2026, 5, 6))
        .update();

    ReportPeriod november = ReportPeriod.month(YearMonth.of(2026, 11));
    CountDownLatch start = new CountDownLatch(1);
    Callable<Boolean> node =
        () -> {
          start.await();
          return delivery.sendOnce(november, "system");
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> a = pool.submit(node);
      Future<Boolean> b = pool.submit(node);
      start.countDown();
      assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
    } finally {
      pool.shutdown();
    }
    assertThat(delivery.sendOnce(ReportPeriod.halfYear(2026, 1), "system")).isTrue();
    assertThat(delivery.sendDue()).as("both sent already").isEmpty();

    assertThat(reports.list())
        .extracting(r -> r.kind() + " " + r.period())
        .containsExactly("half-yearly 2026-H1", "monthly 2026-11");
    assertThat(
            jdbc.sql(
                    "select count(*) from notification n join notification_attachment a on"
                        + " a.notification_id = n.id where n.kind = 'MANAGEMENT_REPORT' and"
                        + " a.content is not null and a.attachment_id is null")
                .query(Long.class)
                .single())
        .isEqualTo(4);
    byte[] pdf = reports.find(november).orElseThrow().content();
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
          .contains("Straps too tight", "8D-2026-0701", "CC-2026-700001");
    }
  }
}
