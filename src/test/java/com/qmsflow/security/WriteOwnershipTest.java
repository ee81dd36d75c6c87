package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.web.WebappLogin;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 13: every write operation reachable over HTTP has an owner. The write endpoints are not
 * listed by hand: they are enumerated from the engine REST API's JAX-RS resources (every {@code
 * POST}/{@code PUT}/{@code DELETE} of every resource and sub-resource) and from the project's
 * Spring MVC mappings. Every demo user of every business group calls every one of them, over {@code
 * /engine-rest} with HTTP Basic and over the webapps' copy ({@code /camunda/api/engine}) with a
 * Tasklist login; only the operations this test expects succeed, and afterwards nothing in the
 * database has changed (variables, jobs, tasks, authorizations, identities, master data, …).
 *
 * <p>The expectations are this test's own list, not {@link WritePolicy}: a rule added to the policy
 * without a decision here fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:security-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class WriteOwnershipTest {

  /** One demo user of every group except the administrators. */
  static final List<String> STAFF =
      List.of(
          "clerk",
          "sales",
          "salesmanager",
          "quality",
          "qualitymanager",
          "engineer",
          "production",
          "material",
          "affairs",
          "gm",
          "owner");

  /** What the guard's refusal says (not the engine's own 403 nor the webapps' CSRF refusal). */
  static final String REFUSAL = "may not";

  // --- what this test expects staff may call (everything else: administrators only) -----------

  /** Queries sent as POST: every logged-in user (the engine filters what they see). */
  static final Pattern QUERIES =
      Pattern.compile(
          "POST /((task|process-instance|execution|variable-instance|job|job-definition"
              + "|external-task|case-instance|case-execution)(/count)?|filter/\\{[^}]+}/(list|count|singleResult)"
              + "|history/(process-instance|activity-instance|task|variable-instance|detail|decision-instance|job-log|incident"
              + "|external-task-log|user-operation|identity-link-log|case-instance|case-activity-instance|batch)(/count)?"
              + "|identity/password-policy)");

  /** Tasklist work and own filters: every logged-in user (the engine checks the task or filter). */
  static final Set<String> TASK_WORK =
      Set.of(
          "POST /task/{id}/claim",
          "POST /task/{id}/unclaim",
          "POST /task/{id}/assignee",
          "POST /task/{id}/delegate",
          "POST /task/{id}/resolve",
          "POST /task/{id}/complete",
          "POST /task/{id}/submit-form",
          "POST /task/{id}/comment/create",
          "PUT /task/{id}",
          "POST /filter/create",
          "PUT /filter/{id}",
          "DELETE /filter/{id}",
          "POST /process-definition/{id}/start",
          "POST /process-definition/{id}/submit-form",
          "POST /process-definition/key/{key}/start",
          "POST /process-definition/key/{key}/submit-form",
          "POST /process-definition/key/{key}/tenant-id/{tenant-id}/start",
          "POST /process-definition/key/{key}/tenant-id/{tenant-id}/submit-form");

  /** Own account only (called here about another user, so refused). */
  static final Set<String> SELF = Set.of("PUT /user/{id}/profile", "PUT /user/{id}/credentials");

  /** Engine operations of one group. */
  static final Map<String, Set<String>> ENGINE_BY_GROUP =
      Map.of("POST /deployment/create", Set.of("owner"));

  /** Every business user, not the process owner (register/RegisterAccess). */
  static final Set<String> REGISTER_USERS =
      STAFF.stream()
          .filter(user -> !user.equals("owner"))
          .collect(java.util.stream.Collectors.toSet());

  /**
   * The project's API: who may call each write at the door (controllers then decide per record).
   */
  static final Map<String, Set<String>> PROJECT =
      Map.ofEntries(
          Map.entry("POST /api/complaints", Set.of("clerk")),
          Map.entry("POST /api/mail-intake/{id}/register", Set.of("clerk")),
          Map.entry("POST /api/mail-intake/{id}/discard", Set.of("clerk")),
          Map.entry(
              "POST /api/changes",
              Set.of("sales", "quality", "engineer", "production", "material")),
          Map.entry("PUT /api/defect-codes/{code}", Set.of("qualitymanager")),
          Map.entry("PUT /api/calendar/days/{date}", Set.of()),
          Map.entry("DELETE /api/calendar/days/{date}", Set.of()),
          Map.entry("POST /api/complaints/{number}/attachments", Set.copyOf(STAFF)),
          Map.entry("POST /api/corrective-actions/{number}/attachments", Set.copyOf(STAFF)),
          Map.entry("DELETE /api/attachments/{id}", Set.copyOf(STAFF)),
          Map.entry("POST /api/complaints/{complaintNumber}/reply-mail", Set.copyOf(STAFF)),
          // the complainant's side (complainant/ComplainantController)
          Map.entry(
              "POST /api/complaints/{complaintNumber}/acknowledgement",
              Set.of("clerk", "sales", "salesmanager")),
          Map.entry(
              "POST /api/complaints/{complaintNumber}/status-link/revoke",
              Set.of("clerk", "sales", "salesmanager")),
          Map.entry(
              "PUT /api/customers/{code}/complainant-settings", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customers", Set.of("clerk", "salesmanager")),
          Map.entry("PUT /api/customers/{code}", Set.of("clerk", "salesmanager")),
          Map.entry("DELETE /api/customers/{code}", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customers/{code}/deactivate", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customers/{code}/reactivate", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customers/{code}/contacts", Set.of("clerk", "salesmanager")),
          Map.entry("PUT /api/customers/{code}/contacts/{id}", Set.of("clerk", "salesmanager")),
          Map.entry("DELETE /api/customers/{code}/contacts/{id}", Set.of("clerk", "salesmanager")),
          Map.entry("PUT /api/customers/{code}/revenue/{year}", Set.of("salesmanager")),
          Map.entry("DELETE /api/customers/{code}/revenue/{year}", Set.of("salesmanager")),
          Map.entry("POST /api/customer-import/customers", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customer-import/customers/dry-run", Set.of("clerk", "salesmanager")),
          Map.entry("POST /api/customer-import/revenue", Set.of("salesmanager")),
          Map.entry("POST /api/customer-import/revenue/dry-run", Set.of("salesmanager")),
          Map.entry("POST /api/register-views", REGISTER_USERS),
          Map.entry("DELETE /api/register-views/{id}", REGISTER_USERS));

  /** A body that would forge data wherever the guard let it through. */
  static final String FORGING_BODY =
      "{\"value\":\"C\",\"type\":\"String\",\"kind\":\"WORKDAY\",\"name\":\"forged\","
          + "\"description\":\"forged\",\"category\":\"quality\",\"active\":false,\"retries\":0,\"suspended\":true}";

  private static final AtomicInteger BATCH = new AtomicInteger();

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;
  @Autowired private JdbcClient jdbc;
  @Autowired private TaskService taskService;
  @Autowired private RuntimeService runtimeService;
  @Autowired private ManagementService managementService;
  @Autowired private RepositoryService repositoryService;
  @Autowired private HistoryService historyService;
  @Autowired private com.qmsflow.notification.OutboxDispatcher outbox;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, WebappLogin> logins = new LinkedHashMap<>();
  private Map<String, String> ids;

  @BeforeAll
  void complaintAndLogins() throws Exception {
    String number = register();
    // the complaint's acknowledgement (complainant/) is delivered now, not by the scheduled
    // dispatcher in the middle of a "nothing changed" comparison
    outbox.dispatch();
    String processInstanceId =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult()
            .getId();
    Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(processInstanceId)
            .timers()
            .list()
            .get(0);
    ids = new LinkedHashMap<>();
    ids.put("task", task.getId());
    ids.put("process-instance", processInstanceId);
    ids.put("execution", processInstanceId);
    ids.put("job", timer.getId());
    ids.put("job-definition", timer.getJobDefinitionId());
    ids.put("process-definition", task.getProcessDefinitionId());
    ids.put(
        "deployment",
        repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId());
    ids.put(
        "decision-definition",
        repositoryService
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey("complaint-severity")
            .latestVersion()
            .singleResult()
            .getId());
    ids.put("number", number);
    ids.put("complaintNumber", number);
    for (String user : STAFF) {
      login(user);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // every write endpoint, every group

  @Test
  void everyEngineWriteIsRefusedToStaffUnlessThisTestAllowsItAndNothingChanges() throws Exception {
    List<Endpoint> endpoints = engineWrites();
    assertThat(endpoints)
        .as("enumerated engine REST writes")
        .hasSizeGreaterThan(150)
        .contains(
            new Endpoint("PUT", "/task/{id}/variables/{varId}"),
            new Endpoint("POST", "/job/{id}/execute"),
            new Endpoint("POST", "/process-instance/{id}/modification"),
            new Endpoint("PUT", "/job/{id}/retries"));
    Map<String, Object> before = snapshot();
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (Endpoint endpoint : endpoints) {
      for (String user : STAFF) {
        boolean allowed = expectedEngine(endpoint, user);
        String path = fill(endpoint.template(), allowed, user);
        for (boolean viaWebapp : List.of(false, true)) {
          // allowed calls get unknown ids and an empty body: they must not be refused, and change
          // nothing
          String body = allowed ? "{}" : FORGING_BODY;
          HttpResponse<String> response =
              viaWebapp
                  ? webapp(
                      endpoint.method(), "/camunda/api/engine/engine/default" + path, user, body)
                  : basic(endpoint.method(), "/engine-rest" + path, user, body);
          calls++;
          boolean refused = response.statusCode() == 403 && response.body().contains(REFUSAL);
          if (refused == allowed) {
            wrong.add(
                (viaWebapp ? "webapp " : "")
                    + endpoint
                    + " as "
                    + user
                    + ": "
                    + response.statusCode()
                    + " "
                    + abbreviate(response.body()));
          }
        }
      }
    }
    assertThat(wrong).as("of %d calls", calls).isEmpty();
    assertThat(snapshot()).as("nothing changed").isEqualTo(before);
  }

  @Test
  void everyProjectApiWriteHasAnOwnerAndARefusalChangesNothing() throws Exception {
    List<Endpoint> endpoints = projectWrites();
    assertThat(endpoints.stream().map(Endpoint::toString).toList())
        .as("every write of /api has a decision in this test")
        .containsExactlyInAnyOrderElementsOf(PROJECT.keySet());
    Map<String, Object> before = snapshot();
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      for (String user : STAFF) {
        boolean allowed = PROJECT.get(endpoint.toString()).contains(user);
        String path =
            endpoint
                .template()
                .replace("{code}", allowed ? "no such code" : "LABEL")
                .replace("{date}", "2026-10-01")
                .replace("{year}", "2025")
                .replace("{number}", allowed ? "CC-1999-000000" : ids.get("number"))
                .replace("{complaintNumber}", allowed ? "CC-1999-000000" : ids.get("number"))
                .replace("{id}", allowed ? "0" : "1");
        // allowed calls get a body the controller refuses, so that this loop changes nothing
        HttpResponse<String> response =
            send(
                HttpRequest.newBuilder(uri(path.replace(" ", "%20")))
                    .header("Authorization", WebSecurityTest.basic(user))
                    .header("Content-Type", "application/json")
                    .method(
                        endpoint.method(),
                        HttpRequest.BodyPublishers.ofString(
                            allowed ? "{\"unknown\":1}" : FORGING_BODY)));
        boolean refused = response.statusCode() == 403 && response.body().contains(REFUSAL);
        if (refused == allowed) {
          wrong.add(
              endpoint
                  + " as "
                  + user
                  + ": "
                  + response.statusCode()
                  + " "
                  + abbreviate(response.body()));
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(snapshot()).as("nothing changed").isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------
  // the examples of issue 13, as stories

  @Test
  void aCandidateCannotForgeAProcessVariableButAnAdministratorMay() throws Exception {
    String number = register();
    String pi = instance(number);
    Task confirm = taskService.createTaskQuery().processInstanceId(pi).singleResult();
    Object tier = runtimeService.getVariable(pi, "tier");
    HttpResponse<String> forged =
        basic(
            "PUT",
            "/engine-rest/task/" + confirm.getId() + "/variables/tier",
            "clerk",
            "{\"value\":\"C\",\"type\":\"String\"}");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body())
        .contains("clerk", "PUT /engine-rest/task/" + confirm.getId() + "/variables/tier");
    HttpResponse<String> forgedWithModify =
        basic(
            "POST",
            "/engine-rest/process-instance/" + pi + "/variables",
            "clerk",
            "{\"modifications\":{\"tier\":{\"value\":\"C\",\"type\":\"String\"}}}");
    assertThat(forgedWithModify.statusCode()).isEqualTo(403);
    assertThat(runtimeService.getVariable(pi, "tier")).isEqualTo(tier);
    // in the user's language
    HttpResponse<String> chinese =
        send(
            HttpRequest.newBuilder(
                    uri("/engine-rest/task/" + confirm.getId() + "/localVariables/tier"))
                .header("Authorization", WebSecurityTest.basic("clerk"))
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"C\"}")));
    assertThat(chinese.statusCode()).isEqualTo(403);
    assertThat(chinese.body()).contains("无权");

    HttpResponse<String> byAdmin =
        basic(
            "PUT",
            "/engine-rest/process-instance/" + pi + "/variables/adminNote",
            "admin",
            "{\"value\":\"set by an administrator\",\"type\":\"String\"}");
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(204);
    assertThat(runtimeService.getVariable(pi, "adminNote")).isEqualTo("set by an administrator");
  }

  @Test
  void aRefusedJobExecutionLeavesTheEscalationTimerAsItWas() throws Exception {
    String pi = instance(register());
    Job timer = managementService.createJobQuery().processInstanceId(pi).timers().list().get(0);
    int priority = taskService.createTaskQuery().processInstanceId(pi).singleResult().getPriority();
    long jobLog = historyService.createHistoricJobLogQuery().jobId(timer.getId()).count();
    for (String call :
        List.of(
            "POST /job/%s/execute",
            "PUT /job/%s/retries",
            "PUT /job/%s/duedate",
            "PUT /job/%s/suspended",
            "POST /job/%s/duedate/recalculate",
            "PUT /job/%s/priority")) {
      String[] parts = String.format(call, timer.getId()).split(" ");
      HttpResponse<String> response =
          basic(
              parts[0],
              "/engine-rest" + parts[1],
              "clerk",
              "{\"retries\":0,\"duedate\":\"2020-01-01T00:00:00.000+0000\",\"suspended\":true,\"priority\":1}");
      assertThat(response.statusCode()).as(call).isEqualTo(403);
    }
    Job after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(after.isSuspended()).isFalse();
    assertThat(historyService.createHistoricJobLogQuery().jobId(timer.getId()).count())
        .isEqualTo(jobLog);
    Task confirm = taskService.createTaskQuery().processInstanceId(pi).singleResult();
    assertThat(confirm.getPriority()).as("not escalated").isEqualTo(priority);
    assertThat(taskService.getIdentityLinksForTask(confirm.getId()))
        .extracting(l -> l.getGroupId())
        .as("no escalation group added")
        .doesNotContain("sales-management");
  }

  @Test
  void tasklistMaySetTheFollowUpDateButNotTheDueDate() throws Exception {
    String pi = instance(register());
    Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
    ObjectNode asTasklistSendsIt =
        (ObjectNode)
            json.readTree(basic("GET", "/engine-rest/task/" + task.getId(), "clerk", null).body());
    String followUp =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.ofHours(8))
            .format(task.getDueDate().toInstant().plusSeconds(3600));
    asTasklistSendsIt.put("followUp", followUp);
    // the engine cannot read back this field of its own answer (Tasklist sends its list's HAL form
    // without it)
    asTasklistSendsIt.remove("camundaFormRef");
    HttpResponse<String> setFollowUp =
        basic("PUT", "/engine-rest/task/" + task.getId(), "clerk", asTasklistSendsIt.toString());
    assertThat(setFollowUp.statusCode()).as(setFollowUp.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getFollowUpDate())
        .isEqualTo(Date.from(task.getDueDate().toInstant().plusSeconds(3600)));

    asTasklistSendsIt.put("due", "2099-01-01T00:00:00.000+0800");
    HttpResponse<String> moveDue =
        basic("PUT", "/engine-rest/task/" + task.getId(), "clerk", asTasklistSendsIt.toString());
    assertThat(moveDue.statusCode()).isEqualTo(403);
    assertThat(moveDue.body()).contains("due");
    asTasklistSendsIt.put("due", (String) null);
    asTasklistSendsIt.put("priority", 0);
    assertThat(
            basic("PUT", "/engine-rest/task/" + task.getId(), "clerk", asTasklistSendsIt.toString())
                .statusCode())
        .isEqualTo(403);
    Task after = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(after.getDueDate()).isEqualTo(task.getDueDate());
    assertThat(after.getPriority()).isEqualTo(task.getPriority());
  }

  @Test
  void aProcessStartsOnlyAtItsStartEvent() throws Exception {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> intake =
        ComplaintScenario.intake("C002", "OWN-" + BATCH.incrementAndGet(), "BREAKAGE");
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    intake.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
    body.putArray("startInstructions")
        .addObject()
        .put("type", "startBeforeActivity")
        .put("activityId", "userTaskArchiveComplaint");
    HttpResponse<String> jumped =
        basic(
            "POST",
            "/engine-rest/process-definition/key/complaint-handling/start",
            "clerk",
            json.writeValueAsString(body));
    assertThat(jumped.statusCode()).isEqualTo(403);
    assertThat(jumped.body()).contains("startInstructions");
    body.remove("startInstructions");
    body.put("skipCustomListeners", true);
    assertThat(
            basic(
                    "POST",
                    "/engine-rest/process-definition/key/complaint-handling/start",
                    "clerk",
                    json.writeValueAsString(body))
                .statusCode())
        .isEqualTo(403);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }

  // ---------------------------------------------------------------------------------------------
  // issue 13.6: the log

  @Test
  void refusalsAreOneLineAndSomethingEndedIs404(CapturedOutput output) throws Exception {
    String pi = instance(register());
    Task confirm = taskService.createTaskQuery().processInstanceId(pi).singleResult();
    int start = output.length();

    HttpResponse<String> rejected =
        basic(
            "POST",
            "/engine-rest/task/" + confirm.getId() + "/submit-form",
            "clerk",
            "{\"variables\":{}}");
    assertThat(rejected.statusCode()).isEqualTo(400);
    HttpResponse<String> forged =
        basic(
            "PUT",
            "/engine-rest/task/" + confirm.getId() + "/variables/tier",
            "clerk",
            "{\"value\":\"C\"}");
    assertThat(forged.statusCode()).isEqualTo(403);

    runtimeService.deleteProcessInstance(pi, "ended for the test");
    HttpResponse<String> ended =
        basic("GET", "/engine-rest/process-instance/" + pi + "/variables", "admin", null);
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(404);
    assertThat(
            basic("GET", "/engine-rest/task/" + confirm.getId() + "/variables", "admin", null)
                .statusCode())
        .isEqualTo(404);

    String log = output.toString().substring(start);
    assertThat(log)
        .doesNotContain("ENGINE-16004")
        .doesNotContain(" ERROR ")
        .doesNotContain("\tat org.camunda");
    assertThat(
            log.lines()
                .filter(
                    l ->
                        l.contains(
                            "Refused PUT /engine-rest/task/"
                                + confirm.getId()
                                + "/variables/tier")))
        .as("the refusal is logged once with user and operation")
        .hasSize(1)
        .allSatisfy(line -> assertThat(line).contains("WARN", "clerk"));
  }

  // ---------------------------------------------------------------------------------------------
  // enumeration

  record Endpoint(String method, String template) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /**
   * Every POST/PUT/DELETE of the engine REST API, walking root resources and sub-resource locators.
   */
  static List<Endpoint> engineWrites() {
    Set<Endpoint> found = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Class<?> root : CamundaRestResources.getResourceClasses()) {
      walk(root, classPath(root), 0, found, new HashSet<>());
    }
    return found.stream()
        .filter(e -> !e.method().equals("GET"))
        .filter(e -> !e.template().startsWith("/engine/"))
        .toList();
  }

  private static void walk(
      Class<?> type, String prefix, int depth, Set<Endpoint> found, Set<String> seen) {
    if (depth > 6 || !seen.add(type.getName() + prefix)) {
      return;
    }
    for (Method method : type.getMethods()) {
      Path path = annotation(type, method, Path.class);
      String http = httpMethod(type, method);
      String full = normalise(prefix + (path == null ? "" : "/" + path.value()));
      if (http != null) {
        found.add(new Endpoint(http, full));
      } else if (path != null) {
        walk(method.getReturnType(), full, depth + 1, found, seen);
      }
    }
  }

  private static String classPath(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getAnnotation(Path.class) != null) {
        return c.getAnnotation(Path.class).value();
      }
      for (Class<?> i : c.getInterfaces()) {
        if (i.getAnnotation(Path.class) != null) {
          return i.getAnnotation(Path.class).value();
        }
      }
    }
    return "";
  }

  private static String httpMethod(Class<?> type, Method method) {
    for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
      if (annotation(type, method, a) != null) {
        return a.getSimpleName();
      }
    }
    return null;
  }

  /** JAX-RS annotations may sit on the method of the class, a superclass or an interface. */
  private static <A extends Annotation> A annotation(
      Class<?> type, Method method, Class<A> annotation) {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      types.add(c);
      types.addAll(allInterfaces(c));
    }
    for (Class<?> c : types) {
      try {
        A found =
            c.getDeclaredMethod(method.getName(), method.getParameterTypes())
                .getAnnotation(annotation);
        if (found != null) {
          return found;
        }
      } catch (NoSuchMethodException e) {
        // not declared here
      }
    }
    return null;
  }

  private static List<Class<?>> allInterfaces(Class<?> type) {
    List<Class<?>> result = new ArrayList<>();
    for (Class<?> i : type.getInterfaces()) {
      result.add(i);
      result.addAll(allInterfaces(i));
    }
    return result;
  }

  private static String normalise(String path) {
    String p = path.replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private List<Endpoint> projectWrites() {
    List<Endpoint> result = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          if (method != RequestMethod.GET
              && method != RequestMethod.HEAD
              && method != RequestMethod.OPTIONS) {
            result.add(
                new Endpoint(method.name(), pattern.replaceAll("\\{([^:}]+)(:[^}]*)?}", "{$1}")));
          }
        }
      }
    }
    return result;
  }

  private static boolean expectedEngine(Endpoint endpoint, String user) {
    String key = endpoint.toString();
    if (QUERIES.matcher(key).matches() || TASK_WORK.contains(key)) {
      return true;
    }
    return ENGINE_BY_GROUP.getOrDefault(key, Set.of()).contains(user);
  }

  /**
   * Real ids where the call must be refused (so a missing refusal would change them), unknown ids
   * where it is allowed.
   */
  private String fill(String template, boolean allowed, String user) {
    Matcher m = Pattern.compile("/([a-z-]+)/\\{([^}]+)}").matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String resource = m.group(1);
      String value;
      if (allowed) {
        value = "no-such-" + m.group(2);
      } else if (resource.equals("variables") || resource.equals("localVariables")) {
        value = "tier";
      } else if (resource.equals("user")) {
        value = user.equals("clerk") ? "sales" : "clerk";
      } else if (resource.equals("group")) {
        value = "sales";
      } else if (resource.equals("key")) {
        value = "complaint-handling";
      } else {
        value = ids.getOrDefault(resource, "x");
      }
      m.appendReplacement(path, Matcher.quoteReplacement("/" + resource + "/" + value));
    }
    m.appendTail(path);
    return path.toString().replaceAll("\\{[^}]+}", "x");
  }

  // ---------------------------------------------------------------------------------------------
  // state

  /** Every row of the tables a write could change, per table. */
  private Map<String, Object> snapshot() {
    Map<String, Object> tables = new LinkedHashMap<>();
    for (String table :
        List.of(
            "ACT_RU_VARIABLE",
            "ACT_RU_JOB",
            "ACT_RU_JOBDEF",
            "ACT_RU_TASK",
            "ACT_RU_EXECUTION",
            "ACT_RU_IDENTITYLINK",
            "ACT_RU_AUTHORIZATION",
            "ACT_RU_FILTER",
            "ACT_RU_EXT_TASK",
            "ACT_RU_BATCH",
            "ACT_RU_INCIDENT",
            "ACT_RU_EVENT_SUBSCR",
            "ACT_RE_PROCDEF",
            "ACT_RE_DEPLOYMENT",
            "ACT_RE_DECISION_DEF",
            "ACT_ID_USER",
            "ACT_ID_GROUP",
            "ACT_ID_MEMBERSHIP",
            "ACT_ID_TENANT",
            "ACT_HI_COMMENT",
            "ACT_HI_JOB_LOG",
            "ACT_HI_OP_LOG",
            "ACT_HI_PROCINST",
            "defect_code",
            "calendar_day",
            "customer",
            "customer_contact",
            "customer_revenue",
            "customer_tier_change",
            "complaint",
            "master_data_change",
            "notification",
            "attachment",
            "change_request",
            "register_view")) {
      List<String> rows = new ArrayList<>();
      for (Map<String, Object> row : jdbc.sql("select * from " + table).query().listOfRows()) {
        StringBuilder line = new StringBuilder();
        row.forEach(
            (column, value) ->
                line.append(column)
                    .append('=')
                    .append(value instanceof byte[] b ? Arrays.hashCode(b) : value)
                    .append(';'));
        rows.add(line.toString());
      }
      rows.sort(String::compareTo);
      tables.put(table, rows);
    }
    return tables;
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private String register() throws Exception {
    Map<String, Object> intake =
        ComplaintScenario.intake("C002", "OWN-" + BATCH.incrementAndGet(), "BREAKAGE");
    HttpResponse<String> response =
        basic("POST", "/api/complaints", "clerk", json.writeValueAsString(intake));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("complaintNumber").asText();
  }

  private String instance(String number) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(number)
        .singleResult()
        .getId();
  }

  private void login(String user) throws Exception {
    logins.put(user, WebappLogin.of(http, uri("/"), user));
  }

  private HttpResponse<String> webapp(String method, String path, String user, String body)
      throws Exception {
    return send(
        logins
            .get(user)
            .request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> basic(String method, String path, String user, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", WebSecurityTest.basic(user))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String abbreviate(String body) {
    return body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }
}
