package com.qmsflow.change.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of {@code GET /api/changes/{changeNumber}}: the register row, every review and
 * implementation record, and the open tasks. Fields without a value are sent as {@code null}.
 *
 * @param state {@code CUSTOMER_CONFIRMATION}, {@code IN_REVIEW}, {@code RETURNED}, {@code REVISED},
 *     {@code APPROVAL}, {@code NOTICE}, {@code IMPLEMENTATION}, {@code FIRST_LOT_CHECK}, or one of
 *     the final states {@code CLOSED}, {@code REJECTED}, {@code WITHDRAWN}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeView(
    String changeNumber,
    String state,
    String changeType,
    String contractReference,
    String customerCode,
    String tier,
    String description,
    String reason,
    LocalDate requestedEffectiveDate,
    List<String> aspects,
    BigDecimal costImpact,
    String requester,
    String correctiveActionNumber,
    String approverGroup,
    String decisionReason,
    String identificationRule,
    String effectiveLot,
    LocalDate effectiveDate,
    String externalReference,
    List<Review> reviews,
    List<Implementation> implementations,
    List<OpenTask> openTasks) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Review(
      int round,
      String reviewerGroup,
      String verdict,
      String comments,
      String reviewedBy,
      Instant reviewedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Implementation(
      int round, String department, String record, String implementedBy, Instant implementedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OpenTask(
      String taskId,
      String name,
      String taskDefinitionKey,
      List<String> candidateGroups,
      String assignee,
      Instant due,
      int priority) {}
}
