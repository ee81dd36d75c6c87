package com.qmsflow.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.qmsflow.processtest.EscalationTimers;
import com.qmsflow.processtest.ProcessTest;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of {@code customer-satisfaction-survey}, each test the story of one campaign or one
 * customer's survey: planned and opened for listed or all customers; answered on paper; mailed and
 * answered on the answer page at once or after the reminder; unanswered and followed up (answered
 * or declined); low scores improved by a department or raised as an 8D, linked both ways; and the
 * escalation of an unsent questionnaire. Jobs and timers are executed explicitly; the coverage
 * listener fails the class unless every flow node and sequence flow was passed.
 */
@ProcessTest(
    properties = {
      "qms.test.process=customer-satisfaction-survey",
      "spring.datasource.url=jdbc:h2:mem:survey-process-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class CustomerSatisfactionSurveyProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
  static final Pattern LINK = Pattern.compile("/survey/([A-Za-z0-9_-]{43})");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired SurveyAnswerPages pages;

  @BeforeEach
  void customersAndClock() {
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    // the 8D process has its own tests: here a one-task stand-in, deployed last, is the called
    // "latest" version
    if (engine.getRepositoryService().createDeploymentQuery().deploymentName("8D stand-in").count()
        == 0) {
      engine
          .getRepositoryService()
          .createDeployment()
          .name("8D stand-in")
          .addClasspathResource("test-processes/corrective-action-stand-in.bpmn")
          .deploy();
    }
    for (String[] c :
        new String[][] {
          {"SVT01", "Sunrise Solar", "A", "sales"}, {"SVT02", "Harbour Glass", "B", "sales"}
        }) {
      jdbc.sql(
              "insert into customer (code, name, tier, sales_rep) select ?, ?, ?, ? where not"
                  + " exists (select 1 from customer where code = ?)")
          .params(c[0], c[1], c[2], c[3], c[0])
          .update();
      jdbc.sql(
              "insert into customer_contact (customer_code, name, email, language) select ?, ?,"
                  + " ?, 'en' where not exists (select 1 from customer_contact where"
                  + " customer_code = ?)")
          .params(c[0], "Buyer " + c[0], "buyer@" + c[0].toLowerCase() + ".example", c[0])
          .update();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- the campaign

  @Test
  void campaignForListedCustomersStartsOneSurveyPerCustomerAssignedToTheirSalesRep() {
    List<ProcessInstance> surveys = campaign("SVT01, SVT02");
    assertThat(surveys).hasSize(2);
    for (ProcessInstance survey : surveys) {
      Task send = task(survey, "userTaskSendQuestionnaire");
      assertThat(send.getAssignee()).isEqualTo("sales");
      assertThat(send).hasCandidateGroupAssociated("sales");
      assertThat(send.getDueDate()).isNotNull();
    }
    String campaign =
        jdbc.sql("select campaign_number from customer_survey where survey_number = ?")
            .param(surveys.get(0).getBusinessKey())
            .query(String.class)
            .single();
    assertThat(
            jdbc.sql("select aspects from survey_campaign where campaign_number = ?")
                .param(campaign)
                .query(String.class)
                .single())
        .isEqualTo("quality,delivery,service,responsiveness,packaging");
  }

  @Test
  void campaignForAllCustomersCoversEveryActiveCustomer() {
    ProcessInstance campaign =
        engine.getRuntimeService().startProcessInstanceByKey(SurveyVariables.PROCESS_KEY);
    complete(campaign, "userTaskPlanSurveyCampaign", "customerSelection", "all");
    runJobs(campaign);
    assertThat(campaign).isEnded().hasPassed("endEventCustomerSurveysStarted");
    int active =
        jdbc.sql("select count(*) from customer where active = true").query(Integer.class).single();
    assertThat(
            jdbc.sql(
                    "select count(*) from customer_survey s join survey_campaign k on"
                        + " k.campaign_number = s.campaign_number where k.process_instance_id = ?"
                        + " and s.process_instance_id is not null")
                .param(campaign.getId())
                .query(Integer.class)
                .single())
        .isEqualTo(active);
  }

  @Test
  void unknownListedCustomerIsRefusedAtTheFieldAndNothingStarts() {
    ProcessInstance campaign =
        engine.getRuntimeService().startProcessInstanceByKey(SurveyVariables.PROCESS_KEY);
    assertThatThrownBy(
            () -> complete(campaign, "userTaskPlanSurveyCampaign", "listedCustomers", "NOPE-1"))
        .hasMessageContaining("listedCustomers");
    assertThat(campaign).isWaitingAt("userTaskPlanSurveyCampaign");
  }

  // ---------------------------------------------------------------- one customer's survey

  @Test
  void paperAnswerWithoutLowScoresIsRecordedVisitedAndClosed() {
    ProcessInstance survey = campaign("SVT01").get(0);
    complete(survey, "userTaskSendQuestionnaire", paper(4, 5, 4, 3));
    runJobs(survey);
    complete(survey, "userTaskRecordOnSiteVisit");
    assertThat(survey)
        .isEnded()
        .hasPassed("gatewayMergeAnswered", "endEventSurveyClosed")
        .hasNotPassed("serviceTaskMailQuestionnaire", "userTaskDecideOnLowScores");
    assertThat(scores(survey.getBusinessKey()))
        .containsEntry("quality", 4)
        .containsEntry("packaging", 5)
        .hasSize(5);
    assertThat(row(survey, "state")).isEqualTo("CLOSED");
    assertThat(row(survey, "visit_participants")).isEqualTo("Mr Li (purchasing), our sales rep");
  }

  @Test
  void paperAnswerWithoutScoresIsRefusedAtTheFields() {
    ProcessInstance survey = campaign("SVT01").get(0);
    assertThatThrownBy(
            () ->
                complete(
                    survey,
                    "userTaskSendQuestionnaire",
                    "surveyChannel",
                    "paper",
                    "otherScores",
                    "packaging=9"))
        .hasMessageContaining("scoreQuality")
        .hasMessageContaining("otherScores");
    assertThat(survey).isWaitingAt("userTaskSendQuestionnaire");
    assertThat(scores(survey.getBusinessKey())).isEmpty();
  }

  @Test
  void mailedQuestionnaireAnsweredOnThePageWithALowScoreIsImprovedByTheDepartment() {
    ProcessInstance survey = campaign("SVT01").get(0);
    complete(survey, "userTaskSendQuestionnaire", "surveyChannel", "mail");
    runJobs(survey);
    assertThat(survey).isWaitingAt("gatewayAwaitAnswer");
    String token = token("survey-questionnaire:" + survey.getBusinessKey());
    assertThat(pages.submit(token, answers("1", "4", "4", "5", "4")).outcome())
        .isEqualTo(SurveyAnswerPages.Outcome.RECORDED);
    runJobs(survey);
    complete(survey, "userTaskRecordOnSiteVisit");
    assertThat(engine.getRuntimeService().getVariable(survey.getId(), "lowAspects"))
        .isEqualTo("quality");
    complete(survey, "userTaskDecideOnLowScores");
    Task improve = task(survey, "userTaskImproveLowScores");
    assertThat(improve).hasCandidateGroup("production");
    complete(survey, "userTaskImproveLowScores");
    assertThat(survey)
        .isEnded()
        .hasPassed("catchEventAnswerReceived", "userTaskImproveLowScores", "endEventSurveyClosed")
        .hasNotPassed("timerEventReminderDue");
    assertThat(row(survey, "improvement_actions")).isEqualTo("Second inspection of every lot");
    assertThat(row(survey, "responsible_department")).isEqualTo("production");
  }

  @Test
  void remindedCustomerAnswersWithALowScoreAndQualityManagementRaisesAnEightD() {
    ProcessInstance survey = campaign("SVT02").get(0);
    complete(survey, "userTaskSendQuestionnaire", "surveyChannel", "mail");
    runJobs(survey);
    String first = token("survey-questionnaire:" + survey.getBusinessKey());
    fireTimer(survey, "timerEventReminderDue");
    runJobs(survey);
    assertThat(survey).isWaitingAt("gatewayAwaitAnswerAfterReminder");
    String second = token("survey-reminder:" + survey.getBusinessKey());
    assertThat(second).isNotEqualTo(first);
    assertThat(pages.submit(first, answers("4", "4", "4", "4", "4")).outcome())
        .as("the first link stopped working")
        .isEqualTo(SurveyAnswerPages.Outcome.UNAVAILABLE);
    assertThat(pages.submit(second, answers("4", "2", "4", "4", "4")).outcome())
        .isEqualTo(SurveyAnswerPages.Outcome.RECORDED);
    runJobs(survey);
    complete(survey, "userTaskRecordOnSiteVisit");
    complete(
        survey,
        "userTaskDecideOnLowScores",
        "improvementKind",
        "corrective-action",
        "responsibleDepartment",
        null);
    runJobs(survey);
    ProcessInstance eightD =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(survey.getId())
            .singleResult();
    assertThat(eightD).as("8D started by the call activity").isNotNull();
    assertThat(engine.getRuntimeService().getVariable(eightD.getId(), "surveyNumber"))
        .isEqualTo(survey.getBusinessKey());
    assertThat(engine.getRuntimeService().getVariable(eightD.getId(), "problemTitle").toString())
        .contains(survey.getBusinessKey())
        .contains("delivery");
    Task d =
        engine.getTaskService().createTaskQuery().processInstanceId(eightD.getId()).singleResult();
    engine.getTaskService().complete(d.getId(), Map.of("eightDNumber", "8D-2026-0042"));
    assertThat(survey)
        .isEnded()
        .hasPassed(
            "serviceTaskRemindCustomer",
            "catchEventAnswerReceivedAfterReminder",
            "callActivityCorrectiveAction",
            "endEventSurveyClosed");
    assertThat(row(survey, "eight_d_number")).isEqualTo("8D-2026-0042");
    assertThat(row(survey, "improvement_kind")).isEqualTo("corrective-action");
  }

  @Test
  void unansweredSurveyIsFollowedUpByTheSalesRepWhoRecordsTheAnswer() {
    ProcessInstance survey = campaign("SVT01").get(0);
    complete(survey, "userTaskSendQuestionnaire", "surveyChannel", "mail");
    runJobs(survey);
    String token = token("survey-questionnaire:" + survey.getBusinessKey());
    fireTimer(survey, "timerEventReminderDue");
    runJobs(survey);
    fireTimer(survey, "timerEventAnswerOverdue");
    Task followUp = task(survey, "userTaskFollowUpUnansweredSurvey");
    assertThat(followUp.getAssignee()).isEqualTo("sales");
    String reminderToken = token("survey-reminder:" + survey.getBusinessKey());
    // an answer on the page now finds no waiting survey and stores nothing
    assertThat(pages.submit(reminderToken, answers("5", "5", "5", "5", "5")).outcome())
        .isEqualTo(SurveyAnswerPages.Outcome.UNAVAILABLE);
    assertThat(scores(survey.getBusinessKey())).isEmpty();
    assertThat(token).isNotNull();
    Map<String, Object> answered = paper(5, 4, 4, 4);
    answered.remove("surveyChannel");
    answered.put("followUpOutcome", "answered");
    complete(survey, "userTaskFollowUpUnansweredSurvey", answered);
    runJobs(survey);
    complete(survey, "userTaskRecordOnSiteVisit");
    assertThat(survey)
        .isEnded()
        .hasPassed("timerEventAnswerOverdue", "userTaskFollowUpUnansweredSurvey");
    assertThat(scores(survey.getBusinessKey())).containsEntry("quality", 5).hasSize(5);
    assertThat(row(survey, "answered_via")).isEqualTo("FOLLOW_UP");
  }

  @Test
  void customerWhoDeclinesIsStillVisitedAndTheSurveyCloses() {
    ProcessInstance survey = campaign("SVT01").get(0);
    complete(survey, "userTaskSendQuestionnaire", "surveyChannel", "mail");
    runJobs(survey);
    fireTimer(survey, "timerEventReminderDue");
    runJobs(survey);
    fireTimer(survey, "timerEventAnswerOverdue");
    complete(survey, "userTaskFollowUpUnansweredSurvey", "followUpOutcome", "declined");
    runJobs(survey);
    complete(survey, "userTaskRecordOnSiteVisit");
    assertThat(survey).isEnded().hasNotPassed("userTaskDecideOnLowScores");
    assertThat(scores(survey.getBusinessKey())).isEmpty();
    assertThat(row(survey, "state")).isEqualTo("DECLINED");
  }

  @Test
  void unsentQuestionnaireEscalatesToSalesManagementThenTheGeneralManager() {
    ProcessInstance survey = campaign("SVT02").get(0);
    EscalationTimers.fire(
        engine.getManagementService(), survey.getId(), "userTaskSendQuestionnaire", 1);
    assertThat(task(survey, "userTaskSendQuestionnaire"))
        .hasCandidateGroupAssociated("sales-management");
    EscalationTimers.fire(
        engine.getManagementService(), survey.getId(), "userTaskSendQuestionnaire", 2);
    Task task = task(survey, "userTaskSendQuestionnaire");
    assertThat(task).hasCandidateGroupAssociated("general-manager");
    assertThat(task.getPriority()).isEqualTo(100);
  }

  // ---------------------------------------------------------------- helpers

  /** Plans and opens a campaign for the listed customers; their surveys' instances, by code. */
  private List<ProcessInstance> campaign(String listed) {
    ProcessInstance campaign =
        engine.getRuntimeService().startProcessInstanceByKey(SurveyVariables.PROCESS_KEY);
    complete(campaign, "userTaskPlanSurveyCampaign", "listedCustomers", listed);
    runJobs(campaign);
    assertThat(campaign).isEnded();
    return jdbc
        .sql(
            "select s.survey_number from customer_survey s join survey_campaign k on"
                + " k.campaign_number = s.campaign_number where k.process_instance_id = ? order"
                + " by s.position")
        .param(campaign.getId())
        .query(String.class)
        .list()
        .stream()
        .map(
            number ->
                engine
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(number)
                    .singleResult())
        .toList();
  }

  private static Map<String, Object> valid(String key) {
    Map<String, Object> v = new HashMap<>();
    switch (key) {
      case "userTaskPlanSurveyCampaign" -> {
        v.put("campaignYear", 2026);
        v.put("questionnaireVersion", "Q-2026-1");
        v.put("extraAspects", "packaging");
        v.put("campaignStartDate", "2026-03-02");
        v.put("customerSelection", "listed");
      }
      case "userTaskRecordOnSiteVisit" -> {
        v.put("visitDate", "2026-03-02");
        v.put("visitParticipants", "Mr Li (purchasing), our sales rep");
        v.put("visitNotes", "Satisfied with quality; wants shorter lead times.");
      }
      case "userTaskDecideOnLowScores" -> {
        v.put("improvementKind", "improvement");
        v.put("responsibleDepartment", "production");
        v.put("improvementRequest", "Quality scored 1: check every lot before shipping.");
      }
      case "userTaskImproveLowScores" ->
          v.put("improvementActions", "Second inspection of every lot");
      default -> {}
    }
    return v;
  }

  private static Map<String, Object> paper(int quality, int delivery, int service, int resp) {
    Map<String, Object> v = new HashMap<>();
    v.put("surveyChannel", "paper");
    v.put("scoreQuality", quality);
    v.put("scoreDelivery", delivery);
    v.put("scoreService", service);
    v.put("scoreResponsiveness", resp);
    v.put("commentQuality", "stable");
    v.put("otherScores", "packaging=5 well packed");
    return v;
  }

  private static Map<String, String> answers(String... scores) {
    Map<String, String> form = new HashMap<>();
    String[] aspects = {"quality", "delivery", "service", "responsiveness", "packaging"};
    for (int i = 0; i < aspects.length; i++) {
      form.put("score-" + aspects[i], scores[i]);
      form.put("comment-" + aspects[i], "");
    }
    return form;
  }

  private void complete(ProcessInstance pi, String key, Object... overrides) {
    Map<String, Object> values = valid(key);
    for (int i = 0; i < overrides.length; i += 2) {
      values.put((String) overrides[i], overrides[i + 1]);
    }
    complete(pi, key, values);
  }

  private void complete(ProcessInstance pi, String key, Map<String, Object> values) {
    Map<String, Object> all = valid(key);
    all.putAll(values);
    all.values().removeIf(java.util.Objects::isNull);
    engine.getFormService().submitTaskForm(task(pi, key).getId(), all);
  }

  private Task task(ProcessInstance pi, String key) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey(key)
            .list();
    assertThat(tasks).as("open task %s", key).hasSize(1);
    return tasks.get(0);
  }

  /** The async continuations of the instance, as the job executor would run them. */
  private void runJobs(ProcessInstance pi) {
    List<Job> jobs;
    while (!(jobs =
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .messages()
                .list())
        .isEmpty()) {
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private void fireTimer(ProcessInstance pi, String activity) {
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(pi.getId())
            .timers()
            .activityId(activity)
            .singleResult();
    assertThat(timer).as("timer at %s", activity).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  private String token(String dedupKey) {
    String body =
        jdbc.sql("select body from notification where dedup_key = ?")
            .param(dedupKey)
            .query(String.class)
            .single();
    Matcher m = LINK.matcher(body);
    assertThat(m.find()).as("answer link in the mail").isTrue();
    return m.group(1);
  }

  private Map<String, Integer> scores(String surveyNumber) {
    Map<String, Integer> scores = new HashMap<>();
    jdbc.sql(
            "select aspect, score from satisfaction_survey where survey_number = ? and source ="
                + " 'CAMPAIGN'")
        .param(surveyNumber)
        .query(
            rs -> {
              scores.put(rs.getString(1), rs.getInt(2));
            });
    return scores;
  }

  private Object row(ProcessInstance pi, String column) {
    return jdbc.sql("select " + column + " from customer_survey where survey_number = ?")
        .param(pi.getBusinessKey())
        .query((rs, i) -> rs.getObject(1))
        .single();
  }
}
