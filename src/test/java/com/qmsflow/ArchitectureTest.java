package com.qmsflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The package structure: no two feature packages (the top-level packages under {@code com.qmsflow})
 * depend on each other, directly or through others, and the plain packages know nothing of Camunda,
 * so that they are used and tested without a process engine.
 */
@AnalyzeClasses(packages = "com.qmsflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Plain services and repositories: no process engine. */
  static final List<String> PLAIN_PACKAGES =
      List.of("calendar", "customer", "numbering", "masterdata");

  @ArchTest
  static final ArchRule noCycleBetweenFeaturePackages =
      slices().matching("com.qmsflow.(*)..").namingSlices("$1").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule plainPackagesDoNotUseCamunda =
      noClasses()
          .that()
          .resideInAnyPackage(
              PLAIN_PACKAGES.stream().map(p -> "com.qmsflow." + p + "..").toArray(String[]::new))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.camunda..");

  /**
   * The compiler copies constants ({@code static final String}) into the class that reads them, so
   * the bytecode rule above misses a Camunda constant; the sources do not.
   */
  @ArchTest
  static void plainPackagesNameNoCamundaInTheirSources(JavaClasses ignored) throws IOException {
    for (String plain : PLAIN_PACKAGES) {
      Path dir = Path.of("src/main/java/com/qmsflow", plain);
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .forEach(f -> assertThat(read(f)).as(f.toString()).doesNotContain("org.camunda"));
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
