package com.qmsflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser attaches a photo during a Tasklist step: the system Chromium, driven by
 * {@code src/test/browser/attach-evidence.mjs} (playwright-core, never downloading a browser), logs
 * in as {@code sales}, opens "Collect improvement evidence", claims it, follows the form's upload
 * link, uploads a PNG, sees it listed, comes back and completes the task. Screenshots go to
 * {@code target/browser/}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:evidence-browser-it;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvidenceBrowserIT {

  private static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");
  private static final String STEP = "userTaskCollectImprovementEvidence";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AttachmentRepository attachments;

  @Test
  void salesAttachesAPhotoFromTasklistAndCompletesTheStep() throws Exception {
    skipWithReasonUnless(Files.isExecutable(Paths.get(CHROMIUM)), "no Chromium at " + CHROMIUM);
    skipWithReasonUnless(onPath("node") && onPath("npm"), "Node.js (node, npm) is not on the PATH");
    Path root = Paths.get("").toAbsolutePath();
    if (!Files.isRegularFile(root.resolve("node_modules/playwright-core/package.json"))) {
      Result install = run(root, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5);
      assertThat(install.exitCode).as("npm ci:\n%s", install.output).isZero();
    }

    ComplaintScenario complaint = ComplaintScenario.start(engine, ComplaintScenario.intake("C014", "B-BROWSER-1", "LABEL"))
        .complete("userTaskConfirmWithCustomer").complete("userTaskInvestigateOnSite")
        .complete("userTaskAnalyseValidityAndCause").complete("userTaskReviewMinorSeverity")
        .complete("userTaskCommitImprovementDate").complete("userTaskContainSuspectStock")
        .complete("userTaskCorrectNonconformity");
    String number = (String) complaint.variable("complaintNumber");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(complaint.instance().getId())
        .taskDefinitionKey(STEP).singleResult();
    assertThat(task).isNotNull();

    Path out = root.resolve("target/browser");
    Files.createDirectories(out);
    Path photo = out.resolve("pallet-with-protectors.png");
    Files.write(photo, TestEvidence.PNG);

    Result browser = run(root, List.of("node", "src/test/browser/attach-evidence.mjs"), Map.ofEntries(
        Map.entry("BASE_URL", "http://localhost:" + port),
        Map.entry("TASKLIST_USER", "sales"),
        Map.entry("TASKLIST_PASSWORD", "sales"),
        Map.entry("TASK_ID", task.getId()),
        Map.entry("COMPLAINT_NUMBER", number),
        Map.entry("STEP", STEP),
        Map.entry("FILE", photo.toString()),
        Map.entry("FIELD_LABEL", "Improvement evidence (改善证据)"),
        Map.entry("FIELD_VALUE", "Photo of the pallets packed with corner protectors"),
        Map.entry("OUT_DIR", out.toString()),
        Map.entry("CHROMIUM", CHROMIUM),
        Map.entry("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")), 4);
    System.out.println(browser.output);
    assertThat(browser.exitCode).as("browser script:\n%s", browser.output).isZero();

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("the step is completed").isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(complaint.instance().getId())
        .variableName("improvementEvidence").singleResult().getValue())
        .isEqualTo("Photo of the pallets packed with corner protectors");
    List<Attachment> stored = attachments.findByOwner(OwnerKind.COMPLAINT, number);
    assertThat(stored).singleElement().satisfies(a -> {
      assertThat(a.originalName()).isEqualTo("pallet-with-protectors.png");
      assertThat(a.uploadedBy()).isEqualTo("sales");
      assertThat(a.taskId()).isEqualTo(task.getId());
      assertThat(a.contentType()).isEqualTo("image/png");
    });
    assertThat(out.resolve("2-upload-page.png")).exists();
    assertThat(out.resolve("3-completed.png")).exists();
  }

  private static void skipWithReasonUnless(boolean condition, String reason) {
    if (!condition) {
      String message = "EvidenceBrowserIT skipped: " + reason;
      System.out.println(message);
      Assumptions.assumeTrue(false, message);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path dir, List<String> command, Map<String, String> env, long timeoutMinutes)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("evidence-browser", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutMinutes + " min\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
