package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Authorizations are grants only: the engine skips its per-command question whether revoke
 * authorizations exist, the application refuses to store one (REST in the caller's language, Java
 * API), and an installation that already has revoke authorizations keeps them effective.
 */
class GrantOnlyAuthorizationsTest {

  private static final String REVOKE_BODY =
      """
      {"type": 2, "permissions": ["READ"], "userId": "clerk",
       "resourceType": 8, "resourceId": "*"}\
      """;

  /**
   * A new, unsaved authorization of the type on every deployment: a grant of READ, or a revoke of
   * it; the caller names the user or group.
   */
  static Authorization readOfAllDeployments(AuthorizationService authorizations, int type) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setResource(Resources.DEPLOYMENT);
    authorization.setResourceId("*");
    if (type == Authorization.AUTH_TYPE_GRANT) {
      authorization.addPermission(Permissions.READ);
    } else {
      authorization.removePermission(Permissions.READ);
    }
    return authorization;
  }

  @Nested
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @TestPropertySource(
      properties = {
        "spring.datasource.url=jdbc:h2:mem:grant-only-test;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"
      })
  class InTheApplication {

    @LocalServerPort private int port;
    @Autowired private ProcessEngine engine;
    @Autowired private ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEngineDoesNotAskForRevokeAuthorizations() {
      assertThat(
              ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                  .getAuthorizationCheckRevokes())
          .isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
    }

    @Test
    void aRevokeAuthorizationOverRestIsRefusedInEnglishAndStoresNothing() throws Exception {
      HttpResponse<String> answer = createOverRest(REVOKE_BODY, "en-US");

      assertThat(answer.statusCode()).isEqualTo(400);
      JsonNode body = json.readTree(answer.body());
      assertThat(body.path("type").asText()).isEqualTo("BadUserRequestException");
      assertThat(body.path("message").asText())
          .startsWith("Revoke authorizations are not used here")
          .contains("deleting or narrowing its grant");
      assertThat(revokes()).isZero();
    }

    @Test
    void aRevokeAuthorizationOverRestIsRefusedInChinese() throws Exception {
      HttpResponse<String> answer = createOverRest(REVOKE_BODY, "zh-CN,zh;q=0.9");

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(json.readTree(answer.body()).path("message").asText())
          .startsWith("本系统不使用撤销（REVOKE）授权");
      assertThat(revokes()).isZero();
    }

    @Test
    void aGrantOverRestIsStoredAsBefore() throws Exception {
      HttpResponse<String> answer =
          createOverRest(REVOKE_BODY.replace("\"type\": 2", "\"type\": 1"), "en");

      assertThat(answer.statusCode()).isEqualTo(200);
      String id = json.readTree(answer.body()).path("id").asText();
      AuthorizationService authorizations = engine.getAuthorizationService();
      try {
        assertThat(authorizations.createAuthorizationQuery().authorizationId(id).count())
            .isEqualTo(1);
      } finally {
        authorizations.deleteAuthorization(id);
      }
    }

    @Test
    void theJavaApiRefusesNewAndChangedRevokeAuthorizations() {
      AuthorizationService authorizations = engine.getAuthorizationService();
      Authorization revoke = readOfAllDeployments(authorizations, Authorization.AUTH_TYPE_REVOKE);
      revoke.setUserId("clerk");

      assertThatThrownBy(() -> authorizations.saveAuthorization(revoke))
          .isInstanceOf(BadUserRequestException.class)
          .hasMessageStartingWith("Revoke authorizations are not used here");

      Authorization grant = readOfAllDeployments(authorizations, Authorization.AUTH_TYPE_GRANT);
      grant.setUserId("clerk");
      Authorization saved = authorizations.saveAuthorization(grant);
      try {
        ((AuthorizationEntity) saved).setAuthorizationType(Authorization.AUTH_TYPE_REVOKE);
        assertThatThrownBy(() -> authorizations.saveAuthorization(saved))
            .isInstanceOf(BadUserRequestException.class);
        assertThat(revokes()).isZero();
      } finally {
        authorizations.deleteAuthorization(saved.getId());
      }
    }

    private long revokes() {
      return engine
          .getAuthorizationService()
          .createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_REVOKE)
          .count();
    }

    private HttpResponse<String> createOverRest(String body, String language) throws Exception {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create("http://localhost:" + port + "/engine-rest/authorization/create"))
              .header("Authorization", WebSecurityTest.basic("admin"))
              .header("Content-Type", "application/json")
              .header("Accept-Language", language)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Engines of their own on one in-memory database, with and without the plugin. */
  @Nested
  @ExtendWith(OutputCaptureExtension.class)
  class AtStartUp {

    private static final String URL = "jdbc:h2:mem:grant-only-start;DB_CLOSE_DELAY=-1";
    private ProcessEngine withoutPlugin;
    private ProcessEngine withPlugin;

    @AfterEach
    void close() {
      if (withPlugin != null) {
        withPlugin.close();
      }
      if (withoutPlugin != null) {
        withoutPlugin
            .getAuthorizationService()
            .createAuthorizationQuery()
            .list()
            .forEach(a -> withoutPlugin.getAuthorizationService().deleteAuthorization(a.getId()));
        withoutPlugin.close();
      }
    }

    @Test
    void withoutRevokeAuthorizationsTheEngineChecksGrantsOnly(CapturedOutput output) {
      withoutPlugin = engine("grant-only-a", false);
      withPlugin = engine("grant-only-b", true);

      assertThat(checkRevokes(withPlugin))
          .isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
      assertThat(output).doesNotContain("revoke authorizations exist");
    }

    @Test
    void existingRevokeAuthorizationsKeepTheirEffect(CapturedOutput output) {
      withoutPlugin = engine("grant-only-c", false);
      AuthorizationService before = withoutPlugin.getAuthorizationService();
      Authorization grant = readOfAllDeployments(before, Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId("sales");
      before.saveAuthorization(grant);
      Authorization revoke = readOfAllDeployments(before, Authorization.AUTH_TYPE_REVOKE);
      revoke.setUserId("li");
      before.saveAuthorization(revoke);

      withPlugin = engine("grant-only-d", true);

      assertThat(checkRevokes(withPlugin))
          .isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
      assertThat(output)
          .contains("1 revoke authorizations exist")
          .contains("qms.security.grant-only-authorizations=false");
      AuthorizationService after = withPlugin.getAuthorizationService();
      assertThat(
              after.isUserAuthorized(
                  "li", List.of("sales"), Permissions.READ, Resources.DEPLOYMENT, "d1"))
          .isFalse();
      assertThat(
              after.isUserAuthorized(
                  "wang", List.of("sales"), Permissions.READ, Resources.DEPLOYMENT, "d1"))
          .isTrue();
      // new revoke authorizations are still refused
      Authorization another = readOfAllDeployments(after, Authorization.AUTH_TYPE_REVOKE);
      another.setUserId("wang");
      assertThatThrownBy(() -> after.saveAuthorization(another))
          .isInstanceOf(BadUserRequestException.class);
    }

    private static String checkRevokes(ProcessEngine engine) {
      return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .getAuthorizationCheckRevokes();
    }

    private static ProcessEngine engine(String name, boolean grantOnly) {
      StandaloneInMemProcessEngineConfiguration configuration =
          new StandaloneInMemProcessEngineConfiguration();
      configuration.setProcessEngineName(name);
      configuration.setJdbcUrl(URL);
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      configuration.setAuthorizationEnabled(true);
      configuration.setJobExecutorActivate(false);
      configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
      configuration.setMetricsEnabled(false);
      if (grantOnly) {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage(
            GrantOnlyAuthorizationsPlugin.REFUSED, Locale.ENGLISH, "Revoke authorizations are not");
        configuration.setProcessEnginePlugins(List.of(new GrantOnlyAuthorizationsPlugin(messages)));
      }
      return configuration.buildProcessEngine();
    }
  }
}
