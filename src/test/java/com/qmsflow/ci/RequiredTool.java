package com.qmsflow.ci;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a tool it needs (Node.js, npm, Chromium) is missing: on a developer machine
 * it is skipped with the reason printed; on CI ({@code CI=true}, where {@code .ci/run} installs
 * every tool) it fails, so that a green build never hides a test that did not run.
 */
public final class RequiredTool {

  private RequiredTool() {}

  /** Whether this build runs on CI: the environment variable {@code CI} is {@code true}. */
  public static boolean onCi(Map<String, String> environment) {
    return "true".equalsIgnoreCase(environment.getOrDefault("CI", "").trim());
  }

  /** Skips (developer machine) or fails (CI) the test unless the tool is there. */
  public static void require(String testName, boolean present, String reason) {
    require(testName, present, reason, System.getenv());
  }

  static void require(
      String testName, boolean present, String reason, Map<String, String> environment) {
    if (present) {
      return;
    }
    if (onCi(environment)) {
      throw new AssertionError(
          testName + " cannot run on CI (CI=true): " + reason + "; .ci/run installs it");
    }
    String message = testName + " skipped: " + reason;
    System.out.println(message);
    Assumptions.abort(message);
  }
}
