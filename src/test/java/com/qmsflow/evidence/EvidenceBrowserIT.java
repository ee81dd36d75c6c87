package com.qmsflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser attaches a photo during a Tasklist step: the system Chromium, driven by {@code
 * src/test/browser/attach-evidence.mjs} (playwright-core, never downloading a browser), logs in as
 * {@code sales}, opens "Collect improvement evidence", claims it, follows the form's upload link,
 * uploads a PNG, sees it listed, comes back and completes the task. Screenshots go to {@code
 * target/browser/}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:evidence-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvidenceBrowserIT {

  private static final String STEP = "userTaskCollectImprovementEvidence";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AttachmentRepository attachments;

  @Test
  void salesAttachesAPhotoFromTasklistAndCompletesTheStep() throws Exception {
    BrowserScript.requireChromiumAndNode("EvidenceBrowserIT");

    ComplaintScenario complaint =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C014", "B-BROWSER-1", "LABEL"))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .complete("userTaskCorrectNonconformity");
    String number = (String) complaint.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(complaint.instance().getId())
            .taskDefinitionKey(STEP)
            .singleResult();
    assertThat(task).isNotNull();

    Path out = BrowserScript.outputDir();
    Path photo = out.resolve("pallet-with-protectors.png");
    Files.write(photo, TestEvidence.PNG);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "attach-evidence.mjs",
            Map.ofEntries(
                Map.entry("BASE_URL", "http://localhost:" + port),
                Map.entry("TASKLIST_USER", "sales"),
                Map.entry("TASKLIST_PASSWORD", "sales"),
                Map.entry("TASK_ID", task.getId()),
                Map.entry("COMPLAINT_NUMBER", number),
                Map.entry("STEP", STEP),
                Map.entry("FILE", photo.toString()),
                Map.entry("FIELD_LABEL", "Improvement evidence (改善证据)"),
                Map.entry("FIELD_VALUE", "Photo of the pallets packed with corner protectors")),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count())
        .as("the step is completed")
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(complaint.instance().getId())
                .variableName("improvementEvidence")
                .singleResult()
                .getValue())
        .isEqualTo("Photo of the pallets packed with corner protectors");
    List<Attachment> stored = attachments.findByOwner(OwnerKind.COMPLAINT, number);
    assertThat(stored)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.originalName()).isEqualTo("pallet-with-protectors.png");
              assertThat(a.uploadedBy()).isEqualTo("sales");
              assertThat(a.taskId()).isEqualTo(task.getId());
              assertThat(a.contentType()).isEqualTo("image/png");
            });
    assertThat(out.resolve("2-upload-page.png")).exists();
    assertThat(out.resolve("3-completed.png")).exists();
  }
}
