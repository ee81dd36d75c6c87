package com.qmsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.processtest.EscalationTimers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The worked examples of docs/process-owners.md, done exactly as written there: the files are
 * changed as the Modeler changes them and deployed as the Modeler deploys them ({@code POST
 * /engine-rest/deployment/create}, multipart, as a user of {@code process-owners}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessOwnerGuideTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZonedDateTime MONDAY_MORNING =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
  private static final Path DEADLINES = Path.of("decisions", "complaint-deadlines.dmn");
  private static final Path TEMPLATE = Path.of("element-templates", "deadline-task.json");

  @LocalServerPort private int port;
  @Autowired private ProcessEngine engine;
  @Autowired private EscalationRepository escalations;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** Deployment names of this run: the Modeler's deploy-changed-only compares by name. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  @AfterEach
  void restore() throws Exception {
    ClockUtil.reset();
    // the shipped table is the latest, before and after, for every test of this engine
    deploy(
        "restore complaint-deadlines " + run, DEADLINES.getFileName().toString(), read(DEADLINES));
  }

  /** "Confirm within 2 hours instead of 4". */
  @Test
  void confirmWithinTwoHoursInsteadOfFourAppliesToStepsStartedAfterTheDeployment()
      throws Exception {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    ComplaintScenario before =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C015", "B-GUIDE-1", "LABEL"));

    // rule "confirm" (and "confirm-tier-a") of complaint-deadlines.dmn, column "Due after": 4 -> 2
    String shipped = read(DEADLINES);
    String changed =
        shipped
            .replace(
                "<outputEntry id=\"confirm-out-2\">\n          <text>4</text>",
                "<outputEntry id=\"confirm-out-2\">\n          <text>2</text>")
            .replace(
                "<outputEntry id=\"confirm-tier-a-out-2\">\n          <text>4</text>",
                "<outputEntry id=\"confirm-tier-a-out-2\">\n          <text>2</text>");
    assertThat(changed).as("the guide's two cells").isNotEqualTo(shipped);
    JsonNode deployment = deploy("confirm in 2 hours " + run, "complaint-deadlines.dmn", changed);
    assertThat(deployment.path("deployedDecisionDefinitions").size()).isEqualTo(1);

    ComplaintScenario after =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C015", "B-GUIDE-2", "LABEL"));
    Instant start = MONDAY_MORNING.toInstant();
    assertThat(confirmTask(after).getDueDate())
        .isEqualTo(Date.from(start.plus(Duration.ofHours(2))));
    assertThat(after.escalationTimer("userTaskConfirmWithCustomer", 1).getDuedate())
        .isEqualTo(Date.from(start.plus(Duration.ofHours(2))));
    assertThat(after.escalationTimer("userTaskConfirmWithCustomer", 2).getDuedate())
        .as("the second level is its own column, unchanged")
        .isEqualTo(Date.from(start.plus(Duration.ofHours(12))));
    // a confirmation created before the deployment keeps its due date and timers
    assertThat(confirmTask(before).getDueDate())
        .isEqualTo(Date.from(start.plus(Duration.ofHours(4))));
    assertThat(before.escalationTimer("userTaskConfirmWithCustomer", 1).getDuedate())
        .isEqualTo(Date.from(start.plus(Duration.ofHours(4))));

    // deploying the same file again (deploy-changed-only) deploys nothing new
    JsonNode again = deploy("confirm in 2 hours " + run, "complaint-deadlines.dmn", changed);
    assertThat(
            again.path("deployedDecisionDefinitions").isNull()
                || again.path("deployedDecisionDefinitions").isEmpty())
        .isTrue();
  }

  /** "Add a step with a deadline": the template applied to a new user task, as Modeler does. */
  @Test
  void aUserTaskWithTheDeadlineTaskTemplateIsDueAndEscalatesTwice() throws Exception {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    String processKey = "guide-deadline-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(processKey)
            .camundaHistoryTimeToLive(30)
            .startEvent("startEventGuide")
            .userTask("userTaskCallCustomerBack")
            .name("Call the customer back")
            .camundaCandidateGroups("customer-service")
            .endEvent("endEventGuide")
            .done();
    UserTask task = model.getModelElementById("userTaskCallCustomerBack");
    applyTemplate(
        task, Map.of("deadlineDecision", "complaint-deadlines", "deadlineStep", "confirm"));
    deploy("deadline task", processKey + ".bpmn", Bpmn.convertToString(model));

    String businessKey = "GUIDE-" + processKey;
    ProcessInstance pi =
        engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey);
    Instant start = MONDAY_MORNING.toInstant();
    Task open = open(pi);
    assertThat(open.getDueDate()).isEqualTo(Date.from(start.plus(Duration.ofHours(4))));

    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTaskCallCustomerBack", 1);
    open = open(pi);
    assertThat(open.getPriority()).isEqualTo(90);
    assertThat(candidateGroups(open))
        .containsExactlyInAnyOrder("customer-service", "sales-management");
    EscalationTimers.fire(engine.getManagementService(), pi.getId(), "userTaskCallCustomerBack", 2);
    open = open(pi);
    assertThat(open.getPriority()).isEqualTo(100);
    assertThat(candidateGroups(open)).contains("general-manager");
    assertThat(escalations.findByBusinessKey(businessKey))
        .extracting(EscalationRepository.Escalation::level)
        .containsExactly(1, 2);
    engine.getTaskService().complete(open.getId());
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(pi.getId())
                .count())
        .isZero();
  }

  @Test
  void aDeadlineTaskWithItsOwnDueDateOrWithoutAStepIsRefusedAtDeployment() throws Exception {
    for (Map<String, String> entered :
        List.of(
            Map.of("deadlineDecision", "complaint-deadlines", "deadlineStep", "confirm"),
            Map.of("deadlineDecision", "complaint-deadlines", "deadlineStep", "con'firm"))) {
      String processKey = "guide-refused-" + UUID.randomUUID().toString().substring(0, 8);
      BpmnModelInstance model =
          Bpmn.createExecutableProcess(processKey)
              .camundaHistoryTimeToLive(30)
              .startEvent()
              .userTask("userTaskRefused")
              .camundaDueDate("${dateTime().plusDays(1).toDate()}")
              .endEvent()
              .done();
      UserTask task = model.getModelElementById("userTaskRefused");
      if (entered.get("deadlineStep").contains("'")) {
        task.removeAttributeNs("http://camunda.org/schema/1.0/bpmn", "dueDate");
      }
      applyTemplate(task, entered);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  engine
                      .getRepositoryService()
                      .createDeployment()
                      .addModelInstance(processKey + ".bpmn", model)
                      .deploy())
          .hasMessageContaining("userTaskRefused")
          .hasMessageContaining("deadline");
    }
  }

  /**
   * What Camunda Modeler writes when the template is applied and its fields are filled: the
   * template's id and version on the element, and each {@code camunda:property} binding as an
   * extension property.
   */
  private void applyTemplate(UserTask task, Map<String, String> entered) throws Exception {
    JsonNode template = json.readTree(Files.readString(TEMPLATE)).get(0);
    task.setAttributeValueNs(
        "http://camunda.org/schema/1.0/bpmn", "modelerTemplate", template.get("id").asText());
    task.setAttributeValueNs(
        "http://camunda.org/schema/1.0/bpmn",
        "modelerTemplateVersion",
        template.get("version").asText());
    ExtensionElements extensions = task.getExtensionElements();
    if (extensions == null) {
      extensions = task.getModelInstance().newInstance(ExtensionElements.class);
      task.setExtensionElements(extensions);
    }
    CamundaProperties properties = extensions.addExtensionElement(CamundaProperties.class);
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      assertThat(binding.get("type").asText()).isEqualTo("camunda:property");
      String name = binding.get("name").asText();
      String value =
          entered.getOrDefault(name, property.has("value") ? property.get("value").asText() : null);
      assertThat(value).as("a value for %s", name).isNotNull();
      CamundaProperty p = task.getModelInstance().newInstance(CamundaProperty.class);
      p.setCamundaName(name);
      p.setCamundaValue(value);
      properties.addChildElement(p);
    }
  }

  /** Camunda Modeler's deploy: multipart to the engine REST API as the process owner. */
  private JsonNode deploy(String name, String fileName, String content) throws Exception {
    String boundary = "----modeler" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field :
        List.of(
            Map.entry("deployment-name", name),
            Map.entry("deploy-changed-only", "true"),
            Map.entry("deployment-source", "Camunda Modeler"))) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + fileName
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("owner:owner".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private Task confirmTask(ComplaintScenario c) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(c.instance().getId())
        .taskDefinitionKey("userTaskConfirmWithCustomer")
        .singleResult();
  }

  private Task open(ProcessInstance pi) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .toList();
  }

  private static String read(Path path) throws Exception {
    return Files.readString(path);
  }
}
