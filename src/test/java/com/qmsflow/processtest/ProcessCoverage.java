package com.qmsflow.processtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The coverage gate of a {@link ProcessTest}: the class fails unless every flow node and sequence
 * flow of its process was passed; the other processes of {@code processes/} (file name = process
 * id) are excluded.
 */
@TestConfiguration
public class ProcessCoverage {

  /** The property naming the process a test class covers completely. */
  public static final String PROCESS = "qms.test.process";

  /** Primary: the coverage configuration brings a default bean without any assertion. */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties(
      @Value("${" + PROCESS + "}") String process) {
    return new ProcessEngineCoverageProperties.Builder()
        .assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(otherProcesses(process))
        .build();
  }

  static String[] otherProcesses(String process) {
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      return models
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".bpmn"))
          .map(name -> name.substring(0, name.length() - ".bpmn".length()))
          .filter(id -> !id.equals(process))
          .sorted()
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
