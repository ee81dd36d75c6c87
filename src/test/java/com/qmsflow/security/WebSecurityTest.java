package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Authentication and the permission model over HTTP, on the demo profile (demo users, password =
 * user id) with authorization checks on, as a client, Camunda Modeler or a browser meets them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:security-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class WebSecurityTest {

  private static final AtomicInteger BATCH = new AtomicInteger();

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;
  @Autowired private HistoryService historyService;
  @Autowired private RepositoryService repositoryService;
  @Autowired private IdentityService identityService;
  @Autowired private FilterService filterService;
  @Autowired private ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired private JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  // ---------------------------------------------------------------------------------------------
  // authentication

  @Test
  void withoutCredentialsEveryApiAnswers401AndNoData() throws Exception {
    String number = registerComplaint().number();
    for (String path :
        List.of(
            "/engine-rest/task",
            "/engine-rest/process-instance",
            "/engine-rest/engine",
            "/engine-rest/history/variable-instance",
            "/api/complaints/" + number,
            "/api/defect-codes",
            "/api/calendar/2026")) {
      HttpResponse<String> response = send(request(path).GET());
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .as(path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(response.body())
          .as(path)
          .doesNotContain(number)
          // the project's API answers problems (RFC 9457), the engine REST API in Camunda's shape
          .contains(
              path.startsWith("/api/")
                  ? "\"type\":\"/problems/unauthorized\""
                  : "AuthenticationException");
    }
  }

  @Test
  void wrongPasswordOrUnknownUserIs401() throws Exception {
    // its own user: after a wrong password the engine throttles further logins of that user for
    // seconds
    if (identityService.createUserQuery().userId("mistyped").count() == 0) {
      org.camunda.bpm.engine.identity.User user = identityService.newUser("mistyped");
      user.setPassword("mistyped");
      identityService.saveUser(user);
    }
    assertThat(
            send(request("/engine-rest/task")
                    .header("Authorization", basic("mistyped", "wrong"))
                    .GET())
                .statusCode())
        .isEqualTo(401);
    assertThat(
            send(request("/api/defect-codes")
                    .header("Authorization", basic("nobody", "nobody"))
                    .GET())
                .statusCode())
        .isEqualTo(401);
    assertThat(
            send(request("/api/defect-codes").header("Authorization", "Basic not-base64!").GET())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void firstRunSetupOfAdminIsClosedOnceUsersExist() throws Exception {
    long users = identityService.createUserQuery().count();
    String body =
        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"X\",\"email\":\"i@x.y\"},"
            + "\"credentials\":{\"password\":\"Intruder-Pass-1!\"}}";
    HttpResponse<String> response =
        send(
            request("/camunda/api/admin/setup/default/user/create")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("setup is closed");
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identityService.createUserQuery().count()).isEqualTo(users);
  }

  // ---------------------------------------------------------------------------------------------
  // permission model

  @Test
  void staffSeeOnlyTheTasksOfTheirGroupsAndManagersSeeAll() throws Exception {
    Registered complaint = registerComplaint();
    String query = "/engine-rest/task?processInstanceBusinessKey=" + complaint.number();
    assertThat(getJson(query, "clerk")).hasSize(1);
    assertThat(getJson(query, "sales")).isEmpty();
    assertThat(getJson(query, "engineer")).isEmpty();
    assertThat(getJson(query, "owner")).isEmpty();
    assertThat(getJson(query, "salesmanager")).hasSize(1);
    assertThat(getJson(query, "gm")).hasSize(1);

    String taskId = getJson(query, "clerk").get(0).get("id").asText();
    HttpResponse<String> claimBySales =
        send(
            request("/engine-rest/task/" + taskId + "/claim")
                .header("Authorization", basic("sales"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"sales\"}")));
    assertThat(claimBySales.statusCode()).isEqualTo(403);
    HttpResponse<String> claimByClerk =
        send(
            request("/engine-rest/task/" + taskId + "/claim")
                .header("Authorization", basic("clerk"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"clerk\"}")));
    assertThat(claimByClerk.statusCode()).isEqualTo(204);
    // the Tasklist form of the task can be read by the clerk
    assertThat(
            send(request("/engine-rest/task/" + taskId + "/deployed-form")
                    .header("Authorization", basic("clerk"))
                    .GET())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(request("/engine-rest/task/" + taskId + "/form-variables")
                    .header("Authorization", basic("clerk"))
                    .GET())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void customerDataOfAComplaintIsReadableOnlyByTheGroupsHandlingComplaints() throws Exception {
    Registered complaint = registerComplaint();
    String variables =
        "/engine-rest/process-instance/" + complaint.processInstanceId() + "/variables";
    for (String outsider : List.of("engineer", "production", "material", "affairs", "owner")) {
      HttpResponse<String> response =
          send(request(variables).header("Authorization", basic(outsider)).GET());
      assertThat(response.statusCode()).as(outsider).isEqualTo(403);
      assertThat(response.body()).as(outsider).doesNotContain("customerName");
      assertThat(
              getJson(
                  "/engine-rest/history/variable-instance?processInstanceId="
                      + complaint.processInstanceId(),
                  outsider))
          .as(outsider)
          .isEmpty();
      assertThat(
              send(request("/api/complaints/" + complaint.number())
                      .header("Authorization", basic(outsider))
                      .GET())
                  .statusCode())
          .as(outsider)
          .isEqualTo(403);
    }
    for (String handler :
        List.of("clerk", "sales", "quality", "salesmanager", "qualitymanager", "gm")) {
      HttpResponse<String> response =
          send(request(variables).header("Authorization", basic(handler)).GET());
      assertThat(response.statusCode()).as(handler).isEqualTo(200);
      assertThat(response.body()).as(handler).contains("customerName");
      assertThat(
              getJson(
                  "/engine-rest/history/variable-instance?processInstanceId="
                      + complaint.processInstanceId(),
                  handler))
          .as(handler)
          .isNotEmpty();
      assertThat(
              send(request("/api/complaints/" + complaint.number())
                      .header("Authorization", basic(handler))
                      .GET())
                  .statusCode())
          .as(handler)
          .isEqualTo(200);
    }
  }

  @Test
  void onlyCustomerServiceRegistersComplaintsAndARefusalLeavesNothing() throws Exception {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    int rows = jdbc.sql("select count(*) from complaint").query(Integer.class).single();
    HttpResponse<String> response = postComplaint("engineer");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("engineer");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(jdbc.sql("select count(*) from complaint").query(Integer.class).single())
        .isEqualTo(rows);
  }

  // ---------------------------------------------------------------------------------------------
  // stored filters

  @Test
  void aFilterWithAnArbitraryExpressionIsRejectedAndSafeOnesAreSaved() throws Exception {
    long filters = filterService.createFilterQuery().count();
    for (String evil :
        List.of(
            "${''.getClass().forName('java.lang.Runtime')}",
            "#{execution}",
            "${identityService}",
            "${currentUser().concat('x')}",
            "${now()}${''.getClass()}")) {
      HttpResponse<String> response =
          createFilter(
              "clerk", "evil", "{\"assigneeExpression\":" + json.writeValueAsString(evil) + "}");
      assertThat(response.statusCode()).as(evil).isEqualTo(400);
      assertThat(response.body()).as(evil).contains("not allowed");
    }
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);

    HttpResponse<String> safe =
        createFilter(
            "clerk",
            "due soon",
            "{\"candidateGroupsExpression\":\"${currentUserGroups()}\",\"dueBeforeExpression\":\"${dateTime().plusDays(2).toDate()}\"}");
    assertThat(safe.statusCode()).as(safe.body()).isEqualTo(200);
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Camunda Modeler's deploy button

  @Test
  void aProcessOwnerDeploysFromModelerAndOthersAreRefused() throws Exception {
    int before =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey("complaint-handling")
            .latestVersion()
            .singleResult()
            .getVersion();
    String bpmn =
        Files.readString(Path.of("processes/complaint-handling.bpmn"))
            .replace(
                "name=\"Customer complaint handling (客户投诉处理)\"",
                "name=\"Customer complaint handling, changed in Modeler (客户投诉处理)\"");
    assertThat(bpmn).contains("changed in Modeler");
    List<Part> parts =
        List.of(
            Part.text("deployment-name", "complaint-handling"),
            Part.text("deployment-source", "Camunda Modeler"),
            Part.text("enable-duplicate-filtering", "true"),
            Part.file("complaint-handling.bpmn", bpmn),
            Part.file(
                "confirm-complaint.form",
                Files.readString(Path.of("forms/confirm-complaint.form"))),
            Part.file(
                "complaint-deadlines.dmn",
                Files.readString(Path.of("decisions/complaint-deadlines.dmn"))));

    assertThat(deploy(parts, null).statusCode()).isEqualTo(401);
    assertThat(deploy(parts, "clerk").statusCode()).isEqualTo(403);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("complaint-handling")
                .latestVersion()
                .singleResult()
                .getVersion())
        .isEqualTo(before);

    HttpResponse<String> deployed = deploy(parts, "owner");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    JsonNode body = json.readTree(deployed.body());
    assertThat(body.get("source").asText()).isEqualTo("Camunda Modeler");
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("complaint-handling")
                .latestVersion()
                .singleResult()
                .getVersion())
        .isEqualTo(before + 1);
    // pressing deploy again without a change deploys nothing new (duplicate filtering)
    assertThat(deploy(parts, "owner").statusCode()).isEqualTo(200);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("complaint-handling")
                .latestVersion()
                .singleResult()
                .getVersion())
        .isEqualTo(before + 1);
    // new complaints follow the new version
    Registered complaint = registerComplaint();
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(complaint.processInstanceId())
                .singleResult()
                .getProcessDefinitionVersion())
        .isEqualTo(before + 1);
  }

  @Test
  void startUpDeploymentDeploysOnlyChangedFiles() {
    assertThat(((SpringProcessEngineConfiguration) engineConfiguration).isDeployChangedOnly())
        .isTrue();
    assertThat(engineConfiguration.isAuthorizationEnabled()).isTrue();
    assertThat(engineConfiguration.isEnableHistoricInstancePermissions()).isTrue();
    assertThat(engineConfiguration.isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("20:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchSize()).isEqualTo(500);
  }

  // ---------------------------------------------------------------------------------------------
  // webapp session, cookies, CSRF

  @Test
  void webappLoginKeepsCsrfAndItsSessionWorksOnTheApiWithTheToken() throws Exception {
    HttpResponse<String> page = send(request("/camunda/app/tasklist/default/").GET());
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> cookies = cookies(page);
    assertThat(cookies).containsKeys("JSESSIONID", "XSRF-TOKEN");
    assertThat(setCookie(page, "JSESSIONID")).contains("HttpOnly").doesNotContain("Secure");
    String token = cookies.get("XSRF-TOKEN");
    String cookieHeader = "JSESSIONID=" + cookies.get("JSESSIONID") + "; XSRF-TOKEN=" + token;
    String form =
        "username=" + URLEncoder.encode("clerk", StandardCharsets.UTF_8) + "&password=clerk";

    HttpResponse<String> login =
        send(
            request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Cookie", cookieHeader)
                .header("X-XSRF-TOKEN", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String session = cookies(login).getOrDefault("JSESSIONID", cookies.get("JSESSIONID"));
    // the login renews the session; like the webapps, fetch the new session's token with a GET
    HttpResponse<String> me =
        send(
            request("/camunda/api/admin/auth/user/default")
                .header("Cookie", "JSESSIONID=" + session)
                .GET());
    assertThat(me.body()).contains("\"userId\":\"clerk\"");
    String newToken = me.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String loggedIn = "JSESSIONID=" + session + "; XSRF-TOKEN=" + newToken;

    Registered complaint = registerComplaint();
    assertThat(
            send(request("/api/complaints/" + complaint.number()).header("Cookie", loggedIn).GET())
                .statusCode())
        .isEqualTo(200);

    String body =
        json.writeValueAsString(
            ComplaintScenario.intake("C002", "SEC-" + BATCH.incrementAndGet(), "BREAKAGE"));
    HttpResponse<String> forged =
        send(
            request("/api/complaints")
                .header("Cookie", loggedIn)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("X-XSRF-TOKEN");
    HttpResponse<String> withToken =
        send(
            request("/api/complaints")
                .header("Cookie", loggedIn)
                .header("X-XSRF-TOKEN", newToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);

    // the webapps' own API still demands the CSRF token of a logged-in session
    HttpResponse<String> withoutToken =
        send(
            request("/camunda/api/engine/engine/default/filter/create")
                .header("Cookie", loggedIn)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}")));
    assertThat(withoutToken.statusCode()).isEqualTo(403);
  }

  @Test
  void sessionCookieIsSecureWhenServedOverHttps() throws Exception {
    HttpResponse<String> page =
        send(request("/camunda/app/tasklist/default/").header("X-Forwarded-Proto", "https").GET());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(setCookie(page, "JSESSIONID")).contains("Secure").contains("HttpOnly");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  record Registered(String number, String processInstanceId) {}

  private Registered registerComplaint() throws Exception {
    HttpResponse<String> response = postComplaint("clerk");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    String number = body.get("complaintNumber").asText();
    String processInstanceId =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult()
            .getId();
    return new Registered(number, processInstanceId);
  }

  private HttpResponse<String> postComplaint(String user) throws Exception {
    Map<String, Object> intake =
        ComplaintScenario.intake("C002", "SEC-" + BATCH.incrementAndGet(), "BREAKAGE");
    return send(
        request("/api/complaints")
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(intake))));
  }

  private HttpResponse<String> createFilter(String user, String name, String query)
      throws Exception {
    String body =
        "{\"resourceType\":\"Task\",\"name\":\""
            + name
            + "\",\"owner\":\""
            + user
            + "\",\"query\":"
            + query
            + "}";
    return send(
        request("/engine-rest/filter/create")
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode getJson(String path, String user) throws Exception {
    HttpResponse<String> response = send(request(path).header("Authorization", basic(user)).GET());
    assertThat(response.statusCode())
        .as(path + " as " + user + ": " + response.body())
        .isEqualTo(200);
    return json.readTree(response.body());
  }

  record Part(String name, String fileName, String content) {
    static Part text(String name, String value) {
      return new Part(name, null, value);
    }

    static Part file(String fileName, String content) {
      return new Part(fileName, fileName, content);
    }
  }

  /** The multipart request of Camunda Modeler's deploy button. */
  private HttpResponse<String> deploy(List<Part> parts, String user) throws Exception {
    String boundary = "----ModelerBoundary" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    for (Part part : parts) {
      body.append("--").append(boundary).append("\r\n");
      if (part.fileName() == null) {
        body.append("Content-Disposition: form-data; name=\"")
            .append(part.name())
            .append("\"\r\n\r\n");
      } else {
        body.append("Content-Disposition: form-data; name=\"")
            .append(part.name())
            .append("\"; filename=\"")
            .append(part.fileName())
            .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      }
      body.append(part.content()).append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    HttpRequest.Builder request =
        request("/engine-rest/deployment/create")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> cookies(HttpResponse<?> response) {
    Map<String, String> cookies = new java.util.HashMap<>();
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return cookies;
  }

  private static String setCookie(HttpResponse<?> response, String name) {
    List<String> matching = new ArrayList<>();
    for (String header : response.headers().allValues("Set-Cookie")) {
      if (header.startsWith(name + "=")) {
        matching.add(header);
      }
    }
    assertThat(matching).as("Set-Cookie " + name).isNotEmpty();
    return matching.get(0);
  }

  static String basic(String demoUser) {
    return basic(demoUser, demoUser);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
