package com.qmsflow.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.processtest.EscalationTimers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The intake REST API on the demo profile (demo customers C001-C015, tiers A for C001-C008 and C
 * for C013-C015) over an in-memory H2 database, without the job executor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:api-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ComplaintApiTest {

  /**
   * Every request of this class comes from the demo clerk (customer service) unless it says
   * otherwise.
   */
  @TestConfiguration
  static class AsClerk {
    @Bean
    MockMvcBuilderCustomizer basicAuthenticationAsClerk() {
      return builder ->
          builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, basic("clerk")));
    }
  }

  static String basic(String demoUser) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (demoUser + ":" + demoUser).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired private MockMvc mvc;
  @Autowired private ObjectMapper json;
  @Autowired private RuntimeService runtimeService;
  @Autowired private TaskService taskService;
  @Autowired private HistoryService historyService;
  @Autowired private ManagementService managementService;
  @Autowired private JdbcClient jdbc;
  @Autowired private ComplaintRepository complaints;
  @Autowired private ComplaintApiController controller;
  @Autowired private ComplaintApiService service;
  @Autowired private RepositoryService repositoryService;

  /**
   * A valid complaint; every call has its own batch number so complaints never count as
   * recurrences.
   */
  static Map<String, Object> validComplaint(String customerCode) {
    Map<String, Object> body =
        ComplaintScenario.intake(customerCode, "API-" + SEQUENCE.incrementAndGet(), "BREAKAGE");
    // the API fills the contact from the customer archive when it is missing
    body.remove("contactName");
    return body;
  }

  private ResultActions postComplaint(Object body) throws Exception {
    String content = body instanceof String s ? s : json.writeValueAsString(body);
    return mvc.perform(
        post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(content));
  }

  private JsonNode created(Map<String, Object> body) throws Exception {
    MvcResult result = postComplaint(body).andExpect(status().isCreated()).andReturn();
    return json.readTree(result.getResponse().getContentAsString());
  }

  private long instances() {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(ComplaintVariables.PROCESS_KEY)
        .count();
  }

  private int rows() {
    return jdbc.sql("select count(*) from complaint").query(Integer.class).single();
  }

  // ---------------------------------------------------------------------------------------------
  // POST: valid complaints

  @Test
  void validComplaintIsRegisteredAndWaitsForConfirmation() throws Exception {
    long instancesBefore = instances();
    MvcResult result =
        postComplaint(validComplaint("C003"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.complaintNumber", matchesPattern("CC-\\d{4}-\\d{6}")))
            .andExpect(jsonPath("$.processInstanceId", notNullValue()))
            .andReturn();
    JsonNode body = json.readTree(result.getResponse().getContentAsString());
    String number = body.get("complaintNumber").asText();
    String processInstanceId = body.get("processInstanceId").asText();
    assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/complaints/" + number);
    assertThat(number).startsWith("CC-" + LocalDate.now(ZONE).getYear() + "-");

    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult();
    assertThat(instance).isNotNull();
    assertThat(instance.getId()).isEqualTo(processInstanceId);
    assertThat(runtimeService.getActiveActivityIds(processInstanceId))
        .containsExactly("userTaskConfirmWithCustomer");
    assertThat(instances()).isEqualTo(instancesBefore + 1);

    Complaint row = complaints.findByNumber(number).orElseThrow();
    assertThat(row.processInstanceId()).isEqualTo(processInstanceId);
    assertThat(row.tier()).isEqualTo("A");
    assertThat(row.status()).isEqualTo("OPEN");
    assertThat(row.quantityPurchased()).isEqualTo(1000);
    assertThat(row.productionDate()).isEqualTo(LocalDate.of(2026, 1, 15));

    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    assertThat(variables)
        .containsEntry("complaintNumber", number)
        .containsEntry("customerName", "Sunfield Energy")
        .containsEntry("tier", "A")
        .containsEntry("productionDate", "2026-01-15")
        .containsEntry("quantityDefective", 10)
        .containsEntry("usageQuestion", false)
        // absent contact person: the customer's first contact in the archive
        .containsEntry("contactName", "Purchasing C003");
  }

  @Test
  void tierComesFromTheRevenueRank() throws Exception {
    String a = created(validComplaint("C003")).get("complaintNumber").asText();
    String c = created(validComplaint("C014")).get("complaintNumber").asText();
    mvc.perform(get("/api/complaints/" + a))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tier").value("A"));
    mvc.perform(get("/api/complaints/" + c))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tier").value("C"));
  }

  @Test
  void givenContactNameIsKept() throws Exception {
    Map<String, Object> body = validComplaint("C005");
    body.put("contactName", "Ms. Li");
    body.put("contactPhone", "+86 21 5555 0000");
    String processInstanceId = created(body).get("processInstanceId").asText();
    assertThat(runtimeService.getVariable(processInstanceId, "contactName")).isEqualTo("Ms. Li");
  }

  @Test
  void sameExternalReferenceTwiceGivesTheSameComplaint() throws Exception {
    Map<String, Object> body = validComplaint("C003");
    body.put("externalReference", "CRM-4711");
    long instancesBefore = instances();
    int rowsBefore = rows();

    JsonNode first = created(body);
    String number = first.get("complaintNumber").asText();
    postComplaint(body)
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/complaints/" + number))
        .andExpect(jsonPath("$.complaintNumber").value(number))
        .andExpect(jsonPath("$.processInstanceId").value(first.get("processInstanceId").asText()));

    assertThat(instances()).isEqualTo(instancesBefore + 1);
    assertThat(rows()).isEqualTo(rowsBefore + 1);
    assertThat(
            runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).count())
        .isOne();
  }

  @Test
  void concurrentRequestsWithTheSameExternalReferenceStartOneInstance() throws Exception {
    Map<String, Object> body = validComplaint("C007");
    body.put("externalReference", "PORTAL-RACE-1");
    JsonNode node = json.valueToTree(body);
    long instancesBefore = instances();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ResponseEntity<ComplaintApiController.Created>>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<ResponseEntity<ComplaintApiController.Created>> call =
            () -> {
              start.await();
              return controller.create(node);
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      List<ResponseEntity<ComplaintApiController.Created>> results = new ArrayList<>();
      for (Future<ResponseEntity<ComplaintApiController.Created>> answer : answers) {
        results.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(results).filteredOn(r -> r.getStatusCode() == HttpStatus.CREATED).hasSize(1);
      assertThat(results).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(threads - 1);
      assertThat(results)
          .extracting(r -> r.getBody().complaintNumber())
          .containsOnly(results.get(0).getBody().complaintNumber());
      assertThat(results)
          .extracting(r -> r.getBody().processInstanceId())
          .doesNotContainNull()
          .hasSize(threads)
          .containsOnly(results.get(0).getBody().processInstanceId());
    } finally {
      pool.shutdownNow();
    }
    assertThat(instances()).isEqualTo(instancesBefore + 1);
    assertThat(
            jdbc.sql("select count(*) from complaint where external_reference = ?")
                .param("PORTAL-RACE-1")
                .query(Integer.class)
                .single())
        .isOne();
  }

  @Test
  void concurrentFirstComplaintsOfAYearGetDistinctNumbers() throws Exception {
    // the first complaints of a year must not collide on its number counter
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-03T02:00:00Z")));
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ResponseEntity<ComplaintApiController.Created>>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        JsonNode node = json.valueToTree(validComplaint("C00" + (i + 1)));
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return controller.create(node);
                }));
      }
      start.countDown();
      List<String> numbers = new ArrayList<>();
      for (Future<ResponseEntity<ComplaintApiController.Created>> answer : answers) {
        ResponseEntity<ComplaintApiController.Created> response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        numbers.add(response.getBody().complaintNumber());
      }
      assertThat(numbers)
          .containsExactlyInAnyOrder(
              "CC-2031-000001", "CC-2031-000002", "CC-2031-000003", "CC-2031-000004");
    } finally {
      pool.shutdownNow();
      ClockUtil.reset();
    }
  }

  @Test
  void failureWhileStartingTheProcessLeavesNoRowAndGivesItsNumberBack() {
    int year = LocalDate.now(ZONE).getYear();
    ComplaintRequest request = ComplaintRequest.parse(json.valueToTree(validComplaint("C003")));
    long instancesBefore = instances();
    int rowsBefore = rows();
    Integer counterBefore = counter(year);
    // validation passes and the row is inserted, then the engine refuses to start the instance
    repositoryService.suspendProcessDefinitionByKey(ComplaintVariables.PROCESS_KEY);
    try {
      assertThatThrownBy(() -> service.submit(request))
          .isInstanceOf(SuspendedEntityInteractionException.class);
    } finally {
      repositoryService.activateProcessDefinitionByKey(ComplaintVariables.PROCESS_KEY);
    }
    assertThat(instances()).isEqualTo(instancesBefore);
    assertThat(rows()).isEqualTo(rowsBefore);
    // the number was counted (outside the failed transaction) and given back as a free reservation
    assertThat(counter(year)).isEqualTo(counterBefore + 1);
    List<Integer> free =
        jdbc.sql(
                "select number_value from number_reservation where sequence_name = 'complaint'"
                    + " and counter_year = ? order by number_value")
            .param(year)
            .query(Integer.class)
            .list();
    assertThat(free).contains(counterBefore + 1);

    // the next complaint takes the lowest free number: no number is left out
    assertThat(service.submit(request).complaintNumber())
        .isEqualTo(String.format("CC-%d-%06d", year, free.get(0)));
  }

  private Integer counter(int year) {
    return jdbc.sql(
            "select last_value from number_counter where sequence_name = 'complaint' and"
                + " counter_year = ?")
        .param(year)
        .query(Integer.class)
        .optional()
        .orElse(null);
  }

  // ---------------------------------------------------------------------------------------------
  // POST: rejected complaints

  static Stream<Arguments> badComplaints() {
    String tomorrow = LocalDate.now(ZONE).plusDays(1).toString();
    List<Arguments> cases =
        new ArrayList<>(
            List.of(
                bad("unknown customer", b -> b.put("customerCode", "C999"), "customerCode"),
                bad(
                    "negative quantityDefective",
                    b -> b.put("quantityDefective", -1),
                    "quantityDefective"),
                bad(
                    "defective more than purchased",
                    b -> b.put("quantityDefective", 1001),
                    "quantityDefective"),
                bad(
                    "malformed productionDate",
                    b -> b.put("productionDate", "2026-13-45"),
                    "productionDate"),
                bad(
                    "productionDate not a date at all",
                    b -> b.put("productionDate", "last week"),
                    "productionDate"),
                bad(
                    "string for quantityPurchased",
                    b -> b.put("quantityPurchased", "1000"),
                    "quantityPurchased"),
                bad(
                    "fraction for quantityPurchased",
                    b -> b.put("quantityPurchased", 10.5),
                    "quantityPurchased"),
                bad("unknown channel", b -> b.put("channel", "pigeon"), "channel"),
                bad("unknown category", b -> b.put("category", "weather"), "category"),
                bad(
                    "future productionDate",
                    b -> b.put("productionDate", tomorrow),
                    "productionDate"),
                bad(
                    "purchase before production",
                    b -> b.put("purchaseDate", "2025-08-01"),
                    "purchaseDate"),
                bad("bad batch pattern", b -> b.put("batchNumber", "B 1/2"), "batchNumber"),
                bad("unknown defect code", b -> b.put("defectCode", "NO-SUCH-CODE"), "defectCode"),
                bad("string for urgent", b -> b.put("urgent", "yes"), "urgent"),
                bad("number for customerCode", b -> b.put("customerCode", 3), "customerCode"),
                bad("too short description", b -> b.put("description", "broken"), "description"),
                bad("unknown property", b -> b.put("tier", "A"), "tier")));
    for (String field :
        List.of(
            "customerCode",
            "channel",
            "category",
            "productName",
            "batchNumber",
            "productionDate",
            "quantityPurchased",
            "quantityDefective",
            "defectCode",
            "description")) {
      cases.add(bad("missing " + field, b -> b.remove(field), field));
      cases.add(bad("null " + field, b -> b.put(field, null), field));
    }
    cases.add(bad("blank productName", b -> b.put("productName", "   "), "productName"));
    return cases.stream();
  }

  private static Arguments bad(String name, Consumer<Map<String, Object>> change, String field) {
    return Arguments.of(Named.of(name, change), field);
  }

  @ParameterizedTest(name = "{0} -> 400 on {1}")
  @MethodSource("badComplaints")
  void badComplaintIsRejectedAndStartsNothing(Consumer<Map<String, Object>> change, String field)
      throws Exception {
    Map<String, Object> body = validComplaint("C003");
    body.put("externalReference", "BAD-" + SEQUENCE.incrementAndGet());
    change.accept(body);
    long instancesBefore = instances();
    int rowsBefore = rows();

    postComplaint(body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
        .andExpect(jsonPath("$.errors[0].message", notNullValue()));

    assertThat(instances()).isEqualTo(instancesBefore);
    assertThat(rows()).isEqualTo(rowsBefore);
  }

  @Test
  void errorsNameEveryBadField() throws Exception {
    Map<String, Object> body = validComplaint("C003");
    body.put("channel", "pigeon");
    body.put("quantityPurchased", "many");
    body.put("productionDate", "2026-13-45");
    body.remove("description");
    postComplaint(body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("channel")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("quantityPurchased")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("productionDate")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("description")))
        .andExpect(
            jsonPath(
                "$.errors[?(@.field == 'channel')].message",
                hasItem(containsString("must be one of: phone, email, fax, visit, letter, web"))));
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    long instancesBefore = instances();
    postComplaint("{\"customerCode\": \"C003\",")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    postComplaint("[1, 2]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    assertThat(instances()).isEqualTo(instancesBefore);
  }

  // ---------------------------------------------------------------------------------------------
  // GET

  @Test
  void getShowsTheOpenConfirmationTask() throws Exception {
    String number = created(validComplaint("C003")).get("complaintNumber").asText();
    mvc.perform(get("/api/complaints/" + number))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.complaintNumber").value(number))
        .andExpect(jsonPath("$.customerCode").value("C003"))
        .andExpect(jsonPath("$.customerName").value("Sunfield Energy"))
        .andExpect(jsonPath("$.tier").value("A"))
        .andExpect(jsonPath("$.category").value("quality"))
        .andExpect(jsonPath("$", hasKey("severity")))
        .andExpect(jsonPath("$.severity", nullValue()))
        .andExpect(jsonPath("$.status").value("OPEN"))
        .andExpect(jsonPath("$.receivedAt", notNullValue()))
        .andExpect(jsonPath("$", hasKey("closedAt")))
        .andExpect(jsonPath("$.closedAt", nullValue()))
        .andExpect(jsonPath("$.openTasks", hasSize(1)))
        .andExpect(jsonPath("$.openTasks[0].taskId", notNullValue()))
        .andExpect(jsonPath("$.openTasks[0].name").value("Confirm complaint (与客户确认投诉)"))
        .andExpect(
            jsonPath("$.openTasks[0].taskDefinitionKey").value("userTaskConfirmWithCustomer"))
        .andExpect(jsonPath("$.openTasks[0].candidateGroups", hasItem("customer-service")))
        .andExpect(jsonPath("$.openTasks[0].due", notNullValue()))
        .andExpect(jsonPath("$.openTasks[0].priority", notNullValue()))
        .andExpect(jsonPath("$.escalations", hasSize(0)))
        .andExpect(jsonPath("$", hasKey("recurrenceResolution")));
  }

  @Test
  void getShowsEscalationsOfOverdueTasks() throws Exception {
    JsonNode registered = created(validComplaint("C010"));
    String number = registered.get("complaintNumber").asText();
    String processInstanceId = registered.get("processInstanceId").asText();
    Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    Job timer =
        EscalationTimers.find(
            managementService, processInstanceId, "userTaskConfirmWithCustomer", 1);
    assertThat(timer).isNotNull();
    managementService.executeJob(timer.getId());

    mvc.perform(get("/api/complaints/" + number))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.escalations", hasSize(1)))
        .andExpect(jsonPath("$.escalations[0].taskName").value(task.getName()))
        .andExpect(jsonPath("$.escalations[0].level").value(1))
        .andExpect(jsonPath("$.escalations[0].escalatedToGroup", notNullValue()))
        .andExpect(jsonPath("$.escalations[0].escalatedAt", notNullValue()))
        .andExpect(jsonPath("$.escalations[0].dueDate", notNullValue()))
        .andExpect(jsonPath("$.openTasks[0].priority").value(90));
  }

  @Test
  void getOfUnknownComplaintIs404() throws Exception {
    mvc.perform(get("/api/complaints/CC-1999-999999"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail", containsString("CC-1999-999999")));
  }

  // ---------------------------------------------------------------------------------------------
  // defect codes

  /**
   * Quality management owns the defect catalog (security/WriteOwnershipTest: everyone else 403).
   */
  private ResultActions putDefect(String code, String body) throws Exception {
    return mvc.perform(
        put("/api/defect-codes/" + code)
            .header(HttpHeaders.AUTHORIZATION, basic("qualitymanager"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void everyDefectCodeChangeIsRecordedWithWhoWhenOldAndNewValue() throws Exception {
    putDefect("API-AUDIT", "{\"description\":\"Dented corner\",\"category\":\"quality\"}")
        .andExpect(status().isCreated());
    putDefect(
            "API-AUDIT",
            "{\"description\":\"Dented corner\",\"category\":\"quality\",\"active\":false}")
        .andExpect(status().isOk());
    // the same value again is no change
    putDefect(
            "API-AUDIT",
            "{\"description\":\"Dented corner\",\"category\":\"quality\",\"active\":false}")
        .andExpect(status().isOk());
    String changes = "/api/master-data/changes?type=defect-code&key=API-AUDIT";
    mvc.perform(get(changes).header(HttpHeaders.AUTHORIZATION, basic("qualitymanager")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].action").value("UPDATE"))
        .andExpect(jsonPath("$[0].changedBy").value("qualitymanager"))
        .andExpect(jsonPath("$[0].changedAt", notNullValue()))
        .andExpect(jsonPath("$[0].oldValue.active").value(true))
        .andExpect(jsonPath("$[0].newValue.active").value(false))
        .andExpect(jsonPath("$[1].action").value("CREATE"))
        .andExpect(jsonPath("$[1].newValue.description").value("Dented corner"));
    // the owners see the record, others do not; a refused change leaves the catalog and the record
    // alone
    mvc.perform(get(changes)).andExpect(status().isForbidden());
    mvc.perform(
            put("/api/defect-codes/API-AUDIT")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"description\":\"Forged\",\"category\":\"quality\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(get(changes).header(HttpHeaders.AUTHORIZATION, basic("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)));
    mvc.perform(get("/api/defect-codes"))
        .andExpect(
            jsonPath("$[?(@.code == 'API-AUDIT')].description").value(hasItem("Dented corner")));
  }

  @Test
  void theDefectSearchOffersACodeMatchBeforeADescriptionMatch() throws Exception {
    // ENV-WASTE's description mentions packaging, PACKAGING is the code itself
    mvc.perform(get("/api/defect-codes").param("q", "PACKAGING"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].code").value("PACKAGING"))
        .andExpect(jsonPath("$[1].code").value("ENV-WASTE"))
        .andExpect(jsonPath("$", hasSize(2)));
    mvc.perform(get("/api/defect-codes").param("q", "pack"))
        .andExpect(jsonPath("$[0].code").value("PACKAGING"))
        .andExpect(jsonPath("$[1].code").value("ENV-WASTE"));
    // codes starting with the text, then descriptions with a word starting with it
    mvc.perform(get("/api/defect-codes").param("q", "wrong"))
        .andExpect(jsonPath("$[0].code").value("WRONG-PRODUCT"))
        .andExpect(jsonPath("$[1].code").value("WRONG-QUANTITY"))
        .andExpect(jsonPath("$[2].code").value("LABEL"))
        .andExpect(jsonPath("$[3].code").value("PACKAGING"));
    mvc.perform(get("/api/defect-codes").param("q", "wrong").param("limit", "1"))
        .andExpect(jsonPath("$", hasSize(1)));
    mvc.perform(get("/api/defect-codes").param("q", "wrong").param("limit", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
  }

  @Test
  void defectCodesCanBeEdited() throws Exception {
    putDefect(
            "API-SCRATCH",
            "{\"description\":\"Scratched frame\",\"category\":\"quality\",\"active\":true}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.code").value("API-SCRATCH"))
        .andExpect(jsonPath("$.description").value("Scratched frame"));
    putDefect(
            "API-SCRATCH",
            "{\"description\":\"Scratched aluminium"
                + " frame\",\"category\":\"quality\",\"active\":true}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.description").value("Scratched aluminium frame"));

    mvc.perform(get("/api/defect-codes"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$[?(@.code == 'API-SCRATCH')].description")
                .value(hasItem("Scratched aluminium frame")))
        .andExpect(jsonPath("$[?(@.code == 'API-SCRATCH')].category").value(hasItem("quality")))
        .andExpect(jsonPath("$[?(@.code == 'API-SCRATCH')].active").value(hasItem(true)))
        .andExpect(jsonPath("$[?(@.code == 'BREAKAGE')]", hasSize(1)));

    // the intake accepts the new code at once
    Map<String, Object> body = validComplaint("C004");
    body.put("defectCode", "API-SCRATCH");
    created(body);
  }

  @Test
  void deactivatedDefectCodeIsRefusedByTheIntake() throws Exception {
    putDefect(
            "API-RETIRED",
            "{\"description\":\"Retired code\",\"category\":\"service\",\"active\":false}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.active").value(false));
    Map<String, Object> body = validComplaint("C004");
    body.put("defectCode", "API-RETIRED");
    postComplaint(body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("defectCode")));
  }

  @Test
  void badDefectCodesAreRejected() throws Exception {
    putDefect("API-BAD", "{\"description\":\"  \",\"category\":\"quality\",\"active\":true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("description")));
    putDefect("API-BAD", "{\"category\":\"quality\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("description")));
    putDefect("API-BAD", "{\"description\":\"Fine\",\"category\":\"weather\",\"active\":true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("category")));
    putDefect("api-bad", "{\"description\":\"Fine\",\"category\":\"quality\",\"active\":true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("code")));
    putDefect("API-BAD", "{\"description\":\"Fine\",\"category\":\"quality\",\"active\":\"yes\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("active")));
    mvc.perform(get("/api/defect-codes"))
        .andExpect(jsonPath("$[?(@.code == 'API-BAD')]", hasSize(0)))
        .andExpect(jsonPath("$[?(@.code == 'api-bad')]", hasSize(0)));
  }
}
