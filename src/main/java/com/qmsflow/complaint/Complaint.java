package com.qmsflow.complaint;

import java.time.Instant;
import java.time.LocalDate;

/** A row of the complaint register. */
public record Complaint(
    String complaintNumber,
    String processInstanceId,
    String externalReference,
    String customerCode,
    String tier,
    String category,
    String channel,
    String productName,
    String productModel,
    String batchNumber,
    String defectCode,
    LocalDate productionDate,
    Integer quantityPurchased,
    Integer quantityDefective,
    String description,
    boolean urgent,
    boolean safetyRelated,
    String severity,
    String status,
    Instant receivedAt,
    Instant closedAt) {}
