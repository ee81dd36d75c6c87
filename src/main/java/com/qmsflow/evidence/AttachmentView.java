package com.qmsflow.evidence;

import java.time.Instant;

/** The metadata of one file as the API shows it: in the evidence API and in a complaint's view. */
public record AttachmentView(
    long id,
    String ownerKind,
    String ownerNumber,
    String step,
    String uploadedBy,
    Instant uploadedAt,
    String name,
    String contentType,
    long size,
    String sha256,
    String downloadUrl) {

  public static AttachmentView of(Attachment a) {
    return new AttachmentView(
        a.id(),
        a.ownerKind().value(),
        a.ownerNumber(),
        a.step(),
        a.uploadedBy(),
        a.uploadedAt(),
        a.originalName(),
        a.contentType(),
        a.size(),
        a.sha256(),
        a.downloadUrl());
  }
}
