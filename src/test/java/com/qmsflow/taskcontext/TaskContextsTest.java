package com.qmsflow.taskcontext;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The context the complaint forms show (issue 18.2): prepared from the project's records when a
 * task is created, bilingual, in plant time, and gone again when the task is completed, so that it
 * never becomes a finding of the record.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:task-context-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class TaskContextsTest {

  /** 09:00 in the plant is 01:00 UTC: a form showing UTC would show 01:00. */
  static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    for (String table :
        List.of(
            "satisfaction_survey",
            "escalation",
            "notification",
            "recurrence_meeting",
            "complaint")) {
      jdbc.sql("delete from " + table).update();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private Map<String, Object> context(ComplaintScenario c, String taskKey) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(c.instance().getId())
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as("open task %s", taskKey).isNotNull();
    return engine.getTaskService().getVariablesLocal(task.getId());
  }

  private static String text(Map<String, Object> context, com.qmsflow.variable.Variable<?> v) {
    return (String) context.get(v.name());
  }

  @Test
  void theMinorPathsFormsShowWhatEachStepDecidesOn() {
    ComplaintScenario c = ComplaintScenario.start(engine, intake("C010", "B-CTX-1", "BREAKAGE"));

    Map<String, Object> confirm = context(c, "userTaskConfirmWithCustomer");
    assertThat(text(confirm, TaskContextVariables.CATEGORY)).isEqualTo("Product quality (质量投诉)");
    assertThat(text(confirm, TaskContextVariables.CHANNEL)).isEqualTo("E-mail (邮件)");
    assertThat(text(confirm, TaskContextVariables.RECEIVED_AT)).isEqualTo("2026-03-02 09:00");

    c.complete("userTaskConfirmWithCustomer")
        .complete("userTaskInvestigateOnSite")
        .complete("userTaskAnalyseValidityAndCause");
    Map<String, Object> review = context(c, "userTaskReviewMinorSeverity");
    assertThat(text(review, TaskContextVariables.SEVERITY)).isEqualTo("minor (一般)");
    assertThat(text(review, TaskContextVariables.FINDINGS))
        .contains("**Confirm complaint (与客户确认投诉)**")
        .contains("On-site findings (现场调查结果): Corners cracked where the pallet straps")
        .contains(
            "Cause analysis (原因分析): Corner protectors missing at packing line 3 since the shift"
                + " change.")
        // a choice by its label, a checkbox as yes/no, both languages
        .contains("Origin of the cause (原因来源): Own plant (本厂)")
        .contains("Affects the whole batch (整批问题): No (否)")
        .contains(" · 2026-03-02 09:00")
        .doesNotContain("ownPlant");

    c.complete("userTaskReviewMinorSeverity").complete("userTaskCommitImprovementDate");
    assertThat(text(context(c, "userTaskContainSuspectStock"), TaskContextVariables.FINDINGS))
        .contains("Cause analysis (原因分析): Corner protectors missing at packing line 3")
        .doesNotContain("Confirm complaint");

    c.complete("userTaskContainSuspectStock")
        .complete("userTaskCorrectNonconformity")
        .complete("userTaskCollectImprovementEvidence");
    Map<String, Object> verify = context(c, "userTaskVerifyEffectiveness");
    assertThat(text(verify, TaskContextVariables.FINDINGS))
        .contains(
            "Corrective actions (纠正措施): Corner protectors added to the packing instruction of"
                + " line 3.")
        .contains("Improvement evidence (改善证据): Photos of 20 pallets packed with protectors")
        .contains("**Contain suspect stock (围堵可疑库存)**")
        .contains("**Commit improvement date (向客户承诺改善日期)**");

    List.of(
            "userTaskVerifyEffectiveness",
            "userTaskReplyInWriting",
            "userTaskRecordCustomerDecision",
            "userTaskFollowUpAfterDelivery",
            "userTaskAssessProcessStability",
            "userTaskStandardiseImprovement")
        .forEach(c::complete);
    c.runJobs();
    String summary =
        text(context(c, "userTaskArchiveComplaintRecords"), TaskContextVariables.RECORD_SUMMARY);
    assertThat(summary)
        .contains("**Steps done: 14 (已完成步骤：14)**")
        .contains("1. Confirm complaint (与客户确认投诉)")
        .contains("Verify effectiveness (验证改善效果)")
        .contains("Standardise improvement (改善标准化)")
        .contains("Severity")
        .contains("Evidence files: ")
        .contains("href=\"/complaints/" + c.variable("complaintNumber") + "\"");
    assertThat(summary.lines().filter(l -> l.matches("^\\d+\\. .*")).count())
        .as("one line per step done:\n%s", summary)
        .isEqualTo(14);

    c.complete("userTaskArchiveComplaintRecords").runJobs();
    // the context was never recorded as a finding, nor kept in the history as the step's values:
    // it stays the task's own (task-local) variables, which ended with each task
    assertThat(
            jdbc.sql("select count(*) from record_value where name like 'context%'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(c.instance().getId())
                .variableNameLike("context%")
                .list())
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.getTaskId()).isNotNull());
    assertThat(
            engine
                .getRuntimeService()
                .createVariableInstanceQuery()
                .processInstanceIdIn(c.instance().getId())
                .variableNameLike("context%")
                .count())
        .isZero();
  }

  @Test
  void theRecurrenceMeetingListsTheComplaintsOfTheBatchAndDefect() {
    List<String> numbers =
        Stream.of("C002", "C003", "C004")
            .map(
                customer ->
                    ComplaintScenario.start(
                            engine, intake(customer, "B-CTX-REPEAT", "PULL-STRENGTH"))
                        .complete("userTaskConfirmWithCustomer")
                        .complete("userTaskInvestigateOnSite"))
            .map(c -> (String) c.variable("complaintNumber"))
            .toList();
    Task meeting =
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("userTaskHoldQualityAnalysisMeeting")
            .singleResult();
    String list =
        (String)
            engine
                .getTaskService()
                .getVariableLocal(
                    meeting.getId(), TaskContextVariables.RECURRENCE_COMPLAINTS.name());
    assertThat(list.lines()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(list.lines().toList().get(i))
          .startsWith((i + 1) + ". <a href=\"/complaints/" + numbers.get(i) + "\"")
          .contains("received (接收于) 2026-03-02 09:00")
          .contains("(C00" + (i + 2) + ")");
    }
    assertThat(list.lines().toList().get(2)).endsWith("this complaint (本投诉)");
  }

  @Test
  void aTypedTextShowsAsTyped() {
    assertThat(Markdown.escape("**bold** <script>\n# heading & [link](x)"))
        .isEqualTo("\\*\\*bold\\*\\* &lt;script> # heading &amp; \\[link\\](x)");
  }

  /** Every context a form shows is one the listener prepares (a typo shows nothing). */
  @Test
  void everyContextAFormNamesIsPrepared() throws Exception {
    Set<String> prepared = new HashSet<>();
    TaskContextVariables.ALL.forEach(v -> prepared.add(v.name()));
    Set<String> named = new HashSet<>();
    Pattern context = Pattern.compile("\\bcontext[A-Z]\\w*");
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        for (JsonNode component : json.readTree(form.toFile()).path("components")) {
          String texts = component.path("text").asText("") + component.path("conditional");
          Matcher m = context.matcher(texts);
          while (m.find()) {
            named.add(m.group());
          }
        }
      }
    }
    assertThat(named).isNotEmpty();
    assertThat(prepared).containsAll(named);
  }
}
