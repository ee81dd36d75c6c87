package com.qmsflow.evidence;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an evidence file belongs to: a complaint or an 8D report. The path segment is the stored
 * value.
 */
public enum OwnerKind {
  COMPLAINT("complaint", "complaints"),
  CORRECTIVE_ACTION("corrective-action", "corrective-actions");

  private final String value;
  private final String apiPath;

  OwnerKind(String value, String apiPath) {
    this.value = value;
    this.apiPath = apiPath;
  }

  /** As stored in {@code attachment.owner_kind} and used in {@code /evidence/{kind}/…}. */
  public String value() {
    return value;
  }

  /** The collection under {@code /api}: {@code complaints} or {@code corrective-actions}. */
  public String apiPath() {
    return apiPath;
  }

  public static Optional<OwnerKind> of(String value) {
    return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
  }
}
