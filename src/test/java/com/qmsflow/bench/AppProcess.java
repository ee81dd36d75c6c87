package com.qmsflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application as production runs it: the packaged jar in a JVM of its own ({@code java -jar},
 * profile {@code postgres}), so each configuration gets a cold JVM and its own memory figures, and
 * the benchmark's clients do not share its heap or JIT. Ours runs with the application's JVM
 * options ({@code src/main/jvm/jvm.options}, as {@code mvn spring-boot:run} and production do);
 * stock with {@link #STOCK_JVM_OPTIONS}, the heap every configuration had before that file existed.
 */
final class AppProcess implements AutoCloseable {

  static final String ADMIN_PASSWORD = "Bench-Admin-Pass-2026!";

  /** Stock: the JVM's default collector (G1) with a 1 GiB heap as a small container would give. */
  static final List<String> STOCK_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");

  /** Ours: the application's JVM option file, read by the JVM itself ({@code @file}). */
  static final List<String> JVM_OPTIONS =
      List.of("@" + Path.of("src", "main", "jvm", "jvm.options").toAbsolutePath());

  /**
   * Extra JVM options for experiments, separated by spaces ({@code -Dbench.appJvmOptions}, e.g.
   * {@code -XX:StartFlightRecording=filename=target/bench/app.jfr}); {@code {name}} is replaced by
   * the node's name. Not for figures compared between configurations.
   */
  private static final String EXTRA_JVM_OPTIONS = System.getProperty("bench.appJvmOptions", "");

  /** On a machine shared with other builds a start can take minutes: -Dbench.startupSeconds. */
  private static final Duration STARTUP_TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("bench.startupSeconds", 180));

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final double startupSeconds;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private AppProcess(String name, Process process, int port, Path log, double startupSeconds) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.startupSeconds = startupSeconds;
  }

  /**
   * Starts the jar on the given database of the embedded PostgreSQL (user postgres) with the demo
   * users and customers, job executor on, mail off, and waits until {@code /actuator/health}
   * answers 200.
   *
   * @param settings Spring properties of this configuration (e.g. the starter's defaults), passed
   *     as {@code --key=value}
   */
  static AppProcess start(String name, String jdbcUrl, Map<String, String> settings)
      throws Exception {
    Path logs = Files.createDirectories(PerformanceBenchmark.OUT.resolve("logs"));
    Path log = logs.resolve(name + ".log");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.equals(PerformanceBenchmark.STOCK) ? STOCK_JVM_OPTIONS : JVM_OPTIONS);
    for (String option : EXTRA_JVM_OPTIONS.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option.replace("{name}", name));
      }
    }
    command.addAll(
        List.of(
            "-jar",
            applicationJar().toString(),
            "--spring.profiles.active=postgres",
            "--server.port=" + port,
            "--qms.node-name=" + name,
            "--spring.flyway.locations=classpath:db/migration,classpath:db/demo",
            "--qms.demo.users=true",
            "--camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
            "--camunda.bpm.job-execution.enabled=true",
            "--qms.mail.dispatch-interval=0",
            "--qms.mail.task-digest.interval=0",
            "--logging.level.root=WARN"));
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("QMS_DB_URL", jdbcUrl);
    builder.environment().put("QMS_DB_USER", "postgres");
    builder.environment().put("QMS_DB_PASSWORD", "postgres");
    builder.environment().put("QMS_ADMIN_USER", "admin");
    builder.environment().put("QMS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    long begin = System.nanoTime();
    Process process = builder.start();
    AppProcess app = new AppProcess(name, process, port, log, 0);
    try {
      app.awaitHealthy(begin);
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
    return new AppProcess(name, process, port, log, (System.nanoTime() - begin) / 1e9);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Seconds from {@code java -jar} to the first 200 of {@code /actuator/health}. */
  double startupSeconds() {
    return startupSeconds;
  }

  private void awaitHealthy(long begin) throws Exception {
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; log " + log + ":\n" + tail());
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() - begin > STARTUP_TIMEOUT.toNanos()) {
        throw new IllegalStateException(
            name + " not healthy after " + STARTUP_TIMEOUT + "; log " + log + ":\n" + tail());
      }
      Thread.sleep(50);
    }
  }

  /**
   * Heap in use (sum of the heap pools, from the application's own Prometheus endpoint) and the
   * process's resident set size (from /proc), in MiB; with {@code gc} a full collection first
   * ({@code jcmd <pid> GC.run}), so the heap figure is what stays live.
   */
  Memory memory(boolean gc) throws Exception {
    if (gc) {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(pid()),
                  "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
    }
    HttpResponse<String> scrape =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (scrape.statusCode() != 200) {
      throw new IllegalStateException("/actuator/prometheus answered " + scrape.statusCode());
    }
    double heap = 0;
    for (String line : scrape.body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    double rss = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return new Memory(Math.round(heap / 1048576.0 * 10) / 10.0, Math.round(rss * 10) / 10.0);
  }

  record Memory(double heapMb, double rssMb) {}

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Stops the JVM (SIGTERM, a graceful Spring shutdown, then SIGKILL after 30 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Path applicationJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("complaint-handling-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No packaged jar in target/: the bench runs after package"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
