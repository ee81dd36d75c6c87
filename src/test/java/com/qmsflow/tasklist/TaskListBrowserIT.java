package com.qmsflow.tasklist;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.processtest.EscalationTimers;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tasklist's lists and start confirmation in a real browser (the system Chromium driven by {@code
 * src/test/browser/task-lists.mjs}), in English and Chinese: production's "My group's tasks" shows
 * number, customer, tier and severity on the card, the priority in words and the absolute due date
 * in plant time (the browser runs in another zone); the clerk's "Start process" names the new
 * complaint number. Screenshots go to {@code target/browser/task-lists-*.png}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:task-list-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskListBrowserIT {

  private static final String CORRECTION = "userTaskCorrectNonconformity";
  private static final DateTimeFormatter PLANT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  /** A minor complaint waiting at production's correction. */
  private ComplaintScenario atProductionsCorrection(String customer, String batch) {
    return ComplaintScenario.start(engine, intake(customer, batch, "BREAKAGE"))
        .complete("userTaskConfirmWithCustomer")
        .complete("userTaskInvestigateOnSite")
        .complete("userTaskAnalyseValidityAndCause")
        .complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate")
        .complete("userTaskContainSuspectStock");
  }

  private Task task(ComplaintScenario c, String key) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(c.instance().getId())
        .taskDefinitionKey(key)
        .singleResult();
  }

  @Test
  void productionsListShowsWhatMattersAndTheStartConfirmationNamesTheNumber() throws Exception {
    BrowserScript.requireChromiumAndNode("TaskListBrowserIT");
    ComplaintScenario tierA = atProductionsCorrection("C001", "B-LIST-A");
    ComplaintScenario escalated = atProductionsCorrection("C013", "B-LIST-ESC");
    EscalationTimers.fire(
        engine.getManagementService(), escalated.instance().getId(), CORRECTION, 1);
    Task correction = task(tierA, CORRECTION);
    assertThat(correction.getPriority()).isEqualTo(80);
    assertThat(task(escalated, CORRECTION).getPriority()).isEqualTo(90);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "task-lists.mjs",
            Map.of(
                "BASE_URL", "http://localhost:" + port,
                "NUMBER", tierA.instance().getBusinessKey(),
                "CUSTOMER", (String) tierA.variable("customerName"),
                "DUE", PLANT_TIME.format(correction.getDueDate().toInstant()),
                "ESCALATED_NUMBER", escalated.instance().getBusinessKey()),
            6);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    // the numbers the confirmations named are those of complaints that were started
    Matcher started = Pattern.compile("STARTED (en|zh) (CC-\\S+)").matcher(browser.output());
    int count = 0;
    while (started.find()) {
      count++;
      assertThat(
              engine
                  .getRuntimeService()
                  .createProcessInstanceQuery()
                  .processInstanceBusinessKey(started.group(2))
                  .processDefinitionKey("complaint-handling")
                  .count())
          .as("complaint %s", started.group(2))
          .isEqualTo(1);
    }
    assertThat(count).isEqualTo(2);
    for (String language : new String[] {"en", "zh"}) {
      assertThat(BrowserScript.outputDir().resolve("task-lists-production-" + language + ".png"))
          .exists();
      assertThat(BrowserScript.outputDir().resolve("task-lists-started-" + language + ".png"))
          .exists();
    }
  }
}
