package com.qmsflow.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The customer archive API on the demo profile (customers C001-C015 with revenue 2024/2025: C001-
 * C008 tier A, C009-C012 B, C013-C015 C) over an in-memory H2 database. Each test works on its own
 * customers or restores what it changed, so the tests do not depend on their order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:customer-api-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class CustomerApiTest {

  private static final AtomicInteger CODES = new AtomicInteger(900);

  @Autowired private MockMvc mvc;
  @Autowired private ObjectMapper json;
  @Autowired private JdbcClient jdbc;
  @Autowired private ProcessEngine engine;

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic(user)));
  }

  private ResultActions as(String user, MockHttpServletRequestBuilder request, Object body)
      throws Exception {
    return as(
        user,
        request
            .contentType(MediaType.APPLICATION_JSON)
            .content(body instanceof String s ? s : json.writeValueAsString(body)));
  }

  private String newCustomer(String name) throws Exception {
    String code = "C" + CODES.incrementAndGet();
    as("clerk", post("/api/customers"), Map.of("code", code, "name", name))
        .andExpect(status().isCreated());
    return code;
  }

  private int changesOf(String type, String keyPrefix) {
    return jdbc.sql(
            "select count(*) from master_data_change where data_type = ? and data_key like ?")
        .params(type, keyPrefix + "%")
        .query(Integer.class)
        .single();
  }

  // ---- reading ----------------------------------------------------------------------------------

  @Test
  void searchFindsByPartOfCodeOrNameIgnoringCaseChineseIncluded() throws Exception {
    as("sales", get("/api/customers").param("q", "SUNFIELD"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].code").value("C003"))
        .andExpect(jsonPath("$.items[0].tier").value("A"))
        .andExpect(jsonPath("$.items[0].rank").value(3));
    String code = newCustomer("无锡华鑫光伏科技有限公司");
    as("quality", get("/api/customers").param("q", "华鑫光伏"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].code").value(code))
        .andExpect(jsonPath("$.items[0].name").value("无锡华鑫光伏科技有限公司"));
    // % and _ are searched as text, not as wildcards
    as("sales", get("/api/customers").param("q", "%")).andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void listFiltersPagesAndSortsStably() throws Exception {
    as("clerk", get("/api/customers").param("tier", "B").param("active", "true"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.items[0].code").value("C009"));
    // the total of a full page is counted, of a last page not full it follows from the page, and
    // past the end it is counted again
    for (int page : new int[] {0, 1, 5}) {
      as(
              "clerk",
              get("/api/customers")
                  .param("tier", "B")
                  .param("active", "true")
                  .param("size", "3")
                  .param("page", String.valueOf(page)))
          .andExpect(jsonPath("$.total").value(4))
          .andExpect(jsonPath("$.items.length()").value(page == 0 ? 3 : page == 1 ? 1 : 0));
    }
    as(
            "clerk",
            get("/api/customers").param("sort", "rank,desc").param("size", "2").param("q", "C00"))
        .andExpect(jsonPath("$.items[0].code").value("C009"))
        .andExpect(jsonPath("$.items[1].code").value("C008"))
        .andExpect(jsonPath("$.size").value(2));
    as("clerk", get("/api/customers").param("sort", "tier").param("page", "1").param("size", "8"))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.items[0].tier").value("B"));
  }

  @Test
  void badListParametersAreFieldErrors() throws Exception {
    as(
            "clerk",
            get("/api/customers")
                .param("sort", "revenue")
                .param("tier", "D")
                .param("size", "500")
                .param("page", "-1")
                .param("active", "maybe"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("sort")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("tier")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("size")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("page")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("active")));
  }

  @Test
  void revenueAmountsOnlyForSalesManagementGeneralManagerAndAdministrators() throws Exception {
    for (String user : List.of("salesmanager", "gm", "admin")) {
      as(user, get("/api/customers/C003"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.revenueVisible").value(true))
          .andExpect(jsonPath("$.revenue[0].year").value(2025))
          .andExpect(jsonPath("$.revenue[0].revenue").value(13000000.0));
    }
    for (String user : List.of("clerk", "sales", "quality", "qualitymanager")) {
      as(user, get("/api/customers/C003"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.name").value("Sunfield Energy"))
          .andExpect(jsonPath("$.tier.tier").value("A"))
          .andExpect(jsonPath("$.tier.rank").value(3))
          .andExpect(jsonPath("$.tier.year").value(2025))
          .andExpect(jsonPath("$.contacts[0].name").value("Purchasing C003"))
          .andExpect(jsonPath("$.revenueVisible").value(false))
          .andExpect(jsonPath("$.revenue").doesNotExist());
    }
  }

  @Test
  void everyoneElseIsRefused() throws Exception {
    for (String user : List.of("engineer", "production", "material", "affairs", "owner")) {
      as(user, get("/api/customers")).andExpect(status().isForbidden());
      as(user, get("/api/customers/C003")).andExpect(status().isForbidden());
    }
    for (String user : List.of("sales", "quality", "gm", "engineer")) {
      as(user, post("/api/customers"), Map.of("code", "C899", "name", "x"))
          .andExpect(status().isForbidden());
    }
    as("clerk", put("/api/customers/C003/revenue/2025"), Map.of("revenue", 1))
        .andExpect(status().isForbidden());
    assertThat(
            jdbc.sql("select count(*) from customer where code = 'C899'")
                .query(Integer.class)
                .single())
        .isZero();
    as("nobody", get("/api/customers")).andExpect(status().isUnauthorized());
  }

  @Test
  void unknownCustomerIs404InTheCallersLanguage() throws Exception {
    as("clerk", get("/api/customers/C999").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("没有代码为 C999 的客户"));
  }

  // ---- writing ----------------------------------------------------------------------------------

  @Test
  void createValidatesRefusesDuplicatesAndRecordsTheChange() throws Exception {
    as("clerk", post("/api/customers"), Map.of("code", "X1", "name", " ", "fax", "1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("code")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("name")))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem("fax")));
    as("clerk", post("/api/customers"), "[1]").andExpect(status().isBadRequest());
    String code = newCustomer("Yellow River Solar");
    as("sales", get("/api/customers/" + code))
        .andExpect(jsonPath("$.active").value(true))
        .andExpect(jsonPath("$.tier.tier").value("C"))
        .andExpect(jsonPath("$.tier.rank").doesNotExist());
    as("salesmanager", post("/api/customers"), Map.of("code", code, "name", "again"))
        .andExpect(status().isConflict());
    assertThat(changesOf("customer", code)).isEqualTo(1);

    as(
            "salesmanager",
            put("/api/customers/" + code),
            Map.of("name", "Yellow River Solar Co.", "phone", "+86 371 1234"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Yellow River Solar Co."))
        .andExpect(jsonPath("$.phone").value("+86 371 1234"));
    as("clerk", put("/api/customers/" + code), Map.of("code", "C001", "name", "x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("code"));
    Map<String, Object> last =
        jdbc.sql(
                "select changed_by, action, old_value, new_value from master_data_change where"
                    + " data_type = 'customer' and data_key = ? order by id desc")
            .param(code)
            .query()
            .listOfRows()
            .get(0);
    assertThat(last.get("CHANGED_BY")).isEqualTo("salesmanager");
    assertThat(last.get("ACTION")).isEqualTo("UPDATE");
    assertThat(last.get("OLD_VALUE").toString()).contains("Yellow River Solar\"");
    assertThat(last.get("NEW_VALUE").toString()).contains("Yellow River Solar Co.");
  }

  @Test
  void contactsAreAddedChangedAndRemoved() throws Exception {
    String code = newCustomer("Contact Test Ltd");
    JsonNode created =
        json.readTree(
            as(
                    "clerk",
                    post("/api/customers/" + code + "/contacts"),
                    Map.of("name", "王伟", "email", "wang@example.com"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    long id = created.get("id").asLong();
    as(
            "clerk",
            post("/api/customers/" + code + "/contacts"),
            Map.of("name", "x", "email", "not-mail"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("email"));
    as(
            "clerk",
            put("/api/customers/" + code + "/contacts/" + id),
            Map.of("name", "王伟", "role", "采购"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("采购"))
        .andExpect(jsonPath("$.email").doesNotExist());
    as("clerk", put("/api/customers/C001/contacts/" + id), Map.of("name", "x"))
        .andExpect(status().isNotFound());
    as("clerk", delete("/api/customers/" + code + "/contacts/" + id))
        .andExpect(status().isNoContent());
    as("clerk", get("/api/customers/" + code)).andExpect(jsonPath("$.contacts.length()").value(0));
    assertThat(changesOf("customer-contact", code + "/")).isEqualTo(3);
  }

  @Test
  void revenueChangesRecomputeEveryTierWithHistory() throws Exception {
    String code = newCustomer("Big New Buyer");
    as("salesmanager", put("/api/customers/" + code + "/revenue/2025"), Map.of("revenue", -5))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("revenue"));
    as("salesmanager", put("/api/customers/" + code + "/revenue/2025"), Map.of("revenue", "lots"))
        .andExpect(status().isBadRequest());
    as("salesmanager", put("/api/customers/" + code + "/revenue/1850"), Map.of("revenue", 1))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("year"));

    as("salesmanager", put("/api/customers/" + code + "/revenue/2025"), Map.of("revenue", 99000000))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tier.tier").value("A"))
        .andExpect(jsonPath("$.tier.rank").value(1))
        .andExpect(jsonPath("$.tierHistory[0].oldTier").value("C"))
        .andExpect(jsonPath("$.tierHistory[0].newTier").value("A"))
        .andExpect(jsonPath("$.tierHistory[0].year").value(2025))
        .andExpect(jsonPath("$.tierHistory[0].changedBy").value("salesmanager"))
        .andExpect(jsonPath("$.tierHistory[0].reason").value(containsString("revenue 2025")));
    // everyone moves one rank down: C008 (rank 9) is B now, C012 (rank 13) is C
    as("clerk", get("/api/customers/C008"))
        .andExpect(jsonPath("$.tier.tier").value("B"))
        .andExpect(jsonPath("$.tier.rank").value(9))
        .andExpect(jsonPath("$.tierHistory[0].oldTier").value("A"))
        .andExpect(jsonPath("$.tierHistory[0].newTier").value("B"));
    as("clerk", get("/api/customers/C012")).andExpect(jsonPath("$.tier.tier").value("C"));

    as("salesmanager", delete("/api/customers/" + code + "/revenue/2025"))
        .andExpect(status().isNoContent());
    as("clerk", get("/api/customers/C008"))
        .andExpect(jsonPath("$.tier.tier").value("A"))
        .andExpect(jsonPath("$.tier.rank").value(8))
        // at start (none to A), A to B, B to A
        .andExpect(jsonPath("$.tierHistory.length()").value(3))
        .andExpect(jsonPath("$.tierHistory[2].reason").value("recomputed at start"));
    as("clerk", get("/api/customers/" + code)).andExpect(jsonPath("$.tier.tier").value("C"));
    as("salesmanager", delete("/api/customers/" + code + "/revenue/2025"))
        .andExpect(status().isNotFound());
    assertThat(changesOf("customer-revenue", code + "/")).isEqualTo(2);
  }

  @Test
  void aDeactivatedCustomerCannotReceiveComplaintsAndSaysSo() throws Exception {
    String code = newCustomer("Paused Customer");
    as("clerk", post("/api/customers/" + code + "/deactivate"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.active").value(false));
    as("clerk", get("/api/customers").param("active", "false").param("q", code))
        .andExpect(jsonPath("$.total").value(1));
    Map<String, Object> intake = ComplaintScenario.intake(code, "DEACT-1", "BREAKAGE");
    as("clerk", post("/api/complaints"), intake)
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[?(@.field == 'customerCode')].message")
                .value(hasItem(containsString("is deactivated in the customer archive"))));
    as(
            "clerk",
            post("/api/complaints")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(intake)))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[?(@.field == 'customerCode')].message")
                .value(hasItem(containsString("已停用"))));
    assertThat(
            jdbc.sql("select count(*) from complaint where customer_code = ?")
                .param(code)
                .query(Integer.class)
                .single())
        .isZero();
    as("clerk", post("/api/customers/" + code + "/reactivate"))
        .andExpect(jsonPath("$.active").value(true));
    as("clerk", post("/api/complaints"), intake).andExpect(status().isCreated());

    // with a complaint the customer is a record: never deleted
    as("clerk", delete("/api/customers/" + code))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("deactivate it instead")));
    String unused = newCustomer("Typo Customer");
    as("clerk", delete("/api/customers/" + unused)).andExpect(status().isNoContent());
    as("clerk", get("/api/customers/" + unused)).andExpect(status().isNotFound());
  }

  @Test
  void customerChangesAreReadableByTheirOwnersOnly() throws Exception {
    newCustomer("Audit Customer");
    as("clerk", get("/api/master-data/changes").param("type", "customer"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].changedBy").value("clerk"));
    as("clerk", get("/api/master-data/changes").param("type", "customer-revenue"))
        .andExpect(status().isForbidden());
    as("gm", get("/api/master-data/changes").param("type", "customer-revenue"))
        .andExpect(status().isOk());
  }

  // ---- the sales rep ----------------------------------------------------------------------------

  /** A second user of the group sales besides the demo user {@code sales}. */
  private void salesUser(String id) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(id).count() == 0) {
      var user = identity.newUser(id);
      user.setFirstName("Li");
      user.setLastName("Na");
      user.setPassword(id);
      identity.saveUser(user);
      identity.createMembership(id, "sales");
    }
  }

  private String lastChange(String code, String column) {
    return jdbc.sql(
            "select "
                + column
                + " from master_data_change where data_type = 'customer' and data_key = ? order by"
                + " id desc")
        .param(code)
        .query(String.class)
        .list()
        .get(0);
  }

  @Test
  void theSalesRepIsAUserOfTheSalesGroupEditedThroughTheApiAndRecorded() throws Exception {
    salesUser("salesli");
    String code = "C" + CODES.incrementAndGet();
    as(
            "clerk",
            post("/api/customers"),
            Map.of("code", code, "name", "Rep Solar", "salesRep", "salesli"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.salesRep").value("salesli"));
    assertThat(lastChange(code, "new_value")).contains("\"salesRep\":\"salesli\"");
    // readers see it
    as("quality", get("/api/customers/" + code)).andExpect(jsonPath("$.salesRep").value("salesli"));

    // a user outside the group sales, or nobody: refused at the field, in the caller's language
    int changes = changesOf("customer", code);
    as(
            "salesmanager",
            put("/api/customers/" + code),
            Map.of("name", "Rep Solar", "salesRep", "quality"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.errors[0].field").value("salesRep"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("Sales rep quality is not a user of the group sales"));
    mvc.perform(
            put("/api/customers/" + code)
                .header(HttpHeaders.AUTHORIZATION, basic("clerk"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Rep Solar\", \"salesRep\": \"ghost\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("salesRep"))
        .andExpect(jsonPath("$.errors[0].message").value("销售代表 ghost 不是业务组（sales）的用户"));
    as(
            "clerk",
            post("/api/customers"),
            Map.of("code", "C" + CODES.incrementAndGet(), "name", "X", "salesRep", "engineer"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("salesRep"));
    as("sales", get("/api/customers/" + code)).andExpect(jsonPath("$.salesRep").value("salesli"));
    assertThat(changesOf("customer", code)).as("nothing recorded for a refusal").isEqualTo(changes);

    // a request without the field keeps the rep; another rep is recorded old -> new
    as("clerk", put("/api/customers/" + code), Map.of("name", "Rep Solar Ltd."))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.salesRep").value("salesli"));
    as(
            "salesmanager",
            put("/api/customers/" + code),
            Map.of("name", "Rep Solar Ltd.", "salesRep", "sales"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.salesRep").value("sales"));
    assertThat(lastChange(code, "old_value")).contains("\"salesRep\":\"salesli\"");
    assertThat(lastChange(code, "new_value")).contains("\"salesRep\":\"sales\"");
    assertThat(lastChange(code, "changed_by")).isEqualTo("salesmanager");
    // null clears it
    as("clerk", put("/api/customers/" + code), "{\"name\": \"Rep Solar Ltd.\", \"salesRep\": null}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.salesRep").doesNotExist());
    assertThat(lastChange(code, "old_value")).contains("\"salesRep\":\"sales\"");
    assertThat(lastChange(code, "new_value")).as("nulls are left out").doesNotContain("salesRep");
    // readers may not change it
    as(
            "sales",
            put("/api/customers/" + code),
            Map.of("name", "Rep Solar Ltd.", "salesRep", "sales"))
        .andExpect(status().isForbidden());
  }

  @Test
  void theSurveyOfACustomerGoesToTheSalesRepSetThroughTheArchive() throws Exception {
    salesUser("saleswang");
    String code = newCustomer("Survey Rep Solar");
    as(
            "salesmanager",
            put("/api/customers/" + code),
            Map.of("name", "Survey Rep Solar", "salesRep", "saleswang"))
        .andExpect(status().isOk());
    as(
            "clerk",
            post("/api/customers/" + code + "/contacts"),
            Map.of("name", "Buyer", "email", "buyer@rep.example"))
        .andExpect(status().isCreated());

    ProcessInstance campaign =
        engine.getRuntimeService().startProcessInstanceByKey("customer-satisfaction-survey");
    Task plan =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(campaign.getId())
            .taskDefinitionKey("userTaskPlanSurveyCampaign")
            .singleResult();
    engine
        .getFormService()
        .submitTaskForm(
            plan.getId(),
            Variables.createVariables()
                .putValue("campaignYear", 2026)
                .putValue("questionnaireVersion", "Q-REP")
                .putValue("extraAspects", "packaging")
                .putValue("campaignStartDate", "2026-03-02")
                .putValue("customerSelection", "listed")
                .putValue("listedCustomers", code));
    runJobs();
    String survey =
        jdbc.sql(
                "select s.survey_number from customer_survey s join survey_campaign k on"
                    + " k.campaign_number = s.campaign_number where k.process_instance_id = ?")
            .param(campaign.getId())
            .query(String.class)
            .single();
    Task send =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(survey)
            .taskDefinitionKey("userTaskSendQuestionnaire")
            .singleResult();
    assertThat(send.getAssignee()).isEqualTo("saleswang");
    assertThat(
            jdbc.sql("select sales_rep from customer_survey where survey_number = ?")
                .param(survey)
                .query(String.class)
                .single())
        .isEqualTo("saleswang");
  }

  private void runJobs() {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs =
          engine
              .getManagementService()
              .createJobQuery()
              .processDefinitionKey("customer-satisfaction-survey")
              .messages()
              .list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
    }
  }
}
