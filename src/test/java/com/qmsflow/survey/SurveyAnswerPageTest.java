package com.qmsflow.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The customer's answer page of a mailed questionnaire: reachable by the mail's token only, in the
 * contact's language (or the one asked for), 404 for a wrong, replaced or expired token, a clear
 * message at each field for hostile or incomplete input with nothing stored, one answer only (a
 * second submission is 409), and 429 past the rate limits.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:survey-answer-page-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.survey.answer-link.requests-per-minute-per-address=8",
      "qms.survey.answer-link.requests-per-minute-per-token=6",
      "qms.mail.base-url=https://qms.example.com"
    })
@AutoConfigureMockMvc
class SurveyAnswerPageTest {

  static final ZonedDateTime MONDAY_9 =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
  static final Pattern LINK =
      Pattern.compile("https://qms\\.example\\.com/survey/([A-Za-z0-9_-]{43})");
  static final List<String> ASPECTS =
      List.of("quality", "delivery", "service", "responsiveness", "packaging");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  private static int address = 10;

  private ProcessInstance survey;
  private String token;

  @BeforeEach
  void mailedSurvey() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_9.toInstant()));
    jdbc.sql(
            "insert into customer (code, name, tier, sales_rep) select 'SVP01', 'Sunrise Solar"
                + " Ltd', 'A', 'sales' where not exists (select 1 from customer where code ="
                + " 'SVP01')")
        .update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, email, language) select 'SVP01',"
                + " 'Mary Miller', 'mary@sunrise.example', 'en' where not exists (select 1 from"
                + " customer_contact where customer_code = 'SVP01')")
        .update();
    ProcessInstance campaign =
        engine.getRuntimeService().startProcessInstanceByKey(SurveyVariables.PROCESS_KEY);
    engine
        .getFormService()
        .submitTaskForm(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(campaign.getId())
                .singleResult()
                .getId(),
            Map.of(
                "campaignYear", 2026,
                "questionnaireVersion", "Q-2026-1",
                "extraAspects", "packaging",
                "campaignStartDate", "2026-03-02",
                "customerSelection", "listed",
                "listedCustomers", "SVP01"));
    runJobs(campaign.getId());
    String number =
        jdbc.sql(
                "select s.survey_number from customer_survey s join survey_campaign k on"
                    + " k.campaign_number = s.campaign_number where k.process_instance_id = ?")
            .param(campaign.getId())
            .query(String.class)
            .single();
    survey =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult();
    engine
        .getFormService()
        .submitTaskForm(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(survey.getId())
                .singleResult()
                .getId(),
            Map.of("surveyChannel", "mail", "contactEmail", "mary@sunrise.example"));
    runJobs(survey.getId());
    String body =
        jdbc.sql("select body from notification where dedup_key = ?")
            .param("survey-questionnaire:" + number)
            .query(String.class)
            .single();
    Matcher m = LINK.matcher(body);
    assertThat(m.find()).as("link in the mail").isTrue();
    token = m.group(1);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theLinkOpensTheQuestionnaireInTheContactsLanguageOrTheOneAskedFor() throws Exception {
    String page =
        mvc.perform(get("/survey/{t}", token).with(from()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("Satisfaction survey for Sunrise Solar Ltd")
        .contains("Product quality")
        .contains("name=\"score-packaging\"")
        .doesNotContain("<script");
    mvc.perform(get("/survey/{t}?lang=zh", token).with(from()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("产品质量")));
  }

  @Test
  void aWrongMalformedOrExpiredTokenFindsNothing() throws Exception {
    String other = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");
    for (String wrong : List.of(other, "short", "' or 1=1 --")) {
      mvc.perform(get("/survey/{t}", wrong).with(from()))
          .andExpect(status().isNotFound())
          .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"notice\"")));
    }
    // a path that leaves /survey/ never reaches the page
    mvc.perform(get("/survey/../../etc/passwd").with(from())).andExpect(status().isNotFound());
    ClockUtil.setCurrentTime(Date.from(MONDAY_9.toInstant().plus(Duration.ofDays(61))));
    mvc.perform(get("/survey/{t}", token).with(from())).andExpect(status().isNotFound());
    mvc.perform(answer(token, "4", "4", "4", "4", "4")).andExpect(status().isNotFound());
    assertThat(stored()).isZero();
  }

  @Test
  void hostileOrIncompleteAnswersAreRefusedAtTheirFieldsAndNothingIsStored() throws Exception {
    MockHttpServletRequestBuilder request =
        post("/survey/{t}", token)
            .with(from())
            .param("score-quality", "6")
            .param("score-delivery", "<script>alert(1)</script>")
            .param("score-service", "2.5")
            .param("comment-service", "<b>bold</b> & \"quoted\"")
            .param("comment-responsiveness", "x".repeat(1001))
            .param("score-responsiveness", "3");
    String page =
        mvc.perform(request)
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("id=\"error-score-quality\"")
        .contains("id=\"error-score-delivery\"")
        .contains("id=\"error-score-service\"")
        .contains("id=\"error-comment-responsiveness\"")
        .contains("id=\"error-score-packaging\"")
        .doesNotContain("id=\"error-score-responsiveness\"")
        .contains("Please choose a score from 1 to 5.")
        // what was typed is kept, escaped
        .contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;")
        .doesNotContain("<script>alert(1)</script>")
        .doesNotContain("<b>bold</b>");
    assertThat(stored()).isZero();
    assertThat(engine.getRuntimeService().getActiveActivityIds(survey.getId()))
        .contains("gatewayAwaitAnswer");
  }

  @Test
  void answersAreStoredOnceAndASecondSubmissionIsRefused() throws Exception {
    mvc.perform(
            answer(token, "5", "4", "2", "3", "4")
                .param("comment-service", "<img src=x onerror=alert(1)> slow\u0007 replies"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Thank you")));
    assertThat(stored()).isEqualTo(5);
    assertThat(
            jdbc.sql(
                    "select answer_comment from satisfaction_survey where survey_number = ? and"
                        + " aspect = 'service'")
                .param(survey.getBusinessKey())
                .query(String.class)
                .single())
        .isEqualTo("<img src=x onerror=alert(1)> slow replies");
    assertThat(engine.getRuntimeService().getActiveActivityIds(survey.getId()))
        .doesNotContain("gatewayAwaitAnswer");
    mvc.perform(answer(token, "1", "1", "1", "1", "1"))
        .andExpect(status().isConflict())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("already been answered")));
    mvc.perform(get("/survey/{t}", token).with(from()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("already been answered")));
    assertThat(stored()).isEqualTo(5);
    assertThat(
            jdbc.sql(
                    "select score from satisfaction_survey where survey_number = ? and aspect ="
                        + " 'quality'")
                .param(survey.getBusinessKey())
                .query(Integer.class)
                .single())
        .isEqualTo(5);
  }

  @Test
  void tooManyRequestsForOneTokenAreRefused() throws Exception {
    int refused = 0;
    for (int i = 0; i < 8; i++) {
      int code =
          mvc.perform(get("/survey/{t}", token).with(from())).andReturn().getResponse().getStatus();
      if (code == 429) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(2);
  }

  private MockHttpServletRequestBuilder answer(String t, String... scores) {
    MockHttpServletRequestBuilder request = post("/survey/{t}", t).with(from());
    for (int i = 0; i < scores.length; i++) {
      request.param("score-" + ASPECTS.get(i), scores[i]);
    }
    return request;
  }

  /** Each request from its own address, so only the per-token limit counts. */
  private static RequestPostProcessor from() {
    String a = "198.51.100." + (address++ % 250 + 1);
    return request -> {
      request.setRemoteAddr(a);
      return request;
    };
  }

  private int stored() {
    return jdbc.sql("select count(*) from satisfaction_survey where survey_number = ?")
        .param(survey.getBusinessKey())
        .query(Integer.class)
        .single();
  }

  private void runJobs(String processInstanceId) {
    List<Job> jobs;
    while (!(jobs =
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .messages()
                .list())
        .isEmpty()) {
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }
}
