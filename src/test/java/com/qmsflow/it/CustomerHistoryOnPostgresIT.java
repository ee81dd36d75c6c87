package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.feedback.CustomerFeedback;
import com.qmsflow.feedback.CustomerFeedback.ChangeEntry;
import com.qmsflow.feedback.CustomerFeedback.ChangeKey;
import com.qmsflow.feedback.CustomerFeedback.ComplaintEntry;
import com.qmsflow.feedback.CustomerFeedback.Page;
import com.qmsflow.feedback.CustomerFeedback.SurveyEntry;
import java.util.List;
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
 * The paged customer history's SQL on a real PostgreSQL (issue 21 point 4): migration V35 created
 * its indexes, and the pages of complaints, surveys (grouped per survey) and changes come in the
 * same order and with the same totals as on H2 (CustomerFeedbackApiTest). No timing is asserted;
 * the figures at 1,000,000 complaints are in docs/performance.md "Customer history, paged".
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerHistoryOnPostgresIT {

  private static final String CUSTOMER = "C77001";

  @Autowired private CustomerFeedback feedback;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @Test
  void eachSectionIsPagedNewestFirstWithItsTotal() {
    assertThat(
            jdbc.sql("select indexname from pg_indexes where indexname like '%customer%'")
                .query(String.class)
                .list())
        .contains(
            "complaint_customer_received",
            "change_request_customer_raised",
            "satisfaction_survey_customer");

    jdbc.sql("insert into customer (code, name, active) values (?, '杭州储能有限公司', true)")
        .param(CUSTOMER)
        .update();
    // 45 complaints an hour apart; the 10th and the 11th received at the same instant
    jdbc.sql(
            """
            insert into complaint (complaint_number, customer_code, category, channel, product_name,
              batch_number, defect_code, description, received_at)
            select 'HP-' || lpad(i::text, 3, '0'), ?, 'QUALITY', 'PHONE', 'Mono PERC module 550 W',
              'B-' || i, 'BREAKAGE', 'loaded',
              timestamptz '2026-01-05 02:00:00+00' + (case when i = 11 then 10 else i end) * interval '1 hour'
            from generate_series(1, 45) i\
            """)
        .param(CUSTOMER)
        .update();
    // surveys of the first 25 complaints, two aspects each
    jdbc.sql(
            """
            insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score,
              surveyed_at)
            select 'HP-' || lpad(i::text, 3, '0'), ?, 'A', a.aspect, 1 + i % 5,
              timestamptz '2026-02-01 02:00:00+00' + i * interval '1 day'
            from generate_series(1, 25) i, (values ('quality'), ('service')) a (aspect)\
            """)
        .param(CUSTOMER)
        .update();
    jdbc.sql(
            """
            insert into change_request (change_number, change_type, customer_code, description,
              raised_at)
            select 'CR-HP-' || i, 'SPEC', ?, 'change ' || i,
              timestamptz '2026-03-01 02:00:00+00' + i * interval '1 day'
            from generate_series(1, 3) i\
            """)
        .param(CUSTOMER)
        .update();

    Page<ComplaintEntry> first = feedback.complaints(CUSTOMER, 0, 20);
    assertThat(first.total()).isEqualTo(45);
    assertThat(first.items()).hasSize(20);
    assertThat(first.items().get(0).complaintNumber()).isEqualTo("HP-045");
    assertThat(first.items().get(0).defectDescription()).isNotBlank();
    Page<ComplaintEntry> second = feedback.complaints(CUSTOMER, 1, 20);
    assertThat(second.items())
        .extracting(ComplaintEntry::complaintNumber)
        .startsWith("HP-025", "HP-024")
        .endsWith("HP-011", "HP-010", "HP-009", "HP-008", "HP-007", "HP-006");
    Page<ComplaintEntry> last = feedback.complaints(CUSTOMER, 2, 20);
    assertThat(last.items())
        .extracting(ComplaintEntry::complaintNumber)
        .containsExactly("HP-005", "HP-004", "HP-003", "HP-002", "HP-001");
    assertThat(last.total()).isEqualTo(45);
    assertThat(feedback.complaints(CUSTOMER, 3, 20).total()).isEqualTo(45);

    Page<SurveyEntry> surveys = feedback.surveys(CUSTOMER, 1, 20);
    assertThat(surveys.total()).isEqualTo(25);
    assertThat(surveys.items())
        .extracting(SurveyEntry::complaintNumber)
        .containsExactly("HP-005", "HP-004", "HP-003", "HP-002", "HP-001");
    assertThat(surveys.items().get(0).scores())
        .containsEntry("quality", 1)
        .containsEntry("service", 1);

    List<ChangeKey> keys = feedback.changeKeys(CUSTOMER);
    assertThat(keys)
        .extracting(ChangeKey::changeNumber)
        .containsExactly("CR-HP-3", "CR-HP-2", "CR-HP-1");
    assertThat(feedback.changes(List.of("CR-HP-1", "CR-HP-3")))
        .extracting(ChangeEntry::changeNumber)
        .containsExactly("CR-HP-1", "CR-HP-3");
  }
}
