package com.qmsflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard figure {@code customer-decisions} (issue 19.3): the customers' answers to the
 * written reply per month, with the rejected ones counted and their share, filtered by tier and
 * category like the other figures. Shares its Spring context with {@code StatusPageAnswerTest}
 * (same properties) and uses months of 2025 that no other test of that context fills.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:status-answer-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.complainant.status-link.requests-per-minute-per-address=20",
      "qms.complainant.status-link.requests-per-minute-per-token=50",
      "qms.mail.base-url=https://qms.example.com/"
    })
@AutoConfigureMockMvc
class CustomerDecisionFiguresTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @BeforeEach
  void decisions() {
    jdbc.sql("delete from customer_decision where complaint_number like 'CC-2025-8%'").update();
    jdbc.sql("delete from complaint where complaint_number like 'CC-2025-8%'").update();
    complaint("CC-2025-800001", "C003", "A", "quality");
    complaint("CC-2025-800002", "C010", "B", "delivery");
    complaint("CC-2025-800003", "C013", "C", "quality");
    // A: rejects in April, asked again accepts in May; B: no answer, accepted by default in May;
    // C: rejects in June, just after midnight of 1 June in plant time (still May in UTC)
    decision("CC-2025-800001", 1, "REJECTED", ZonedDateTime.of(2025, 4, 20, 10, 0, 0, 0, SHANGHAI));
    decision("CC-2025-800001", 2, "ACCEPTED", ZonedDateTime.of(2025, 5, 6, 10, 0, 0, 0, SHANGHAI));
    decision(
        "CC-2025-800002",
        1,
        "ACCEPTED_BY_DEFAULT",
        ZonedDateTime.of(2025, 5, 20, 10, 0, 0, 0, SHANGHAI));
    decision("CC-2025-800003", 1, "REJECTED", ZonedDateTime.of(2025, 6, 1, 0, 30, 0, 0, SHANGHAI));
  }

  @Test
  void rejectedDecisionsAreCountedPerMonthTierAndCategory() throws Exception {
    List<String> all = rows("customer-decisions?month=2025-06");
    assertThat(all).hasSize(12);
    assertThat(all.get(0)).isEqualTo("2024-07|0|0|0|null");
    assertThat(all.subList(9, 12))
        .containsExactly("2025-04|0|1|0|100.0", "2025-05|1|0|1|0.0", "2025-06|0|1|0|100.0");
    assertThat(rows("customer-decisions?month=2025-06&tier=A").subList(9, 12))
        .containsExactly("2025-04|0|1|0|100.0", "2025-05|1|0|0|0.0", "2025-06|0|0|0|null");
    assertThat(rows("customer-decisions?month=2025-06&category=delivery").subList(9, 12))
        .containsExactly("2025-04|0|0|0|null", "2025-05|0|0|1|0.0", "2025-06|0|0|0|null");
    String csv =
        mvc.perform(
                get("/api/dashboard/customer-decisions?month=2025-06&format=csv")
                    .header(HttpHeaders.AUTHORIZATION, basic("qualitymanager")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv)
        .contains("month,accepted,rejected,acceptedByDefault,rejectedPercent\r\n")
        .endsWith("2025-06,0,1,0,100.0\r\n");
    // who may read: as every figure, managers yes, sales no
    mvc.perform(
            get("/api/dashboard/customer-decisions")
                .header(HttpHeaders.AUTHORIZATION, basic("sales")))
        .andExpect(status().isForbidden());
  }

  private List<String> rows(String path) throws Exception {
    String body =
        mvc.perform(
                get("/api/dashboard/" + path)
                    .header(HttpHeaders.AUTHORIZATION, basic("salesmanager")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    JsonNode figure = json.readTree(body);
    List<String> rows = new ArrayList<>();
    for (JsonNode row : figure.get("rows")) {
      List<String> values = new ArrayList<>();
      for (JsonNode column : figure.get("columns")) {
        JsonNode value = row.get(column.asText());
        values.add(value == null || value.isNull() ? "null" : value.asText());
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  private void complaint(String number, String customer, String tier, String category) {
    jdbc.sql(
            """
            insert into complaint (complaint_number, customer_code, tier, category, channel, product_name,
              batch_number, defect_code, description, status, received_at)
            values (?, ?, ?, ?, 'email', 'Mono PERC module 550 W', ?, 'BREAKAGE', 'Figures test', 'OPEN', ?)\
            """)
        .params(
            number,
            customer,
            tier,
            category,
            "B-" + number,
            Timestamp.from(ZonedDateTime.of(2025, 4, 1, 9, 0, 0, 0, SHANGHAI).toInstant()))
        .update();
  }

  private void decision(String number, int round, String decision, ZonedDateTime recorded) {
    jdbc.sql(
            """
            insert into customer_decision (complaint_number, process_instance_id, round, decision,
              source, recorded_at) values (?, 'none', ?, ?, 'SALES', ?)\
            """)
        .params(number, round, decision, Timestamp.from(recorded.toInstant()))
        .update();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
