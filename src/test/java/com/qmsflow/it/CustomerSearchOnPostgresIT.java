package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.customer.CustomerArchive;
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
 * The customer search on a real PostgreSQL with 10,000 customers: migration V18 ({@code
 * customer/CustomerSearchIndex}) created the trigram indexes, PostgreSQL uses them for a part of a
 * code or a Chinese name, and the search finds the same customers as on H2 (docs/performance.md
 * "Customer archive import and search"). No timing is asserted; the machine is shared.
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
class CustomerSearchOnPostgresIT {

  @Autowired private CustomerArchive archive;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @Test
  void aPartOfACodeOrANameIsFoundThroughTheTrigramIndexes() {
    assertThat(
            jdbc.sql("select indexname from pg_indexes where tablename = 'customer'")
                .query(String.class)
                .list())
        .contains("customer_code_trigram", "customer_name_trigram");

    jdbc.sql(
            """
            insert into customer (code, name, address, active)
            select 'C' || (300000 + i),
                   (array['苏州', '无锡', '常州', '杭州'])[1 + i % 4]
                     || (array['光伏', '能源', '电子', '储能', '照明'])[1 + i % 5]
                     || (array['有限公司', '科技有限公司', '集团有限公司'])[1 + i % 3] || ' ' || i,
                   '工业园区' || i || '号', true
            from generate_series(0, 9999) i
            where not exists (select 1 from customer where code = 'C' || (300000 + i))\
            """)
        .update();
    jdbc.sql("analyze customer").update();

    CustomerArchive.Page byCode = archive.search("c30123", null, null, "code", false, 0, 20);
    assertThat(byCode.items())
        .extracting(CustomerArchive.Summary::code)
        .containsExactly(
            "C301230", "C301231", "C301232", "C301233", "C301234", "C301235", "C301236", "C301237",
            "C301238", "C301239");
    assertThat(byCode.total()).isEqualTo(10);

    CustomerArchive.Page byName = archive.search("无锡储能", null, true, "code", false, 0, 20);
    // i % 4 = 1 and i % 5 = 3: every 20th customer from 13
    assertThat(byName.total()).isEqualTo(500);
    assertThat(byName.items()).hasSize(20);
    assertThat(byName.items().get(0).name()).startsWith("无锡储能").endsWith(" 13");

    assertThat(plan("c30123")).contains("customer_code_trigram");
    assertThat(plan("无锡储能有限")).contains("customer_name_trigram");
  }

  /** PostgreSQL's plan of the search's condition (as {@link CustomerArchive#search} writes it). */
  private String plan(String part) {
    List<String> lines =
        jdbc.sql(
                "explain select count(*) from customer where (lower(code) like :q escape '\\'"
                    + " or lower(name) like :q escape '\\')")
            .param("q", "%" + part + "%")
            .query(String.class)
            .list();
    return String.join("\n", lines);
  }
}
