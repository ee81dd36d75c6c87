package com.qmsflow.reports;

import java.util.Arrays;
import java.util.Optional;

/** The two reports to management and the value that names them in URLs and the table. */
public enum ReportKind {
  /** The monthly quality report (001 part 7). */
  MONTHLY("monthly"),
  /** The half-yearly satisfaction report (002 §4.5.3). */
  HALF_YEARLY("half-yearly");

  private final String value;

  ReportKind(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<ReportKind> of(String value) {
    return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
  }
}
