package com.qmsflow.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The running application serves the project's Chinese locale files and config.js in place of the
 * webjar's, at the paths the Camunda webapps load them from, and still serves the English ones.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:webapp-locales-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class WebappLocalesServedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private TestRestTemplate http;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void servedChineseLocaleIsTheProjectsFile(String app) throws IOException {
    ResponseEntity<byte[]> response =
        http.getForEntity("/camunda/app/" + app + "/locales/zh.json", byte[].class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(response.getBody(), StandardCharsets.UTF_8))
        .isEqualTo(
            classpathText("META-INF/resources/webjars/camunda/app/" + app + "/locales/zh.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void servedConfigOffersChineseNextToEnglish(String app) {
    ResponseEntity<String> response =
        http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/javascript");
    assertThat(response.getBody())
        .contains("availableLocales: ['en', 'zh']")
        .contains("fallbackLocale: 'en'")
        .startsWith("/*\n * Copyright Camunda Services GmbH");
  }

  @Test
  void tasklistLoginLabelsInBothLanguages() throws IOException {
    JsonNode zh =
        JSON.readTree(
            http.getForEntity("/camunda/app/tasklist/locales/zh.json", byte[].class).getBody());
    JsonNode en =
        JSON.readTree(
            http.getForEntity("/camunda/app/tasklist/locales/en.json", byte[].class).getBody());

    assertThat(zh.at("/labels/PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
    assertThat(zh.at("/labels/PAGE_LOGIN_USERNAME").asText()).isEqualTo("用户名");
    assertThat(zh.at("/labels/CLAIM_TASK").asText()).isEqualTo("认领");
    assertThat(zh.at("/dateLocales/months/0").asText()).isEqualTo("一月");
    assertThat(en.at("/labels/PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Log in");
  }

  private String classpathText(String path) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
