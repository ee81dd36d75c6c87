package com.qmsflow.evidence;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evidence for process tests: the steps that need a file, and a small real PNG attached to a task
 * through the production repository (as an upload would store it).
 */
public final class TestEvidence {

  /** Task definition keys that cannot be completed without a file ({@link EvidenceRules}). */
  public static final Set<String> REQUIRED_STEPS =
      Set.of(
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness",
          "userTaskD3Containment",
          "userTaskD6Implement");

  /** A 1x1 PNG. */
  public static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  public static final String PNG_SHA256 = EvidenceService.sha256(PNG);

  private TestEvidence() {}

  /** Attaches {@code photo.png} to the open task, owned by the task's complaint or 8D report. */
  public static Attachment attach(ProcessEngine engine, Task task) {
    OwnerKind kind =
        task.getProcessDefinitionId().startsWith("corrective-action:")
            ? OwnerKind.CORRECTIVE_ACTION
            : OwnerKind.COMPLAINT;
    String number =
        (String)
            engine
                .getTaskService()
                .getVariable(
                    task.getId(),
                    kind == OwnerKind.CORRECTIVE_ACTION ? "eightDNumber" : "complaintNumber");
    DataSource dataSource =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    return new AttachmentRepository(JdbcClient.create(dataSource))
        .insert(
            kind,
            number,
            task.getTaskDefinitionKey(),
            task.getId(),
            "test",
            Instant.now(),
            "photo.png",
            FileType.PNG.contentType(),
            EvidenceService.sha256(PNG),
            PNG);
  }

  /** Attaches a file when the task's step requires one. */
  public static void attachIfRequired(ProcessEngine engine, Task task) {
    if (REQUIRED_STEPS.contains(task.getTaskDefinitionKey())) {
      attach(engine, task);
    }
  }
}
