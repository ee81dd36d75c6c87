package com.qmsflow.recordview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.change.ChangeSubmissions;
import com.qmsflow.web.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The contract change record page: the change's data, its steps and reviews, confidential to
 * management, its requester and the groups that had a task in it; to anybody else it does not exist
 * (404, nothing of it shown).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:change-record-page-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ChangeRecordPageTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ProcessEngine engine;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(
        Date.from(
            ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant()));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  private MockHttpServletResponse page(String path, String user, String language) throws Exception {
    return mvc.perform(
            get(path)
                .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .session(WebTestSupport.signedIn(user)))
        .andReturn()
        .getResponse();
  }

  @Test
  void aChangeIsShownToItsRequesterManagementAndTheGroupsInvolvedOnly() throws Exception {
    String answer =
        mvc.perform(
                post("/api/changes")
                    .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("sales:sales".getBytes(StandardCharsets.UTF_8)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(ChangeSubmissions.request())))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String number = json.readTree(answer).get("changeNumber").asText();
    String path = "/changes/" + number;

    for (String reader : List.of("sales", "salesmanager", "qualitymanager", "gm", "admin")) {
      MockHttpServletResponse shown = page(path, reader, "en");
      assertThat(shown.getStatus()).as(reader).isEqualTo(200);
      assertThat(shown.getContentAsString())
          .contains("Contract change " + number, "SO-2026-0412", "Timeline of every step")
          .doesNotContain("??");
    }
    assertThat(page(path, "sales", "zh-CN").getContentAsString()).contains("合同变更 " + number);

    // general affairs never has a task in a change: the change does not exist for it
    MockHttpServletResponse hidden = page(path, "affairs", "en");
    assertThat(hidden.getStatus()).isEqualTo(404);
    assertThat(hidden.getContentAsString()).doesNotContain("SO-2026-0412");

    // a group gets to read the change with its first task in it
    Task open =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(
                jdbc.sql("select process_instance_id from change_request where change_number = ?")
                    .param(number)
                    .query(String.class)
                    .single())
            .list()
            .stream()
            .findFirst()
            .orElseThrow();
    String group =
        engine.getTaskService().getIdentityLinksForTask(open.getId()).stream()
            .filter(l -> l.getGroupId() != null)
            .findFirst()
            .orElseThrow()
            .getGroupId();
    String member =
        engine.getIdentityService().createUserQuery().memberOfGroup(group).list().stream()
            .map(u -> u.getId())
            .filter(id -> !id.equals("admin"))
            .findFirst()
            .orElseThrow();
    String html = page(path, member, "en").getContentAsString();
    assertThat(html)
        .contains("Contract change " + number)
        .contains("/camunda/app/tasklist/default/#/?task=" + open.getId());
  }
}
