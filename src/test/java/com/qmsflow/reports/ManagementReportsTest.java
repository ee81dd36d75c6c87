package com.qmsflow.reports;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.calendar.BusinessCalendar;
import com.qmsflow.calendar.DayKind;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.notification.MailGateway;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.OutboxDispatcher;
import com.qmsflow.notification.RecipientDirectory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reports to management (issue 20.3) on a data set whose every number is known: two complaints
 * driven through the engine in November 2026 (one confirmed on time and analysed, one confirmed
 * late and left open), a closed complaint with a cause and countermeasure recorded twice,
 * escalations, four 8D reports in every state, and survey answers over four half years (one at
 * 23:00 on 30 June and one at 00:30 on 1 July, plant time), after complaints and of the yearly
 * campaign. "Now" is Tuesday 1 December 2026, 09:00 in Shanghai. Every figure is compared with the
 * dashboard API for the same period, the PDFs' text is extracted, and the schedule follows the
 * working-day calendar.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:reports-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.reports.cron=-"
    })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementReportsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = at(2026, 12, 1, 9, 0);
  static final ReportPeriod NOVEMBER = ReportPeriod.month(YearMonth.of(2026, 11));
  static final ReportPeriod FIRST_HALF = ReportPeriod.halfYear(2026, 1);
  static final String CAUSE = "Glass edge chipped by the pallet straps in transport";
  static final String COMPLAINT = "COMPLAINT";
  static final String CAMPAIGN = "CAMPAIGN";
  static final String COUNTERMEASURE = "Edge protectors on every pallet, strap tension checked";

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ReportContents contents;
  @Autowired ReportDelivery delivery;
  @Autowired ReportDates dates;
  @Autowired ReportPrinter printer;
  @Autowired ManagementReports reports;
  @Autowired NotificationService notifications;
  @Autowired ReportSettings settings;
  @Autowired MailSettings mailSettings;
  @Autowired MessageSource messages;
  @Autowired PlatformTransactionManager transactions;
  @Autowired BusinessCalendar calendar;
  @Autowired RecipientDirectory directory;
  @Autowired Clock clock;

  private String k1;
  private String k2;

  static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI);
  }

  private static void clock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  static String basic(String demoUser) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((demoUser + ":" + demoUser).getBytes(StandardCharsets.UTF_8));
  }

  // --- the known data set ---------------------------------------------------------------------

  @BeforeAll
  void fillData() {
    // K1: C010 (tier B), confirmed an hour before its due date, investigated, cause analysed
    clock(at(2026, 11, 2, 9, 0));
    ComplaintScenario first = start("C010", "B-R1");
    k1 = (String) first.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    onTime(first, "userTaskConfirmWithCustomer");
    clock(ClockUtil.getCurrentTime().toInstant().atZone(SHANGHAI).plusHours(1));
    first.complete("userTaskInvestigateOnSite").runJobs();
    onTime(first, "userTaskAnalyseValidityAndCause");

    // K2: C013 (tier C), confirmed an hour after its due date; the investigation stays open
    clock(at(2026, 11, 3, 9, 0));
    ComplaintScenario second = start("C013", "B-R2");
    k2 = (String) second.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    Task confirm = task(second, "userTaskConfirmWithCustomer");
    clock(confirm.getDueDate().toInstant().atZone(SHANGHAI).plusHours(1));
    second.complete("userTaskConfirmWithCustomer").runJobs();

    // a closed complaint of November whose cause was corrected once (the latest counts)
    complaint(
        "CC-2026-900010",
        "C001",
        "A",
        "APPEARANCE",
        at(2026, 11, 10, 10, 0),
        at(2026, 11, 20, 10, 0));
    value("pi-900010", "rootCause", "Scratches from the conveyor", at(2026, 11, 12, 10, 0));
    value("pi-900010", "rootCause", CAUSE, at(2026, 11, 13, 10, 0));
    value("pi-900010", "permanentActions", COUNTERMEASURE, at(2026, 11, 14, 10, 0));
    escalation("CC-2026-900010", "t-r1", 2, "general-manager", at(2026, 11, 15, 10, 0));
    escalation("CC-2026-900010", "t-r0", 1, "sales-management", at(2026, 10, 15, 10, 0));

    // 8D reports: closed in November, raised in November, open from before, closed before
    eightD("8D-2026-0901", "Edge chipping", at(2026, 10, 5, 9, 0), at(2026, 11, 12, 9, 0));
    eightD("8D-2026-0902", "Backsheet bubbles", at(2026, 11, 6, 9, 0), null);
    eightD("8D-2026-0903", "Junction box glue", at(2026, 9, 1, 9, 0), null);
    eightD("8D-2026-0904", "Frame corrosion", at(2026, 9, 1, 9, 0), at(2026, 10, 30, 9, 0));

    // survey answers: quality, delivery, service, responsiveness
    survey("CC-2026-800001", "A", at(2026, 2, 10, 10, 0), 5, 4, 3, 2);
    survey("CC-2026-800002", "A", at(2026, 5, 20, 10, 0), 4, 2, 5, 1);
    survey("CC-2026-800003", "B", at(2026, 6, 30, 23, 0), 1, 5, 4, 4);
    survey("CC-2026-800004", "B", at(2026, 7, 1, 0, 30), 5, 5, 5, 5);
    survey("CC-2025-800005", "A", at(2025, 11, 15, 10, 0), 3, 4, 4, 4);
    survey("CC-2025-800006", "A", at(2025, 3, 1, 10, 0), 5, 5, 5, 5);
    // the yearly campaign's answers (source CAMPAIGN): two in the first half of 2026, one before
    campaign("SC-2025-01", 2025, at(2025, 9, 1, 9, 0));
    campaign("SC-2026-01", 2026, at(2026, 3, 1, 9, 0));
    campaignSurvey("SV-2025-00001", "SC-2025-01", "C001", "A", at(2025, 10, 10, 10, 0), 4, 4, 4, 4);
    campaignSurvey("SV-2026-00001", "SC-2026-01", "C001", "A", at(2026, 4, 15, 10, 0), 2, 5, 4, 3);
    campaignSurvey("SV-2026-00002", "SC-2026-01", "C013", "C", at(2026, 3, 10, 10, 0), 4, 4, 1, 5);
  }

  @BeforeEach
  void now() {
    clock(NOW);
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  // --- the monthly quality report -------------------------------------------------------------

  @Test
  void theMonthlyReportShowsTheMonthsFiguresAsTheDashboardDoes() throws Exception {
    QualityReport report = contents.quality(NOVEMBER);

    // intake and closure: the dashboard's twelve months, November last
    assertThat(tree(report.intake())).isEqualTo(rows("intake-closure", "2026-11"));
    assertThat(report.intakeOfMonth())
        .containsEntry("month", "2026-11")
        .containsEntry("received", 3L)
        .containsEntry("closed", 1L);

    // on-time rates: the dashboard's rows of November summed over the tiers
    Map<String, long[]> expected = new HashMap<>();
    for (JsonNode row : rows("on-time-rates", "2026-11")) {
      if (row.path("month").asText().equals("2026-11")) {
        long[] sum =
            expected.computeIfAbsent(
                row.path("deadline").asText() + "|" + row.path("department").asText(),
                k -> new long[2]);
        sum[0] += row.path("completed").asLong();
        sum[1] += row.path("onTime").asLong();
      }
    }
    assertThat(report.onTime()).hasSize(expected.size());
    for (QualityReport.OnTime o : report.onTime()) {
      long[] sum = expected.get(o.deadline() + "|" + o.department());
      assertThat(new long[] {o.completed(), o.onTime()}).as(o.deadline()).isEqualTo(sum);
    }
    QualityReport.OnTime confirm =
        report.onTime().stream()
            .filter(o -> o.deadline().equals("userTaskConfirmWithCustomer"))
            .findFirst()
            .orElseThrow();
    assertThat(confirm.department()).isEqualTo("customer-service");
    assertThat(confirm.completed()).as("K1 (tier B) and K2 (tier C) in one row").isEqualTo(2);
    assertThat(confirm.onTime()).isEqualTo(1);
    assertThat(confirm.late()).isEqualTo(1);
    assertThat(confirm.onTimePercent()).isEqualByComparingTo("50.0");
    assertThat(report.onTimeTotal().completed())
        .as("and K1's investigation and analysis, on time: %s", report.onTime())
        .isEqualTo(4);
    assertThat(report.onTimeTotal().onTimePercent()).isEqualByComparingTo("75.0");

    // Pareto: two breakages, one appearance defect
    assertThat(tree(report.pareto())).isEqualTo(rows("defect-pareto", "2026-11"));
    assertThat(report.pareto())
        .extracting(r -> r.get("defectCode"))
        .containsExactly("BREAKAGE", "APPEARANCE");
    assertThat(report.pareto().get(0)).containsEntry("complaints", 2L);
    assertThat((BigDecimal) report.pareto().get(0).get("percent")).isEqualByComparingTo("66.7");

    // causes and countermeasures: the engine's recorded analysis and the latest recorded cause
    assertThat(tree(report.causes())).isEqualTo(rows("causes-countermeasures", "2026-11"));
    assertThat(report.causes())
        .extracting(r -> r.get("complaint"))
        .containsExactly(k1, k2, "CC-2026-900010");
    assertThat(report.causes().get(0).get("cause"))
        .isEqualTo("Corner protectors missing at packing line 3 since the shift change.");
    assertThat(report.causes().get(1).get("cause")).as("not analysed yet").isNull();
    assertThat(report.causes().get(2))
        .containsEntry("cause", CAUSE)
        .containsEntry("countermeasure", COUNTERMEASURE);

    // open and overdue work now, escalations of November, 8D reports
    assertThat(tree(report.openTasks())).isEqualTo(rows("open-tasks", "2026-11"));
    List<Map<String, Object>> escalationsOfNovember = new ArrayList<>();
    for (JsonNode row : rows("escalations", "2026-11")) {
      if (row.path("month").asText().equals("2026-11")) {
        escalationsOfNovember.add(json.convertValue(row, Map.class));
      }
    }
    assertThat(tree(report.escalations())).isEqualTo(tree(escalationsOfNovember));
    assertThat(report.escalations()).hasSize(1);
    assertThat(report.escalations().get(0))
        .containsEntry("level", 2)
        .containsEntry("group", "general-manager")
        .containsEntry("escalations", 1L);
    assertThat(tree(report.eightDs())).isEqualTo(rows("eight-d-status", "2026-11"));
    assertThat(report.eightDs())
        .extracting(r -> r.get("eightD") + " " + r.get("stateAtMonthEnd"))
        .containsExactly("8D-2026-0903 open", "8D-2026-0901 closed", "8D-2026-0902 raised");
    assertThat(report.eightDStates())
        .containsEntry("raised", 1L)
        .containsEntry("closed", 1L)
        .containsEntry("open", 1L);
  }

  @Test
  void theMonthlyReportPdfCarriesItsFiguresInChineseAndEnglish() throws IOException {
    byte[] pdf = printer.pdf(contents.quality(NOVEMBER));
    keep("quality-report-2026-11.pdf", pdf);
    String text = text(pdf);
    assertThat(text)
        .contains(s("Monthly quality report 2026-11 (2026-11 月度质量报告)"))
        .contains(s("On-time rate per deadline and department (各期限与部门的及时率)"))
        .contains(s("50.0 %"), s("75.0 %"))
        .contains("BREAKAGE", "APPEARANCE")
        .contains(s("Glass edge chipped by the pallet straps"))
        .contains(s("Edge protectors on every pallet"))
        .doesNotContain(s("Scratches from the conveyor"))
        .contains(s("not yet analysed (尚未分析)"))
        .contains(s("General manager (总经理)"))
        .contains("8D-2026-0902", "8D-2026-0903", "8D-2026-0901")
        .doesNotContain("8D-2026-0904")
        .contains(s("2026-12-01 09:00"));
  }

  // --- the half-yearly satisfaction report ----------------------------------------------------

  @Test
  void theHalfYearlyReportShowsDistributionsSharesTrendAndExtremesPerSource() throws Exception {
    SatisfactionReport report = contents.satisfaction(FIRST_HALF);

    assertThat(report.halves()).containsExactly("2024-H2", "2025-H1", "2025-H2", "2026-H1");
    assertThat(report.answers(COMPLAINT)).as("not the answer of 1 July 00:30").isEqualTo(12);
    assertThat(report.answers(CAMPAIGN)).isEqualTo(8);
    assertThat(report.answers()).isEqualTo(20);

    // after a complaint
    assertThat(row(report, COMPLAINT, "A", "quality").scores()).containsExactly(0L, 0L, 0L, 1L, 1L);
    assertThat(row(report, COMPLAINT, "A", "quality").satisfiedPercent())
        .isEqualByComparingTo("100.0");
    assertThat(row(report, COMPLAINT, "A", "delivery").satisfiedPercent())
        .isEqualByComparingTo("50.0");
    assertThat(row(report, COMPLAINT, "A", "delivery").dissatisfiedPercent())
        .isEqualByComparingTo("50.0");
    assertThat(row(report, COMPLAINT, "A", "responsiveness").dissatisfiedPercent())
        .isEqualByComparingTo("100.0");
    assertThat(row(report, COMPLAINT, "B", "quality").scores())
        .as("30 June 23:00 is in the first half")
        .containsExactly(1L, 0L, 0L, 0L, 0L);
    assertThat(row(report, COMPLAINT, "all", "service").scores())
        .containsExactly(0L, 0L, 1L, 1L, 1L);
    assertThat(row(report, COMPLAINT, "all", "service").satisfiedPercent())
        .isEqualByComparingTo("66.7");
    assertThat(row(report, COMPLAINT, "all", "responsiveness").satisfiedPercent())
        .isEqualByComparingTo("33.3");
    assertThat(row(report, COMPLAINT, "A", "quality").trend())
        .containsExactly(
            null, new BigDecimal("100.0"), new BigDecimal("0.0"), new BigDecimal("100.0"));
    assertThat(row(report, COMPLAINT, "A", "quality").trendAnswers())
        .containsExactly(0L, 1L, 1L, 2L);
    assertThat(extreme(report.strongest(), COMPLAINT, "A")).containsExactly("quality");
    assertThat(extreme(report.weakest(), COMPLAINT, "A")).containsExactly("responsiveness");
    assertThat(extreme(report.strongest(), COMPLAINT, "B"))
        .as("equal shares: all of them")
        .containsExactly("delivery", "service", "responsiveness");
    assertThat(extreme(report.weakest(), COMPLAINT, "B")).containsExactly("quality");
    assertThat(extreme(report.strongest(), COMPLAINT, "all"))
        .as("quality, delivery and service have 66.7 % satisfied; service nobody dissatisfied")
        .containsExactly("service");
    assertThat(extreme(report.weakest(), COMPLAINT, "all")).containsExactly("responsiveness");

    // the yearly campaign
    assertThat(row(report, CAMPAIGN, "A", "quality").scores()).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(row(report, CAMPAIGN, "A", "quality").trend())
        .containsExactly(null, null, new BigDecimal("100.0"), new BigDecimal("0.0"));
    assertThat(row(report, CAMPAIGN, "A", "quality").trendAnswers())
        .containsExactly(0L, 0L, 1L, 1L);
    assertThat(row(report, CAMPAIGN, "C", "service").dissatisfiedPercent())
        .isEqualByComparingTo("100.0");
    assertThat(row(report, CAMPAIGN, "all", "quality").scores())
        .containsExactly(0L, 1L, 0L, 1L, 0L);
    assertThat(row(report, CAMPAIGN, "all", "responsiveness").satisfiedPercent())
        .isEqualByComparingTo("50.0");
    assertThat(row(report, CAMPAIGN, "all", "responsiveness").dissatisfiedPercent())
        .isEqualByComparingTo("0.0");
    assertThat(extreme(report.strongest(), CAMPAIGN, "A")).containsExactly("delivery", "service");
    assertThat(extreme(report.weakest(), CAMPAIGN, "A")).containsExactly("quality");
    assertThat(extreme(report.strongest(), CAMPAIGN, "C"))
        .containsExactly("quality", "delivery", "responsiveness");
    assertThat(extreme(report.weakest(), CAMPAIGN, "C")).containsExactly("service");
    assertThat(extreme(report.strongest(), CAMPAIGN, "all")).containsExactly("delivery");
    assertThat(extreme(report.weakest(), CAMPAIGN, "all"))
        .as("50 % satisfied three times; quality and service 50 % dissatisfied")
        .containsExactly("quality", "service");

    // both sources together
    assertThat(row(report, "all", "A", "quality").scores()).containsExactly(0L, 1L, 0L, 1L, 1L);
    assertThat(row(report, "all", "A", "quality").trend())
        .containsExactly(
            null, new BigDecimal("100.0"), new BigDecimal("50.0"), new BigDecimal("66.7"));
    assertThat(row(report, "all", "all", "quality").scores()).containsExactly(1L, 1L, 0L, 2L, 1L);
    assertThat(row(report, "all", "all", "delivery").satisfiedPercent())
        .isEqualByComparingTo("80.0");
    assertThat(row(report, "all", "all", "service").dissatisfiedPercent())
        .isEqualByComparingTo("20.0");
    assertThat(row(report, "all", "all", "responsiveness").scores())
        .containsExactly(1L, 1L, 1L, 1L, 1L);
    assertThat(extreme(report.strongest(), "all", "all")).containsExactly("delivery");
    assertThat(extreme(report.weakest(), "all", "all")).containsExactly("responsiveness");

    // the counts are the dashboard's monthly answers of the same source summed per half year
    for (String source : List.of(COMPLAINT, CAMPAIGN, "all")) {
      Map<String, long[]> dashboard = new HashMap<>();
      for (String month : List.of("2026-06", "2025-06")) {
        for (JsonNode r : rows("satisfaction", month, "all".equals(source) ? null : source)) {
          assertThat(r.path("source").asText()).isIn(COMPLAINT, CAMPAIGN);
          String half = ReportPeriod.halfYearOf(YearMonth.parse(r.path("month").asText())).label();
          for (String tier : List.of(r.path("tier").asText(), "all")) {
            long[] c =
                dashboard.computeIfAbsent(
                    half + "|" + tier + "|" + r.path("aspect").asText(), k -> new long[6]);
            c[0] += r.path("answers").asLong();
            for (int s = 1; s <= 5; s++) {
              c[s] += r.path("score" + s).asLong();
            }
          }
        }
      }
      assertThat(report.rows(source)).isNotEmpty();
      for (SatisfactionReport.Row row : report.rows(source)) {
        long[] c = dashboard.get("2026-H1|" + row.tier() + "|" + row.aspect());
        assertThat(row.answers()).as("%s %s %s", source, row.tier(), row.aspect()).isEqualTo(c[0]);
        assertThat(row.scores()).containsExactly(c[1], c[2], c[3], c[4], c[5]);
        for (int i = 0; i < report.halves().size(); i++) {
          long[] t = dashboard.get(report.halves().get(i) + "|" + row.tier() + "|" + row.aspect());
          assertThat(row.trendAnswers().get(i)).isEqualTo(t == null ? 0L : t[0]);
        }
      }
      // every tier and aspect the dashboard has in the half year is in the report
      assertThat(report.rows(source).stream().map(r -> "2026-H1|" + r.tier() + "|" + r.aspect()))
          .containsExactlyInAnyOrderElementsOf(
              dashboard.keySet().stream().filter(k -> k.startsWith("2026-H1|")).toList());
    }
    // complaint: A, B and all tiers; campaign: A, C and all; both: A, B, C and all; four aspects
    assertThat(report.rows(COMPLAINT)).hasSize(12);
    assertThat(report.rows(CAMPAIGN)).hasSize(12);
    assertThat(report.rows("all")).hasSize(16);
    assertThat(report.rows()).hasSize(40);
  }

  @Test
  void theHalfYearlyReportPdfShowsEachSourceAndNamesNoAverage() throws IOException {
    byte[] pdf = printer.pdf(contents.satisfaction(FIRST_HALF));
    keep("satisfaction-report-2026-H1.pdf", pdf);
    String text = text(pdf);
    assertThat(text)
        .contains(s("Half-yearly satisfaction report 2026-H1 (2026-H1 半年度顾客满意度报告)"))
        .contains(
            s("Answers of the survey after a complaint: 12; of the yearly satisfaction survey: 8."))
        .contains(s("投诉后满意度调查的回答：12 条；年度顾客满意度调查的回答：8 条。"))
        .contains(s("Survey after a complaint: 12 answers (投诉后满意度调查：12 条回答)"))
        .contains(s("Yearly satisfaction survey: 8 answers (年度顾客满意度调查：8 条回答)"))
        .contains(s("Both sources together: 20 answers (两种来源合计：20 条回答)"))
        .contains(s("Strongest and weakest aspects (最强与最弱的方面)"))
        .contains(s("Responsiveness (响应速度)"))
        .contains(s("100.0 % satisfied, 0.0 % dissatisfied (满意 100.0 %，不满意 0.0 %)"))
        .contains("2024-H2", "2025-H1", "2025-H2", "2026-H1")
        .contains(s("66.7 % (3)"))
        .contains(s("50.0 % (2)"))
        .doesNotContainIgnoringCase("average")
        .doesNotContain("平均");
    // the sections in order: complaint, campaign, both
    int complaint = text.indexOf(s("Survey after a complaint: 12 answers"));
    int campaign = text.indexOf(s("Yearly satisfaction survey: 8 answers"));
    int both = text.indexOf(s("Both sources together: 20 answers"));
    assertThat(complaint).isPositive().isLessThan(campaign);
    assertThat(campaign).isLessThan(both);
  }

  // --- the schedule ---------------------------------------------------------------------------

  @Test
  void aReportIsDueOnTheFirstWorkingDayAfterItsPeriodByTheCalendar() {
    // National Day: 1-7 October 2026 off; the September report is due on Thursday 8 October
    assertThat(dates.due(LocalDate.of(2026, 10, 7)))
        .extracting(ReportPeriod::label)
        .containsExactly("2026-08", "2026-H1");
    assertThat(dates.due(LocalDate.of(2026, 10, 8)))
        .extracting(ReportPeriod::label)
        .containsExactly("2026-09", "2026-H1");
    // New Year: 1-3 January 2027 off; the December and second-half reports on Monday 4 January
    assertThat(dates.dueDate(ReportPeriod.halfYear(2026, 2))).isEqualTo(LocalDate.of(2027, 1, 4));
    assertThat(dates.due(LocalDate.of(2027, 1, 3)))
        .extracting(ReportPeriod::label)
        .containsExactly("2026-11", "2026-H1");
    assertThat(dates.due(LocalDate.of(2027, 1, 4)))
        .extracting(ReportPeriod::label)
        .containsExactly("2026-12", "2026-H2");
    // the first half: Wednesday 1 July 2026
    assertThat(dates.dueDate(FIRST_HALF)).isEqualTo(LocalDate.of(2026, 7, 1));
    // a make-up working Saturday is a working day: 1 August 2026 when the calendar says so
    assertThat(dates.firstWorkingDay(YearMonth.of(2026, 8))).isEqualTo(LocalDate.of(2026, 8, 3));
    calendar.setDay(LocalDate.of(2026, 8, 1), DayKind.WORKDAY, "test make-up day");
    try {
      assertThat(dates.firstWorkingDay(YearMonth.of(2026, 8))).isEqualTo(LocalDate.of(2026, 8, 1));
      assertThat(dates.due(LocalDate.of(2026, 8, 1)))
          .extracting(ReportPeriod::label)
          .contains("2026-07");
    } finally {
      calendar.removeDay(LocalDate.of(2026, 8, 1));
    }
  }

  @Test
  void dueReportsAreStoredAndMailedOnceWithTheirPdfToEachRecipientGroup() throws IOException {
    assertThat(settings.recipientGroups()).containsExactly("quality-management", "general-manager");
    assertThat(delivery.sendDue())
        .extracting(ReportPeriod::label)
        .containsExactlyInAnyOrder("2026-11", "2026-H1");
    assertThat(delivery.sendDue()).as("the next run finds them sent").isEmpty();
    clock(NOW.plusDays(1));
    assertThat(delivery.sendDue()).as("and so does the next day's").isEmpty();

    ManagementReports.Stored stored = reports.find(NOVEMBER).orElseThrow();
    assertThat(stored.report().generatedBy()).isEqualTo("system");
    assertThat(stored.report().recipients()).isEqualTo("quality-management,general-manager");
    assertThat(text(stored.content())).contains(s("Monthly quality report 2026-11"));

    List<Map<String, Object>> mails =
        jdbc.sql(
                "select n.id, n.recipient_group, n.subject, n.body, a.file_name, a.content_type,"
                    + " a.sha256, a.attachment_id from notification n join notification_attachment"
                    + " a on a.notification_id = n.id where n.business_key = ? order by n.id")
            .param(NOVEMBER.businessKey())
            .query()
            .listOfRows();
    assertThat(mails)
        .extracting(m -> m.get("RECIPIENT_GROUP"))
        .containsExactly("quality-management", "general-manager");
    assertThat(mails)
        .allSatisfy(
            m -> {
              assertThat(m.get("FILE_NAME")).isEqualTo("quality-report-2026-11.pdf");
              assertThat(m.get("CONTENT_TYPE")).isEqualTo("application/pdf");
              assertThat(m.get("SHA256")).isEqualTo(stored.report().sha256());
              assertThat(m.get("ATTACHMENT_ID")).isNull();
              assertThat((String) m.get("SUBJECT"))
                  .isEqualTo("2026-11 月度质量报告 / Monthly quality report 2026-11");
              assertThat((String) m.get("BODY"))
                  .contains("quality-report-2026-11.pdf", "/reports/", "附件为");
            });

    // the outbox mails the PDF the row carries
    MailGateway gateway = mock(MailGateway.class);
    when(gateway.configured()).thenReturn(true);
    OutboxDispatcher dispatcher =
        new OutboxDispatcher(jdbc, gateway, directory, mailSettings, clock);
    dispatcher.dispatch(clock.instant());
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<MailGateway.File>> files = ArgumentCaptor.forClass(List.class);
    verify(gateway, org.mockito.Mockito.atLeast(2))
        .send(any(), anyString(), anyString(), files.capture());
    List<MailGateway.File> pdfs =
        files.getAllValues().stream()
            .flatMap(List::stream)
            .filter(f -> f.name().equals("quality-report-2026-11.pdf"))
            .toList();
    assertThat(pdfs).hasSize(2);
    assertThat(pdfs).allSatisfy(f -> assertThat(f.content()).isEqualTo(stored.content()));
    assertThat(
            jdbc.sql("select distinct status from notification where business_key = ?")
                .param(NOVEMBER.businessKey())
                .query(String.class)
                .list())
        .containsExactly("SENT");
  }

  @Test
  void twoNodesSendingTheSameReportAtOnceSendItOnce() throws Exception {
    ReportPeriod october = ReportPeriod.month(YearMonth.of(2026, 10));
    CountDownLatch start = new CountDownLatch(1);
    Callable<Boolean> node =
        () -> {
          start.await();
          return delivery.sendOnce(october, "system");
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
    assertThat(count("select count(*) from management_report where period = '2026-10'"))
        .isEqualTo(1);
    assertThat(notificationsOf(october)).isEqualTo(2);

    // a node that checked before the other committed: its insert fails, nothing of it remains
    ReportPeriod september = ReportPeriod.month(YearMonth.of(2026, 9));
    ManagementReports blind =
        new ManagementReports(jdbc) {
          @Override
          public boolean exists(ReportPeriod period) {
            return false;
          }
        };
    ReportDelivery late =
        new ReportDelivery(
            contents,
            printer,
            blind,
            notifications,
            settings,
            dates,
            mailSettings,
            messages,
            transactions,
            clock);
    assertThat(delivery.sendOnce(september, "system")).isTrue();
    String sha = reports.find(september).orElseThrow().report().sha256();
    clock(NOW.plusMinutes(5));
    assertThat(late.sendOnce(september, "system")).isFalse();
    assertThat(reports.find(september).orElseThrow().report().sha256()).isEqualTo(sha);
    assertThat(notificationsOf(september)).isEqualTo(2);
    assertThat(
            count(
                "select count(*) from notification_attachment a join notification n on n.id ="
                    + " a.notification_id where n.business_key = 'monthly 2026-09'"))
        .isEqualTo(2);
  }

  // --- API and page ---------------------------------------------------------------------------

  @Test
  void managementReadsTheSentReportsAndGeneratesAnyEndedPeriodOnDemand() throws Exception {
    ReportPeriod august = ReportPeriod.month(YearMonth.of(2026, 8));
    delivery.sendOnce(august, "system");
    byte[] stored = reports.find(august).orElseThrow().content();

    mvc.perform(get("/api/reports").header("Authorization", basic("gm")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recipientGroups[0]").value("quality-management"))
        .andExpect(
            jsonPath("$.sent[?(@.period == '2026-08')].fileName")
                .value("quality-report-2026-08.pdf"));
    byte[] download =
        mvc.perform(
                get("/api/reports/monthly/2026-08.pdf")
                    .header("Authorization", basic("qualitymanager")))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "application/pdf"))
            .andExpect(header().string("X-Report-Stored", "true"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(download).as("the PDF that was mailed").isEqualTo(stored);

    long before = count("select count(*) from management_report");
    long mailsBefore = count("select count(*) from notification");
    byte[] onDemand =
        mvc.perform(
                get("/api/reports/half-yearly/2025-H2.pdf")
                    .header("Authorization", basic("salesmanager")))
            .andExpect(status().isOk())
            .andExpect(header().string("X-Report-Stored", "false"))
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        "attachment; filename=\"satisfaction-report-2025-H2.pdf\""))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(text(onDemand)).contains(s("Half-yearly satisfaction report 2025-H2"));
    assertThat(count("select count(*) from management_report")).as("a read").isEqualTo(before);
    assertThat(count("select count(*) from notification")).isEqualTo(mailsBefore);

    // refusals: at the field, in the caller's language
    mvc.perform(
            get("/api/reports/monthly/2026-12.pdf")
                .header("Authorization", basic("gm"))
                .header("Accept-Language", "zh-CN"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("period"))
        .andExpect(jsonPath("$.errors[0].message").value("期间 2026-12 尚未结束；其报告可从 2027-01-01 起生成"));
    mvc.perform(get("/api/reports/monthly/2026-13.pdf").header("Authorization", basic("gm")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("period"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("period must be a month like 2026-11, not '2026-13'"));
    mvc.perform(get("/api/reports/half-yearly/2026-H3.pdf").header("Authorization", basic("gm")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("period"));
    mvc.perform(get("/api/reports/weekly/2026-11.pdf").header("Authorization", basic("gm")))
        .andExpect(status().isNotFound());
    for (String user : List.of("quality", "clerk", "sales", "engineer", "owner")) {
      mvc.perform(get("/api/reports").header("Authorization", basic(user)))
          .andExpect(status().isForbidden());
      mvc.perform(get("/api/reports/monthly/2026-08.pdf").header("Authorization", basic(user)))
          .andExpect(status().isForbidden());
    }
  }

  @Test
  void theReportsPageListsTheSentReportsWithTheirPdfsInTheReadersLanguage() throws Exception {
    delivery.sendOnce(ReportPeriod.month(YearMonth.of(2026, 7)), "system");
    String zh =
        mvc.perform(
                get("/reports/")
                    .header("Accept-Language", "zh-CN,zh;q=0.9")
                    .session(com.qmsflow.web.WebTestSupport.signedIn("qualitymanager")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(zh)
        .contains("管理报告", "月度质量报告", "2026-07")
        .contains("href=\"/api/reports/monthly/2026-07.pdf\"")
        .contains("quality-management,general-manager")
        .contains("value=\"2026-11\"", "data-example=\"2026-H1\"")
        .doesNotContain("??");
    String en =
        mvc.perform(
                get("/reports/")
                    .header("Accept-Language", "en")
                    .session(com.qmsflow.web.WebTestSupport.signedIn("gm")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(en).contains("Reports to management", "Monthly quality report", "Download");
    mvc.perform(
            get("/reports/")
                .header("Accept-Language", "en")
                .session(com.qmsflow.web.WebTestSupport.signedIn("quality")))
        .andExpect(status().isForbidden());
  }

  // --- helpers --------------------------------------------------------------------------------

  private JsonNode rows(String figure, String month) throws Exception {
    return rows(figure, month, null);
  }

  private JsonNode rows(String figure, String month, String source) throws Exception {
    var request =
        get("/api/dashboard/" + figure).param("month", month).header("Authorization", basic("gm"));
    if (source != null) {
      request.param("source", source);
    }
    String body =
        mvc.perform(request)
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return json.readTree(body).path("rows");
  }

  /** As the API writes it and a client reads it (numbers as JSON numbers, nulls left out). */
  private JsonNode tree(Object value) throws IOException {
    return json.readTree(json.writeValueAsString(value));
  }

  private static SatisfactionReport.Row row(
      SatisfactionReport r, String source, String tier, String aspect) {
    return r.rows(source).stream()
        .filter(x -> x.tier().equals(tier) && x.aspect().equals(aspect))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> extreme(
      List<SatisfactionReport.Extreme> list, String source, String tier) {
    return list.stream()
        .filter(e -> e.source().equals(source) && e.tier().equals(tier))
        .findFirst()
        .orElseThrow()
        .aspects();
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      // cells wrap lines anywhere: compare without any whitespace
      return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
    }
  }

  /** Leaves the PDFs of the known data set in target/management-reports/ to look at. */
  private static void keep(String name, byte[] pdf) throws IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "management-reports");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name), pdf);
  }

  /** The expected text as {@link #text} compares it: without whitespace. */
  static String s(String text) {
    return text.replaceAll("\\s+", "");
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private long notificationsOf(ReportPeriod period) {
    return jdbc.sql("select count(*) from notification where business_key = ?")
        .param(period.businessKey())
        .query(Long.class)
        .single();
  }

  private ComplaintScenario start(String customer, String batch) {
    Map<String, Object> intake = intake(customer, batch, "BREAKAGE");
    return ComplaintScenario.start(engine, intake).runJobs();
  }

  private Task task(ComplaintScenario c, String key) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey(key)
            .singleResult();
    assertThat(task).as("open task %s", key).isNotNull();
    return task;
  }

  /** Completes the task an hour before its due date. */
  private void onTime(ComplaintScenario c, String key) {
    Task task = task(c, key);
    assertThat(task.getDueDate()).as("%s has a due date", key).isNotNull();
    clock(task.getDueDate().toInstant().atZone(SHANGHAI).minus(Duration.ofHours(1)));
    c.complete(key).runJobs();
  }

  private static Timestamp ts(ZonedDateTime time) {
    return time == null ? null : Timestamp.from(time.toInstant());
  }

  private void complaint(
      String number,
      String customer,
      String tier,
      String defect,
      ZonedDateTime received,
      ZonedDateTime closed) {
    jdbc.sql(
            """
            insert into complaint (complaint_number, process_instance_id, customer_code, tier, category, channel,
              product_name, batch_number, defect_code, description, status, received_at, closed_at)
            values (?, ?, ?, ?, 'quality', 'email', 'Mono PERC module 550 W', ?, ?, 'Registered for the report test', ?, ?, ?)\
            """)
        .params(
            number,
            "pi-" + number.substring(number.length() - 6),
            customer,
            tier,
            "B-" + number,
            defect,
            closed == null ? "OPEN" : "CLOSED",
            ts(received),
            ts(closed))
        .update();
  }

  private void value(String instance, String name, String text, ZonedDateTime at) {
    jdbc.sql(
            "insert into record_value (process_instance_id, task_id, name, value_type, text_value,"
                + " recorded_at) values (?, ?, ?, 'string', ?, ?)")
        .params(instance, "task-" + name + "-" + at.getDayOfMonth(), name, text, ts(at))
        .update();
  }

  private void escalation(String key, String taskId, int level, String group, ZonedDateTime at) {
    jdbc.sql(
            """
            insert into escalation (business_key, process_instance_id, task_id, task_definition_key, task_name,
              escalation_level, escalated_to_group, escalated_at)
            values (?, 'pi-escalation', ?, 'userTaskReplyInWriting', 'Reply in writing', ?, ?, ?)\
            """)
        .params(key, taskId, level, group, ts(at))
        .update();
  }

  private void eightD(String number, String title, ZonedDateTime raised, ZonedDateTime closed) {
    jdbc.sql(
            "insert into corrective_action (eight_d_number, problem_title, status, raised_at,"
                + " closed_at) values (?, ?, ?, ?, ?)")
        .params(number, title, closed == null ? "OPEN" : "CLOSED", ts(raised), ts(closed))
        .update();
  }

  private void campaign(String number, int year, ZonedDateTime planned) {
    jdbc.sql(
            """
            insert into survey_campaign (campaign_number, campaign_year, questionnaire_version, aspects,
              starts_on, customer_selection, customer_count, planned_by, planned_at)
            values (?, ?, 'Q1', 'quality,delivery,service,responsiveness', ?, 'LISTED', 2, 'salesmanager', ?)\
            """)
        .params(number, year, java.sql.Date.valueOf(planned.toLocalDate()), ts(planned))
        .update();
  }

  /** A campaign survey answered on the page: its answers have source CAMPAIGN, no complaint. */
  private void campaignSurvey(
      String number,
      String campaign,
      String customer,
      String tier,
      ZonedDateTime at,
      int... scores) {
    jdbc.sql(
            """
            insert into customer_survey (survey_number, campaign_number, customer_code, position, tier,
              sales_rep, state, channel, answered_at, answered_via)
            values (?, ?, ?, ?, ?, 'sales', 'ANSWERED', 'MAIL', ?, 'PAGE')\
            """)
        .params(number, campaign, customer, Integer.parseInt(number.substring(8)), tier, ts(at))
        .update();
    List<String> aspects = Arrays.asList("quality", "delivery", "service", "responsiveness");
    for (int i = 0; i < aspects.size(); i++) {
      jdbc.sql(
              """
              insert into satisfaction_survey (source, survey_number, customer_code, tier, aspect, score, surveyed_at)
              values ('CAMPAIGN', ?, ?, ?, ?, ?, ?)\
              """)
          .params(number, customer, tier, aspects.get(i), scores[i], ts(at))
          .update();
    }
  }

  private void survey(String number, String tier, ZonedDateTime at, int... scores) {
    complaint(
        number,
        "C00" + (1 + Math.abs(number.hashCode()) % 5),
        tier,
        "PACKAGING",
        at.minusDays(20),
        at.minusDays(1));
    List<String> aspects = Arrays.asList("quality", "delivery", "service", "responsiveness");
    for (int i = 0; i < aspects.size(); i++) {
      jdbc.sql(
              """
              insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score, surveyed_at)
              values (?, 'C001', ?, ?, ?, ?)\
              """)
          .params(number, tier, aspects.get(i), scores[i], ts(at))
          .update();
    }
  }
}
