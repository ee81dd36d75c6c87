package com.qmsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.ci.RequiredTool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a browser script of {@code src/test/browser/} with Node.js: playwright-core (from
 * package.json, installed with {@code npm ci} when missing) drives the system Chromium ({@code
 * /usr/bin/chromium}, or {@code -Dchromium=...}); no browser is ever downloaded. A test calling
 * {@link #requireChromiumAndNode} is skipped, with the reason printed, when Chromium or Node.js is
 * missing, and fails instead on CI ({@code CI=true}, {@link RequiredTool}). Screenshots go to
 * {@link #outputDir()} ({@code target/browser}).
 */
public final class BrowserScript {

  public static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");

  public record Result(int exitCode, String output) {}

  private BrowserScript() {}

  /**
   * Skips (or on CI fails) the test unless Chromium and Node.js are there; installs playwright-core
   * if needed.
   */
  public static void requireChromiumAndNode(String testName)
      throws IOException, InterruptedException {
    skipWithReasonUnless(
        testName,
        Files.isExecutable(Paths.get(CHROMIUM)),
        "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
    skipWithReasonUnless(
        testName, onPath("node") && onPath("npm"), "Node.js (node, npm) is not on the PATH");
    if (!Files.isRegularFile(root().resolve("node_modules/playwright-core/package.json"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5);
      assertThat(install.exitCode()).as("npm ci:\n%s", install.output()).isZero();
    }
  }

  /** {@code target/browser}, created. */
  public static Path outputDir() throws IOException {
    return Files.createDirectories(root().resolve("target/browser"));
  }

  /**
   * Runs {@code node src/test/browser/<script>} with the given environment plus CHROMIUM and
   * OUT_DIR, prints its output and returns it with the exit code.
   */
  public static Result runScript(String script, Map<String, String> env, long timeoutMinutes)
      throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>(env);
    all.put("CHROMIUM", CHROMIUM);
    all.put("OUT_DIR", outputDir().toString());
    all.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Result result = run(List.of("node", "src/test/browser/" + script), all, timeoutMinutes);
    System.out.println(result.output());
    return result;
  }

  private static Path root() {
    return Paths.get("").toAbsolutePath();
  }

  private static void skipWithReasonUnless(String testName, boolean condition, String reason) {
    RequiredTool.require(testName, condition, reason);
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

  private static Result run(List<String> command, Map<String, String> env, long timeoutMinutes)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("browser-script", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(
            -1,
            "timed out after "
                + timeoutMinutes
                + " min\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
