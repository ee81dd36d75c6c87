package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.qmsflow.forms.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every error of the project's API is an RFC 9457 problem ({@code application/problem+json}) with a
 * stable type and its texts in the language the request asks for ({@code Accept-Language}): Chinese
 * for {@code zh}, else English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:api-errors-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ApiErrorsTest {

  private static final String CJK = ".*[\\u4e00-\\u9fff].*";

  @Autowired private MockMvc mvc;

  private static String basic(String demoUser) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((demoUser + ":" + demoUser).getBytes(StandardCharsets.UTF_8));
  }

  private static MockHttpServletRequestBuilder as(
      MockHttpServletRequestBuilder request, String user, String language) {
    if (user != null) {
      request.header(HttpHeaders.AUTHORIZATION, basic(user));
    }
    return language == null ? request : request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
  }

  @Test
  void aValidationErrorListsTheFieldsInTheCallersLanguage() throws Exception {
    MockHttpServletRequestBuilder empty =
        post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{}");
    mvc.perform(as(empty, "clerk", "en-US,en;q=0.9"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.detail").value(not(matchesPattern(CJK))))
        .andExpect(jsonPath("$.errors[*].field", hasItem("channel")))
        .andExpect(jsonPath("$.errors[*].message", hasItem("Received via is required")));
    mvc.perform(
            as(
                post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{}"),
                "clerk",
                "zh-CN,zh;q=0.9,en;q=0.8"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(jsonPath("$.title").value("请求无效"))
        .andExpect(jsonPath("$.detail").value(matchesPattern(CJK)))
        .andExpect(jsonPath("$.errors[*].field", hasItem("channel")))
        .andExpect(jsonPath("$.errors[*].message", hasItem("投诉渠道为必填项")))
        .andExpect(jsonPath("$.errors[*].message", not(hasItem(containsString("channel")))));
    // no language asked for: English
    mvc.perform(
            as(
                post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("[1"),
                "clerk",
                null))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"))
        .andExpect(jsonPath("$.errors[0].message").value("The request body must be a JSON object"));
  }

  @Test
  void aRefusalOfTheControllerIsA403ProblemInTheCallersLanguage() throws Exception {
    mvc.perform(as(get("/api/dashboard"), "clerk", "en"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/forbidden"))
        .andExpect(jsonPath("$.title").value("Not allowed"))
        .andExpect(jsonPath("$.detail", containsString("user clerk is in none of them")));
    mvc.perform(as(get("/api/dashboard"), "clerk", "zh-CN"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/forbidden"))
        .andExpect(jsonPath("$.title").value("无权操作"))
        .andExpect(jsonPath("$.detail", containsString("用户 clerk 不属于其中任何一组")));
  }

  @Test
  void aWriteRefusedByTheWriteGuardIsA403ProblemInTheCallersLanguage() throws Exception {
    MockHttpServletRequestBuilder register =
        post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{}");
    mvc.perform(as(register, "engineer", "en"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/forbidden"))
        .andExpect(jsonPath("$.detail", containsString("User engineer may not")));
    mvc.perform(
            as(
                post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{}"),
                "engineer",
                "zh-CN,zh;q=0.9"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/forbidden"))
        .andExpect(jsonPath("$.title").value("无权操作"))
        .andExpect(jsonPath("$.detail", containsString("用户 engineer 无权执行此操作")));
  }

  @Test
  void anUnknownRecordIsA404ProblemInTheCallersLanguage() throws Exception {
    mvc.perform(as(get("/api/complaints/CC-1999-999999"), "clerk", "en"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/not-found"))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.detail").value("No complaint with number CC-1999-999999"));
    mvc.perform(as(get("/api/complaints/CC-1999-999999"), "clerk", "zh"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/not-found"))
        .andExpect(jsonPath("$.title").value("未找到"))
        .andExpect(jsonPath("$.detail").value("没有编号为 CC-1999-999999 的投诉"));
    // an address that does not exist at all
    mvc.perform(as(get("/api/no-such-thing"), "clerk", "zh"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("没有此地址：/api/no-such-thing"));
    mvc.perform(as(get("/api/nothing/here"), "clerk", "en"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("No such address: /api/nothing/here"));
  }

  @Test
  void aMissingLoginIsA401ProblemInTheCallersLanguage() throws Exception {
    mvc.perform(as(get("/api/complaints/CC-1999-999999"), null, "zh"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
        .andExpect(jsonPath("$.detail", containsString("需要登录")));
  }

  @Test
  void fieldMessagesNeverShowARegularExpression() {
    var messages = WebTestSupport.messages();
    FieldError pattern =
        new FieldError("code", "Code (code) must match the pattern ^[A-Z]{2}\\d+$");
    assertThat(FieldMessages.translate(pattern, messages, Locale.ENGLISH).message())
        .isEqualTo("Code has the wrong format");
    assertThat(FieldMessages.translate(pattern, messages, Locale.CHINESE).message())
        .isEqualTo("Code 格式不正确");
    assertThat(
            FieldMessages.translate(
                    new FieldError("x", "a rule of its own"), messages, Locale.CHINESE)
                .message())
        .isEqualTo("a rule of its own");
  }

  @Test
  void everyFormRuleSentenceIsTranslatedWithItsVaryingPartsAndWithoutTheFieldsKey()
      throws Exception {
    var messages = WebTestSupport.messages();
    java.util.Properties english = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/messages.properties")) {
      english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    List<String> keys =
        english.stringPropertyNames().stream().filter(k -> k.startsWith("rule.")).sorted().toList();
    assertThat(keys).hasSizeGreaterThan(30);
    java.util.regex.Pattern keyInBrackets = java.util.regex.Pattern.compile("\\(([a-z]\\w*)\\)");
    for (String key : keys) {
      Object[] parts = {"partOne", "partTwo", "part three"};
      String rule =
          new java.text.MessageFormat(english.getProperty(key), Locale.ROOT).format(parts);
      // the field the rule is about: the key it names in brackets, as the rules write it
      java.util.regex.Matcher named = keyInBrackets.matcher(rule);
      String field = named.find() ? named.group(1) : "x";
      String inEnglish = FieldMessages.translate(field, rule, messages, Locale.ENGLISH);
      assertThat(inEnglish)
          .as(key)
          .isEqualTo(rule.replace(" (" + field + ")", ""))
          .doesNotContain("(" + field + ")");
      String chinese = FieldMessages.translate(field, rule, messages, Locale.CHINESE);
      assertThat(chinese)
          .as(key)
          .matches("(?s).*\\p{IsHan}.*")
          .doesNotContain(field.equals("x") ? "(x)" : field)
          .isNotEqualTo(rule);
    }
    assertThat(
            FieldMessages.translate(
                new FieldError("teamMembers", "Team members (teamMembers) are not users: bob, eve"),
                messages,
                Locale.CHINESE))
        .isEqualTo(new FieldError("teamMembers", "小组成员中以下不是系统用户：bob, eve"));
  }

  @Test
  void aRefusalNamesTheFieldByItsLabelInTheCallersLanguageNeverByItsKey() {
    var messages = WebTestSupport.messages();
    // a rule of the form file: the subject is the bilingual label and the key
    FieldError required =
        new FieldError(
            "sampleReceivedDate", "Sample received on (样品接收日期) (sampleReceivedDate) is required");
    assertThat(FieldMessages.translate(required, messages, Locale.CHINESE).message())
        .isEqualTo("样品接收日期为必填项");
    assertThat(FieldMessages.translate(required, messages, Locale.ENGLISH).message())
        .isEqualTo("Sample received on is required");
    FieldError atLeast =
        new FieldError("costImpact", "Cost impact (CNY) (成本影响) (costImpact) must be at least 0");
    assertThat(FieldMessages.translate(atLeast, messages, Locale.CHINESE).message())
        .isEqualTo("成本影响不能小于 0");
    assertThat(FieldMessages.translate(atLeast, messages, Locale.ENGLISH).message())
        .isEqualTo("Cost impact (CNY) must be at least 0");
    // a cross-field rule: its sentence, without the key
    FieldError consent =
        new FieldError(
            "customerConsentToLaterDate",
            "Customer consent (customerConsentToLaterDate) is required for a date later than"
                + " 2026-12-24");
    assertThat(FieldMessages.translate(consent, messages, Locale.CHINESE).message())
        .isEqualTo("客户同意延期：日期晚于 2026-12-24 时必须勾选");
    assertThat(FieldMessages.translate(consent, messages, Locale.ENGLISH).message())
        .isEqualTo("Customer consent is required for a date later than 2026-12-24");
    // the fixed terms of a rule's sentence are translated too
    FieldError evidence =
        new FieldError(
            "evidenceFiles",
            "Evidence files (evidenceFiles): attach at least one file (photo, report, record) for"
                + " the improvement evidence reported to the customer (002 §4.3.3.2) with the"
                + " upload link of this form before completing the task");
    assertThat(FieldMessages.translate(evidence, messages, Locale.CHINESE).message())
        .isEqualTo("证据文件：完成任务前，请通过本表单的上传链接为“向客户报告的改善证据（002 §4.3.3.2）”至少上传一个文件（照片、报告、记录）");
    assertThat(FieldMessages.translate(evidence, messages, Locale.ENGLISH).message())
        .startsWith("Evidence files: attach at least one file")
        .doesNotContain("evidenceFiles");
    FieldError notice =
        new FieldError(
            "noticeMachine",
            "The notice for machine (noticeMachine) is required: the change touches machine");
    assertThat(FieldMessages.translate(notice, messages, Locale.CHINESE).message())
        .isEqualTo("“机”的通知必填：本变更涉及 机");
  }

  /** A rule's Chinese sentence names its field as the form's label does, not by a synonym. */
  @Test
  void everyRuleSentenceNamesItsFieldByTheChineseHalfOfTheFormsLabel() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Map<String, java.util.Set<String>> chineseLabels = new java.util.HashMap<>();
    try (var forms = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
      for (var form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
        mapper
            .readTree(form.toFile())
            .findParents("key")
            .forEach(
                c -> {
                  var label = c.hasNonNull("label") ? c.get("label") : c.get("dateLabel");
                  if (label != null) {
                    chineseLabels
                        .computeIfAbsent(c.get("key").asText(), k -> new java.util.HashSet<>())
                        .add(FieldMessages.label(label.asText(), Locale.CHINESE));
                  }
                });
      }
    }
    java.util.Properties chinese = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/messages_zh.properties")) {
      chinese.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    java.util.regex.Pattern named = java.util.regex.Pattern.compile("\\((\\w+)\\)");
    List<String> checked = new java.util.ArrayList<>();
    for (String key : chinese.stringPropertyNames()) {
      if (!key.startsWith("rule.")) {
        continue;
      }
      String sentence = chinese.getProperty(key);
      java.util.regex.Matcher field = named.matcher(sentence);
      if (field.find() && chineseLabels.containsKey(field.group(1))) {
        assertThat(chineseLabels.get(field.group(1)))
            .as("%s: %s", key, sentence)
            .anyMatch(label -> sentence.startsWith(label + " (" + field.group(1) + ")"));
        checked.add(key);
      }
    }
    assertThat(checked).hasSizeGreaterThan(25);
  }

  @Test
  void aPastCommittedImprovementDateIsRefusedWithTheFieldNamedInChinese() {
    var messages = WebTestSupport.messages();
    FieldError past =
        new FieldError(
            "committedImprovementDate",
            "Committed improvement date (committedImprovementDate) must not be in the past");
    assertThat(FieldMessages.translate(past, messages, Locale.CHINESE))
        .isEqualTo(new FieldError("committedImprovementDate", "承诺改善日期不能是过去的日期"));
    assertThat(FieldMessages.translate(past, messages, Locale.ENGLISH))
        .isEqualTo(
            new FieldError(
                "committedImprovementDate", "Committed improvement date must not be in the past"));
  }

  @Test
  void theCodeRulesOfTheMasterDataPagesAreTranslated() {
    var messages = WebTestSupport.messages();
    FieldError defect =
        new FieldError("code", "Defect code bad must be 2-30 capital letters, digits or hyphens");
    assertThat(FieldMessages.translate(defect, messages, Locale.CHINESE).message())
        .isEqualTo("Defect code bad 必须是 2 至 30 位大写字母、数字或连字符");
    FieldError customer =
        new FieldError("code", "code must be the letter C followed by 3 to 19 digits, e.g. C016");
    assertThat(FieldMessages.translate(customer, messages, Locale.CHINESE).message())
        .isEqualTo("code 必须是字母 C 加 3 至 19 位数字，如 C016");
    assertThat(FieldMessages.translate(customer, messages, Locale.ENGLISH).message())
        .isEqualTo("code must be the letter C followed by 3 to 19 digits, e.g. C016");
  }
}
