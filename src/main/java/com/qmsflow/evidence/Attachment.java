package com.qmsflow.evidence;

import java.time.Instant;

/**
 * The metadata of one stored evidence file (the bytes are read separately).
 *
 * @param step the task definition key it was uploaded on, or {@code intake}
 * @param taskId the Camunda task it was uploaded on; {@code null} for intake files
 */
public record Attachment(
    long id,
    OwnerKind ownerKind,
    String ownerNumber,
    String step,
    String taskId,
    String uploadedBy,
    Instant uploadedAt,
    String originalName,
    String contentType,
    long size,
    String sha256) {

  /** Where it is downloaded. */
  public String downloadUrl() {
    return "/api/attachments/" + id + "/content";
  }
}
