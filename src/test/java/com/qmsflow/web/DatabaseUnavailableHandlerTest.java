package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Which answer a failure gets on {@code /api} (Spring MVC, through the filter) and on {@code
 * /engine-rest} (Jersey, through the exception mappers), with test endpoints that throw exactly the
 * exceptions seen while PostgreSQL is down ({@code DatabaseOutageIT} shows them for real) and
 * ordinary failures, which must keep their usual answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:database-unavailable-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class DatabaseUnavailableHandlerTest {

  @Autowired private TestRestTemplate rest;

  static RuntimeException failure(String kind) {
    return switch (kind) {
      case "engine-connection-broken" ->
          new ProcessEngineException(
              "ENGINE-03004 Exception while executing Database Operation",
              new SQLException("An I/O error occurred while sending to the backend.", "08006"));
      case "no-connection" ->
          new CannotCreateTransactionException(
              "Could not open JDBC Connection for transaction",
              new java.sql.SQLTransientConnectionException(
                  "HikariPool-1 - Connection is not available, request timed out after 5000ms"));
      // Camunda's REST resources wrap an engine failure inside a command (the database gone in
      // the middle of a submit-form) in a RestException of their own
      case "rest-connection-closed" ->
          new org.camunda.bpm.engine.rest.exception.RestException(
              jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
              new ProcessEngineException(
                  "An exception occurred in the persistence layer.",
                  new org.springframework.transaction.TransactionSystemException(
                      "JDBC rollback failed", new SQLException("Connection is closed", "08003"))),
              "Cannot submit task form");
      case "rest-other" ->
          new org.camunda.bpm.engine.rest.exception.RestException(
              jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
              new ProcessEngineException("Something else went wrong"),
              "Cannot submit task form");
      case "engine-other" -> new ProcessEngineException("Something else went wrong");
      default -> new IllegalStateException("Something else went wrong");
    };
  }

  @TestConfiguration
  static class FailingEndpoints {

    @Bean
    ResourceConfigCustomizer failingEngineResource() {
      return config -> config.register(FailingEngineResource.class);
    }

    @Bean
    FailingApiController failingApiController() {
      return new FailingApiController();
    }

    @Bean
    CatchAllAdvice catchAllAdvice() {
      return new CatchAllAdvice();
    }
  }

  /**
   * A catch-all handler as an API might declare one: it must not turn a database outage into a 500.
   */
  @RestControllerAdvice(assignableTypes = FailingApiController.class)
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  static class CatchAllAdvice {

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> anything(Exception e) {
      return ResponseEntity.internalServerError().body(Map.of("caughtBy", "catch-all"));
    }
  }

  @Path("/qms-test/failure")
  public static class FailingEngineResource {

    @GET
    @Path("/{kind}")
    public String fail(@PathParam("kind") String kind) {
      throw failure(kind);
    }
  }

  @RestController
  static class FailingApiController {

    @GetMapping("/api/qms-test/failure/{kind}")
    String fail(@org.springframework.web.bind.annotation.PathVariable("kind") String kind) {
      throw failure(kind);
    }
  }

  @Test
  void anUnreachableDatabaseIs503WithRetryAfterOnBothApis() {
    for (String path : new String[] {"/api", "/engine-rest"}) {
      for (String kind :
          new String[] {"engine-connection-broken", "no-connection", "rest-connection-closed"}) {
        ResponseEntity<JsonNode> answer = get(path + "/qms-test/failure/" + kind);
        assertThat(answer.getStatusCode().value())
            .as("%s %s: %s", path, kind, answer.getBody())
            .isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        assertThat(answer.getBody().path("error").asText())
            .isEqualTo("database unavailable, retry later");
      }
    }
  }

  @Test
  void otherFailuresKeepTheirUsualAnswer() {
    ResponseEntity<JsonNode> engine = get("/engine-rest/qms-test/failure/engine-other");
    assertThat(engine.getStatusCode().value()).isEqualTo(500);
    assertThat(engine.getBody().path("type").asText())
        .as("Camunda's own error body")
        .isEqualTo("ProcessEngineException");
    assertThat(engine.getBody().path("message").asText()).isEqualTo("Something else went wrong");

    ResponseEntity<JsonNode> rest = get("/engine-rest/qms-test/failure/rest-other");
    assertThat(rest.getStatusCode().value()).isEqualTo(500);
    assertThat(rest.getBody().path("type").asText()).isEqualTo("RestException");

    ResponseEntity<JsonNode> engineRuntime = get("/engine-rest/qms-test/failure/other");
    assertThat(engineRuntime.getStatusCode().value()).isEqualTo(500);
    assertThat(engineRuntime.getBody().path("type").asText()).isEqualTo("IllegalStateException");

    for (String kind : new String[] {"engine-other", "other"}) {
      ResponseEntity<JsonNode> api = get("/api/qms-test/failure/" + kind);
      assertThat(api.getStatusCode().value()).as("/api %s", kind).isEqualTo(500);
      assertThat(api.getBody().path("caughtBy").asText()).isEqualTo("catch-all");
      assertThat(api.getHeaders().getFirst("Retry-After")).isNull();
    }
  }

  /** admin/admin of the demo profile: ignored until the REST APIs require authentication. */
  private ResponseEntity<JsonNode> get(String path) {
    return rest.withBasicAuth("admin", "admin").getForEntity(path, JsonNode.class);
  }
}
