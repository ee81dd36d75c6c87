package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.access.Reader;
import com.qmsflow.complaint.ComplaintFindings;
import com.qmsflow.complaint.ComplaintOpenDue;
import com.qmsflow.register.ComplaintRegister;
import com.qmsflow.register.RegisterPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The complaint register's searches on a real PostgreSQL right after a bulk insert of {@code
 * it.registerComplaints} complaints (20,000; the figures of docs/performance.md "Third pass" were
 * read with 200,000): the findings are filled into the complaint's columns from the record by the
 * same statement as migration V29, the text search goes through V30's trigram index, the finding
 * filters through V29's indexes, and each finds the rows it should. PostgreSQL's plans of the
 * statements the register really sends ({@link ComplaintRegister#statements}) are printed with
 * {@code -Dit.registerPlans=true}. No timing is asserted; the machine is shared.
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
class RegisterSearchOnPostgresIT {

  static final int COMPLAINTS = Integer.getInteger("it.registerComplaints", 20_000);

  /** Open complaints in percent of {@link #COMPLAINTS}. */
  static final int OPEN_PERCENT = Integer.getInteger("it.registerOpenPercent", 5);

  static final Reader QUALITY = new Reader("quality", Set.of("quality"));

  @Autowired private ComplaintRegister register;
  @Autowired private ComplaintFindings findings;
  @Autowired private ComplaintOpenDue openDue;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  /**
   * The bench's data set (bench/RegisterLoad), set-based: four years of intake, 5 % open with one
   * open step each (a third of them past due), a closed complaint's two ended steps, and its
   * findings recorded in {@code record_value}; the finding columns are then filled from the record.
   */
  @BeforeEach
  void complaints() {
    if (jdbc.sql("select count(*) from complaint where complaint_number like 'RS-%'")
            .query(Long.class)
            .single()
        > 0) {
      return;
    }
    long started = System.nanoTime();
    jdbc.sql(
            """
            insert into complaint (complaint_number, process_instance_id, customer_code, tier, category, channel,
                product_name, product_model, batch_number, defect_code, quantity_purchased, quantity_defective,
                description, severity, status, received_at, closed_at, search_text)
            select n, 'rs-' || i, cc, case when 1 + i % 15 <= 8 then 'A' when 1 + i % 15 <= 12 then 'B' else 'C' end,
                (array['quality', 'quality', 'quality', 'delivery', 'service'])[1 + i % 5], 'email', p, m, b,
                (array['BREAKAGE', 'CTM-DEVIATION', 'APPEARANCE', 'PACKAGING'])[1 + i % 4], 1000, 1 + i % 50, d,
                case when i % 10 = 0 then 'serious' else 'minor' end,
                case when i >= :open then 'OPEN' else 'CLOSED' end, r,
                case when i >= :open then null else r + interval '20 days' end,
                lower(n || ' ' || cc || ' ' || p || ' ' || m || ' ' || b || ' ' || d)
            from (select i, 'RS-' || lpad(i::text, 8, '0') as n, 'C' || lpad((1 + i % 15)::text, 3, '0') as cc,
                         (array['Mono PERC module 550 W', 'Bifacial module 600 W', 'Junction box'])[1 + i % 3] as p,
                         'M' || (100 + i % 50) as m, 'B' || lpad((i / 20)::text, 7, '0') as b,
                         'Modules arrived with cracked glass at the corners, delivery ' || i as d,
                         timestamptz '2022-03-01 00:00+08' + (i * (interval '1460 days' / :n)) as r
                  from generate_series(0, :n - 1) i) g\
            """)
        .param("n", COMPLAINTS)
        .param("open", COMPLAINTS / 100 * (100 - OPEN_PERCENT))
        .update();
    jdbc.sql(
            """
            insert into process_record (process_instance_id, process_key, process_definition_id, business_key,
                root_process_instance_id, started_at, ended_at, end_state)
            select process_instance_id, 'complaint-handling', 'complaint-handling:1:it', complaint_number,
                process_instance_id, received_at, closed_at, case when closed_at is null then null else 'COMPLETED' end
            from complaint where complaint_number like 'RS-%'\
            """)
        .update();
    jdbc.sql(
            """
            insert into process_step (task_id, process_instance_id, task_definition_key, task_name, candidate_groups,
                created_at, due_at, ended_at, completed_by, outcome, on_time)
            select c.process_instance_id || '-' || s, c.process_instance_id,
                (array['userTaskAnalyseValidityAndCause', 'userTaskCorrectNonconformity'])[s],
                'step', 'quality', c.received_at + s * interval '3 days',
                case when c.status = 'OPEN' and s = 2 and substr(c.process_instance_id, 4)::int % 3 <> 0
                     then timestamptz '2099-01-01 00:00+00' else c.received_at + (s + 1) * interval '3 days' end,
                case when c.status = 'OPEN' and s = 2 then null else c.received_at + s * interval '3 days' + interval '5 hours' end,
                case when c.status = 'OPEN' and s = 2 then null else 'user' end,
                case when c.status = 'OPEN' and s = 2 then null else 'COMPLETED' end,
                case when c.status = 'OPEN' and s = 2 then null else true end
            from complaint c cross join generate_series(1, 2) s where c.complaint_number like 'RS-%'\
            """)
        .update();
    jdbc.sql(
            """
            insert into record_value (process_instance_id, task_id, name, value_type, text_value, recorded_at)
            select c.process_instance_id, c.process_instance_id || '-1', v.name, 'string',
                case v.name
                  when 'responsibleDepartment'
                    then (array['production', 'engineering', 'quality', 'material-control', 'sales'])[1 + (i * 7) % 5]
                  when 'causeOrigin' then case when i % 4 = 1 then 'supplier' else 'ownPlant' end
                  when 'responsibility' then 'productQuality'
                  else 'Lamination pressure drift on line ' || (1 + i % 6) end,
                c.received_at + interval '1 day'
            from (select c.*, substr(c.process_instance_id, 4)::int as i from complaint c
                  where c.complaint_number like 'RS-%') c
            cross join (values ('responsibleDepartment'), ('causeOrigin'), ('responsibility'), ('causeAnalysis')) v(name)\
            """)
        .update();
    long filling = System.nanoTime();
    int filled = findings.fillAll();
    long overdue = System.nanoTime();
    int dues = openDue.fillAll();
    long done = System.nanoTime();
    jdbc.sql("analyze").update();
    System.out.printf(
        "RegisterSearchOnPostgresIT: %d complaints written in %d ms; findings of %d filled from the"
            + " record in %d ms (migration V29's statement), the earliest open due date of %d in"
            + " %d ms (V37's)%n",
        COMPLAINTS,
        (filling - started) / 1_000_000,
        filled,
        (overdue - filling) / 1_000_000,
        dues,
        (done - overdue) / 1_000_000);
  }

  @Test
  void theMigrationsCreatedTheRegisterIndexes() {
    assertThat(
            jdbc.sql("select indexname from pg_indexes where tablename = 'complaint'")
                .query(String.class)
                .list())
        .contains(
            "complaint_search_text_trigram",
            "complaint_cause_origin",
            "complaint_responsible_department",
            "complaint_status_received");
  }

  @Test
  void aBatchOrAWordIsFoundThroughTheTrigramIndex() {
    // batch B0000471: the complaints 9420 to 9439
    RegisterPage<ComplaintRegister.Row> batch = page("q=b0000471");
    assertThat(batch.total()).isEqualTo(20);
    assertThat(batch.items())
        .extracting(ComplaintRegister.Row::batchNumber)
        .containsOnly("B0000471");
    assertThat(plans("q=b0000471"))
        .allSatisfy(p -> assertThat(p).contains("complaint_search_text_trigram"));

    assertThat(page("q=corners,+delivery+4711").items())
        .extracting(ComplaintRegister.Row::number)
        .contains("RS-00004711");
    assertThat(page("q=corners+4711").total()).isZero();
    assertThat(plans("q=corners+4711"))
        .allSatisfy(p -> assertThat(p).contains("complaint_search_text_trigram"));
  }

  /**
   * A finding filter reads only the complaint's columns, never {@code record_value} (which index
   * PostgreSQL takes depends on the data: the department's or the received date's).
   */
  @Test
  void aRecordedFindingIsFilteredThroughItsColumn() {
    RegisterPage<ComplaintRegister.Row> supplierA = page("causeOrigin=supplier&tier=A");
    long expected =
        jdbc.sql(
                "select count(*) from complaint c where c.complaint_number like 'RS-%' and exists"
                    + " (select 1 from record_value v where v.process_instance_id ="
                    + " c.process_instance_id and v.name = 'causeOrigin' and v.text_value ="
                    + " 'supplier') and c.tier = 'A'")
            .query(Long.class)
            .single();
    assertThat(supplierA.total()).isEqualTo(expected).isPositive();
    assertThat(supplierA.items())
        .allSatisfy(
            r -> {
              assertThat(r.causeOrigin()).isEqualTo("supplier");
              assertThat(r.tier()).isEqualTo("A");
              assertThat(r.cause()).startsWith("Lamination pressure drift");
            });
    assertThat(plans("causeOrigin=supplier&tier=A"))
        .allSatisfy(p -> assertThat(p).doesNotContain("record_value"));

    String year = "department=production&receivedFrom=2024-01-01&receivedTo=2024-12-31";
    assertThat(page(year).items())
        .allSatisfy(r -> assertThat(r.responsibleDepartment()).isEqualTo("production"));
    assertThat(plans(year)).allSatisfy(p -> assertThat(p).doesNotContain("record_value"));
  }

  @Test
  void overdueComplaintsAreARangeOfTheirEarliestOpenDueDate() {
    // a third of the open complaints have their open step past due
    long open = COMPLAINTS - COMPLAINTS / 100 * (100 - OPEN_PERCENT);
    assertThat(page("status=overdue").total()).isBetween(open / 3 - 1, open / 3 + 1);
    // the count reads the index; the page may as well walk the newest complaints backwards
    List<String> plans = plans("status=overdue");
    assertThat(plans.get(0)).contains("complaint_open_due");
    assertThat(plans).allSatisfy(p -> assertThat(p).doesNotContain("process_step"));
  }

  /** The plans of the bench's searches, printed for docs/performance.md. */
  @Test
  @EnabledIfSystemProperty(named = "it.registerPlans", matches = "true")
  void printThePlansOfTheBenchSearches() {
    Map<String, String> searches = new LinkedHashMap<>();
    searches.put("list, newest first", "");
    searches.put("text: batch", "q=b0000471");
    searches.put("text: description word", "q=corners+4711");
    searches.put("status=overdue", "status=overdue");
    searches.put(
        "department + received year",
        "department=production&receivedFrom=2024-01-01&receivedTo=2024-12-31");
    searches.put("causeOrigin=supplier&tier=A", "causeOrigin=supplier&tier=A");
    searches.put("escalated=true", "escalated=true");
    searches.put("customer + closed, by closing", "customer=C003&status=closed&sort=-closed");
    searches.forEach(
        (name, query) -> {
          page(query); // warm
          List<String> plans = plans(query, "explain (analyze, buffers) ");
          assertThat(plans).hasSize(2).allSatisfy(p -> assertThat(p).contains("Execution Time"));
          System.out.println("==== " + name + " (" + query + ")\n-- count\n" + plans.get(0));
          System.out.println("-- page\n" + plans.get(1));
        });
  }

  private RegisterPage<ComplaintRegister.Row> page(String query) {
    return register.page(QUALITY, params(query));
  }

  private List<String> plans(String query) {
    return plans(query, "explain ");
  }

  private List<String> plans(String query, String explain) {
    return register.statements(QUALITY, params(query)).stream()
        .map(
            s ->
                String.join(
                    "\n",
                    jdbc.sql(explain + s.sql()).params(s.params()).query(String.class).list()))
        .toList();
  }

  private static Map<String, String[]> params(String query) {
    Map<String, String[]> params = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], new String[] {kv[1].replace('+', ' ')});
      }
    }
    return params;
  }
}
