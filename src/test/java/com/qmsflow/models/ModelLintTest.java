package com.qmsflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.qmsflow.ci.RequiredTool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints the BPMN models in {@code processes/} with bpmnlint, using the project's {@code
 * .bpmnlintrc} ({@code bpmnlint:recommended} plus {@code camunda-compat} for Camunda 7.24). The
 * linter comes from the npm registry as pinned in {@code package.json} / {@code package-lock.json};
 * it is installed with {@code npm ci} when {@code node_modules/} does not have it yet. Without
 * Node.js on the PATH the test is skipped with the reason printed, except on CI ({@code CI=true}),
 * where it fails ({@link RequiredTool}).
 */
class ModelLintTest {

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  private static final long INSTALL_TIMEOUT_MINUTES = 5;
  private static final long LINT_TIMEOUT_MINUTES = 2;

  @Test
  void modelsPassBpmnlint() throws Exception {
    for (String tool : new String[] {"node", "npx", "npm"}) {
      RequiredTool.require(
          "ModelLintTest",
          onPath(tool),
          "'"
              + tool
              + "' is not on the PATH, so bpmnlint cannot run"
              + " (install Node.js 20 or newer with npm to lint the BPMN models)");
    }

    Path root = projectRoot();
    Path bpmnlint = root.resolve("node_modules/.bin/" + (WINDOWS ? "bpmnlint.cmd" : "bpmnlint"));
    if (!Files.isRegularFile(bpmnlint)) {
      List<String> install = new ArrayList<>(command("npm"));
      install.addAll(List.of("ci", "--no-audit", "--no-fund"));
      Result result = run(root, install, INSTALL_TIMEOUT_MINUTES, "npm-ci");
      System.out.println(result.output);
      assertEquals(
          0,
          result.exitCode,
          "npm ci --no-audit --no-fund failed (exit " + result.exitCode + "):\n" + result.output);
      assertTrue(Files.isRegularFile(bpmnlint), "npm ci did not install " + bpmnlint);
    }

    List<String> models;
    try (Stream<Path> files = Files.list(root.resolve("processes"))) {
      models =
          files
              .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".bpmn"))
              .map(p -> root.relativize(p).toString())
              .sorted()
              .toList();
    }
    assertThat(models).as("BPMN models in processes/").isNotEmpty();

    List<String> lint = new ArrayList<>();
    lint.add(bpmnlint.toString());
    // warnings (overlapping shapes, fake joins) fail too: the models are kept at zero findings
    lint.add("--max-warnings");
    lint.add("0");
    lint.addAll(models);
    Result result = run(root, lint, LINT_TIMEOUT_MINUTES, "bpmnlint");
    System.out.println("bpmnlint " + String.join(" ", models) + " (exit " + result.exitCode + ")");
    System.out.println(result.output);
    assertEquals(
        0,
        result.exitCode,
        "bpmnlint found problems in "
            + models
            + " (exit "
            + result.exitCode
            + "):\n"
            + result.output);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null || path.isBlank()) {
      return false;
    }
    List<String> names = WINDOWS ? List.of(tool + ".exe", tool + ".cmd") : List.of(tool);
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String name : names) {
        Path candidate = Paths.get(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  /** On Windows npm is a batch file, which ProcessBuilder can only start through cmd. */
  private static List<String> command(String tool) {
    return WINDOWS ? List.of("cmd", "/c", tool + ".cmd") : List.of(tool);
  }

  private static Path projectRoot() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))
          && Files.isRegularFile(d.resolve("package.json"))) {
        return d;
      }
    }
    throw new IllegalStateException(
        "no project root (pom.xml and package.json) at or above " + dir);
  }

  private record Result(int exitCode, String output) {}

  /** Runs a command in the project root; output goes to a file so a chatty process cannot block. */
  private static Result run(Path root, List<String> command, long timeoutMinutes, String label)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("model-lint-" + label + "-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeoutMinutes
                + " minutes; output so far:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
