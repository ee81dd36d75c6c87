package com.qmsflow.complaint.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.qmsflow.evidence.AttachmentView;
import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /api/complaints/{complaintNumber}}. Fields without a value are sent as
 * {@code null} (not left out), so clients always see the same shape.
 *
 * @param tier A/B/C, from the register or, before it is recorded there, the process variable
 * @param severity minor/serious, from the register (set when the complaint is closed) or the
 *     process variable; {@code null} until the complaint is classified
 * @param status {@code OPEN} or {@code CLOSED}
 * @param evidence the evidence files of the complaint and of the 8D reports it raised, with their
 *     download links
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ComplaintView(
    String complaintNumber,
    String customerCode,
    String customerName,
    String tier,
    String category,
    String severity,
    String status,
    Instant receivedAt,
    Instant closedAt,
    List<OpenTask> openTasks,
    List<EscalationEntry> escalations,
    String recurrenceResolution,
    List<AttachmentView> evidence) {

  /** An open user task of the complaint's process (or of a process it called). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OpenTask(
      String taskId,
      String name,
      String taskDefinitionKey,
      List<String> candidateGroups,
      String assignee,
      Instant due,
      int priority) {}

  /** A recorded escalation of an overdue task. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record EscalationEntry(
      String taskName, int level, String escalatedToGroup, Instant escalatedAt, Instant dueDate) {}
}
