package com.qmsflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The evidence API over real HTTP (application on a random port, H2 in memory, demo users, job
 * executor off) with a 64 KB size limit: upload, list, download, removal, authorization, limits,
 * content-type detection, and the required-evidence refusal of submit-form.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:evidence-api-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.attachments.max-size=64KB"
    })
class EvidenceApiTest {

  private static final String STEP = "userTaskCollectImprovementEvidence";
  private static final List<String> DEFECTS =
      List.of(
          "BREAKAGE",
          "APPEARANCE",
          "DIMENSION",
          "FUNCTION",
          "PACKAGING",
          "LABEL",
          "CTM-DEVIATION",
          "EL-FALSE-PRINT",
          "MIXED-GRADING",
          "PULL-STRENGTH");
  private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
      new java.util.concurrent.atomic.AtomicInteger();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;

  private ComplaintScenario complaint;
  private String number;

  @BeforeEach
  void complaintWaitingForImprovementEvidence() {
    if (identity.createUserQuery().userId("outsider").count() == 0) {
      User outsider = identity.newUser("outsider");
      outsider.setPassword("outsider");
      identity.saveUser(outsider);
    }
    // a customer and defect of its own per test: a customer's third complaint of a defect is
    // serious
    int n = SEQUENCE.getAndIncrement();
    complaint =
        ComplaintScenario.start(
                engine,
                ComplaintScenario.intake(
                    "C01" + (3 + n / DEFECTS.size() % 3),
                    "B-EV-" + n,
                    DEFECTS.get(n % DEFECTS.size())))
            .complete("userTaskConfirmWithCustomer")
            .complete("userTaskInvestigateOnSite")
            .complete("userTaskAnalyseValidityAndCause")
            .complete("userTaskReviewMinorSeverity")
            .complete("userTaskCommitImprovementDate")
            .complete("userTaskContainSuspectStock")
            .complete("userTaskCorrectNonconformity");
    number = (String) complaint.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
  }

  // ---------------------------------------------------------------- helpers

  private TestRestTemplate as(String user) {
    return rest.withBasicAuth(user, user);
  }

  private ResponseEntity<JsonNode> upload(
      String user, String owner, String step, String name, byte[] content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    if (step != null) {
      parts.add("step", step);
    }
    if (content != null) {
      parts.add(
          "file",
          new ByteArrayResource(content) {
            @Override
            public String getFilename() {
              return name;
            }
          });
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    TestRestTemplate client = user == null ? rest : as(user);
    return client.postForEntity(
        "/api/" + owner + "/attachments", new HttpEntity<>(parts, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> upload(String user, String name, byte[] content) {
    return upload(user, "complaints/" + number, STEP, name, content);
  }

  private JsonNode list(String user) {
    ResponseEntity<JsonNode> answer =
        as(user).getForEntity("/api/complaints/{n}/attachments", JsonNode.class, number);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private static void refused(
      ResponseEntity<JsonNode> answer, HttpStatus status, String... message) {
    assertThat(answer.getStatusCode()).as("answer %s", answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isNotNull();
    assertThat(
            answer
                .getHeaders()
                .getContentType()
                .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
    assertThat(answer.getBody().path("status").asInt()).isEqualTo(status.value());
    assertThat(answer.getBody().path("type").asText()).startsWith("/problems/");
    if (message.length > 0) {
      assertThat(answer.getBody().path("detail").asText()).contains(message);
    }
  }

  private static void unauthenticated(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode())
        .as("answer %s", answer.getBody())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(answer.getBody().toString()).doesNotContain("photo.png", TestEvidence.PNG_SHA256);
  }

  private ResponseEntity<JsonNode> submitForm(
      String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return as(user)
        .postForEntity(
            "/engine-rest/task/{id}/submit-form",
            Map.of("variables", variables),
            JsonNode.class,
            taskId);
  }

  private Task openTask(String key) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(complaint.instance().getId())
        .taskDefinitionKey(key)
        .singleResult();
  }

  static byte[] docx() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  // ---------------------------------------------------------------- tests

  @Test
  void salesUploadsListsDownloadsAndRemovesAPhoto() {
    ResponseEntity<JsonNode> created =
        upload("sales", "C:\\fakepath\\pallet photo.png", TestEvidence.PNG);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode file = created.getBody();
    assertThat(file.path("name").asText()).isEqualTo("pallet photo.png");
    assertThat(file.path("contentType").asText()).isEqualTo("image/png");
    assertThat(file.path("size").asLong()).isEqualTo(TestEvidence.PNG.length);
    assertThat(file.path("sha256").asText()).isEqualTo(TestEvidence.PNG_SHA256);
    assertThat(file.path("uploadedBy").asText()).isEqualTo("sales");
    assertThat(file.path("step").asText()).isEqualTo(STEP);
    assertThat(file.path("ownerKind").asText()).isEqualTo("complaint");
    String download = file.path("downloadUrl").asText();
    assertThat(created.getHeaders().getLocation()).hasToString(download);

    JsonNode listed = list("clerk");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("id").asLong()).isEqualTo(file.path("id").asLong());

    ResponseEntity<byte[]> content = as("quality").getForEntity(download, byte[].class);
    assertThat(content.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(content.getBody()).isEqualTo(TestEvidence.PNG);
    assertThat(content.getHeaders().getContentType()).hasToString("image/png");
    assertThat(content.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(content.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment;")
        .contains("filename*=UTF-8''pallet%20photo.png");

    // the complaint's state lists its evidence
    JsonNode state =
        as("sales").getForEntity("/api/complaints/{n}", JsonNode.class, number).getBody();
    assertThat(state.path("evidence")).hasSize(1);
    assertThat(state.path("evidence").get(0).path("downloadUrl").asText()).isEqualTo(download);

    ResponseEntity<Void> removed =
        as("sales")
            .exchange(
                "/api/attachments/{id}",
                HttpMethod.DELETE,
                null,
                Void.class,
                file.path("id").asLong());
    assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(list("sales")).isEmpty();
    assertThat(as("sales").getForEntity(download, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void pdfOfficeAndTextAreRecognisedByTheirContentAndNamesAreSanitised() throws IOException {
    assertThat(
            upload("sales", "report.pdf", "%PDF-1.4\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII))
                .getBody()
                .path("contentType")
                .asText())
        .isEqualTo("application/pdf");
    assertThat(upload("sales", "8D report.docx", docx()).getBody().path("contentType").asText())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    JsonNode text =
        upload(
                "sales",
                "../../etc/\u202Epass\u0007wd\n.txt",
                "检验记录: 20 pallets OK\n".getBytes(StandardCharsets.UTF_8))
            .getBody();
    assertThat(text.path("contentType").asText()).isEqualTo("text/plain; charset=utf-8");
    assertThat(text.path("name").asText()).isEqualTo("passwd.txt");
    String longName = "x".repeat(300) + ".txt";
    assertThat(
            upload("sales", longName, "ok".getBytes(StandardCharsets.UTF_8))
                .getBody()
                .path("name")
                .asText())
        .hasSize(FileNames.MAX_LENGTH)
        .endsWith(".txt");
  }

  @Test
  void uploadsBreakingALimitAreRefusedWithTheReason() throws IOException {
    byte[] executable = new byte[512];
    executable[0] = 'M';
    executable[1] = 'Z';
    refused(
        upload("sales", "photo.jpg", executable),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "photo.jpg",
        "executable");
    refused(
        upload(
            "sales",
            "photo.jpg",
            "<!DOCTYPE html><html><script>alert(1)</script></html>"
                .getBytes(StandardCharsets.UTF_8)),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "HTML");
    refused(
        upload("sales", "photo.jpg", TestEvidence.PNG),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "PNG image",
        ".png");
    refused(
        upload("sales", "notes.txt", new byte[] {'a', 0, 'b'}),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "binary");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("a.txt"));
      out.write('a');
    }
    refused(
        upload("sales", "archive.docx", zip.toByteArray()),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "not an Office document");
    byte[] big = new byte[100 * 1024];
    System.arraycopy(TestEvidence.PNG, 0, big, 0, TestEvidence.PNG.length);
    refused(upload("sales", "big.png", big), HttpStatus.PAYLOAD_TOO_LARGE, "65536 bytes (64 KB)");
    refused(upload("sales", "empty.png", new byte[0]), HttpStatus.BAD_REQUEST, "missing or empty");
    refused(
        upload("sales", "complaints/" + number, STEP, "x.png", null),
        HttpStatus.BAD_REQUEST,
        "'file'");
    refused(
        upload("sales", "complaints/" + number, null, "x.png", TestEvidence.PNG),
        HttpStatus.BAD_REQUEST,
        "'step'");
    refused(
        upload(
            "sales", "complaints/" + number, "userTaskReplyInWriting", "x.png", TestEvidence.PNG),
        HttpStatus.CONFLICT,
        "no open task 'userTaskReplyInWriting'");
    refused(
        upload("sales", "complaints/CC-2000-999999", STEP, "x.png", TestEvidence.PNG),
        HttpStatus.NOT_FOUND,
        "CC-2000-999999");
    assertThat(list("sales")).as("nothing refused was stored").isEmpty();
  }

  @Test
  void anotherSystemSendsIntakeFilesWhileTheComplaintIsOpen() {
    ResponseEntity<JsonNode> created =
        upload(
            "clerk",
            "complaints/" + number,
            EvidenceService.INTAKE,
            "customer-photo.jpg",
            new byte[] {
              (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'
            });
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().path("step").asText()).isEqualTo("intake");
    assertThat(created.getBody().path("contentType").asText()).isEqualTo("image/jpeg");
    long id = created.getBody().path("id").asLong();
    refused(
        as("sales").exchange("/api/attachments/{id}", HttpMethod.DELETE, null, JsonNode.class, id),
        HttpStatus.FORBIDDEN,
        "Only the uploader (clerk)");
    assertThat(
            as("clerk")
                .exchange("/api/attachments/{id}", HttpMethod.DELETE, null, Void.class, id)
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void usersOutsideTheComplaintAreRefused() {
    long id = upload("sales", "photo.png", TestEvidence.PNG).getBody().path("id").asLong();

    unauthenticated(rest.getForEntity("/api/complaints/{n}/attachments", JsonNode.class, number));
    // (a wrong password delays the user's next logins: not one of the users used afterwards)
    unauthenticated(
        rest.withBasicAuth("gm", "wrong")
            .getForEntity("/api/attachments/{id}/content", JsonNode.class, id));
    unauthenticated(upload(null, "photo.png", TestEvidence.PNG));

    // engineering has no task in this complaint; "outsider" is in no group at all
    for (String user : List.of("engineer", "outsider")) {
      refused(
          as(user).getForEntity("/api/complaints/{n}/attachments", JsonNode.class, number),
          HttpStatus.FORBIDDEN,
          user,
          number);
      refused(
          as(user).getForEntity("/api/attachments/{id}/content", JsonNode.class, id),
          HttpStatus.FORBIDDEN,
          user);
      refused(
          as(user).getForEntity("/api/attachments/{id}", JsonNode.class, id),
          HttpStatus.FORBIDDEN,
          user);
      refused(
          as(user).exchange("/api/attachments/{id}", HttpMethod.DELETE, null, JsonNode.class, id),
          HttpStatus.FORBIDDEN,
          user);
      refused(upload(user, "photo.png", TestEvidence.PNG), HttpStatus.FORBIDDEN, user);
    }
    // customer service sees the complaint but does not work on the sales step
    refused(
        upload("clerk", "photo.png", TestEvidence.PNG), HttpStatus.FORBIDDEN, "may not work on");
    refused(
        as("quality")
            .exchange("/api/attachments/{id}", HttpMethod.DELETE, null, JsonNode.class, id),
        HttpStatus.FORBIDDEN,
        "Only the uploader (sales)");
    assertThat(list("sales")).hasSize(1);
  }

  @Test
  void theStepCannotBeCompletedWithoutAFileAndTheFileStaysAfterwards() {
    Task task = openTask(STEP);
    Map<String, Object> values = ComplaintScenario.validSubmission(STEP);
    ResponseEntity<JsonNode> refusedSubmit = submitForm("sales", task.getId(), values);
    assertThat(refusedSubmit.getStatusCode())
        .as("%s", refusedSubmit.getBody())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // the user reads the label, the form finds the field by its key
    assertThat(refusedSubmit.getBody().path("message").asText())
        .contains("Evidence files", "attach at least one file")
        .doesNotContain("evidenceFiles");
    assertThat(refusedSubmit.getBody().findValuesAsText("field")).contains("evidenceFiles");
    assertThat(openTask(STEP)).as("the refused task is still open").isNotNull();

    long id = upload("sales", "after.png", TestEvidence.PNG).getBody().path("id").asLong();
    assertThat(submitForm("sales", task.getId(), values).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(openTask(STEP)).isNull();

    // the step is done: its file is a record now, nobody removes it; quality verifies and may see
    // it
    refused(
        as("sales").exchange("/api/attachments/{id}", HttpMethod.DELETE, null, JsonNode.class, id),
        HttpStatus.CONFLICT,
        "completed step");
    assertThat(list("quality")).hasSize(1);
    assertThat(openTask("userTaskVerifyEffectiveness")).isNotNull();
  }

  @Test
  void eightDTeamMembersSeeTheEightDsFilesAndTheReportListsThem() {
    Map<String, Object> raise = new LinkedHashMap<>();
    raise.put("problemTitle", "Cracked glass after lamination");
    raise.put("productName", "Mono PERC module 550 W");
    raise.put("batchNumber", "B-8D-EV-1");
    raise.put("defectCode", "BREAKAGE");
    raise.put("description", "Internal audit found micro-cracks in 3 % of modules.");
    raise.put("customerPrescribesReportFormat", false);
    ProcessInstance pi =
        engine
            .getFormService()
            .submitStartForm(
                engine
                    .getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionKey("corrective-action")
                    .latestVersion()
                    .singleResult()
                    .getId(),
                raise);
    String eightD = pi.getBusinessKey();
    complete8D(
        pi,
        "userTaskD0EmergencyResponse",
        Map.of(
            "emergencyActions",
            "Line 2 stopped and stock on hold.",
            "eightDApplicability",
            "applicable"));
    complete8D(
        pi,
        "userTaskD1FormTeam",
        Map.of(
            "teamLeader",
            "production",
            "teamMembers",
            "engineer",
            "teamFunctions",
            "production (lead), engineering"));
    complete8D(
        pi,
        "userTaskD2DescribeProblem",
        Map.of(
            "what",
            "Micro-cracks",
            "where",
            "Line 2",
            "when",
            "Night shifts",
            "who",
            "EL inspection",
            "why",
            "Pressure profile",
            "how",
            "EL images",
            "howMany",
            126,
            "howOften",
            "3 %"));

    // the member (engineering) uploads D3 evidence, sees it, but not the complaint of the other
    // test
    ResponseEntity<JsonNode> created =
        upload(
            "engineer",
            "corrective-actions/" + eightD,
            "userTaskD3Containment",
            "containment.png",
            TestEvidence.PNG);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().path("ownerKind").asText()).isEqualTo("corrective-action");
    assertThat(
            as("engineer")
                .getForEntity("/api/corrective-actions/{n}/attachments", JsonNode.class, eightD)
                .getBody())
        .hasSize(1);
    assertThat(
            as("qualitymanager")
                .getForEntity(created.getBody().path("downloadUrl").asText(), byte[].class)
                .getBody())
        .isEqualTo(TestEvidence.PNG);
    refused(
        as("clerk").getForEntity("/api/corrective-actions/{n}/attachments", JsonNode.class, eightD),
        HttpStatus.FORBIDDEN,
        "clerk");
    refused(
        as("engineer").getForEntity("/api/complaints/{n}/attachments", JsonNode.class, number),
        HttpStatus.FORBIDDEN);

    String report =
        as("quality")
            .getForEntity("/api/corrective-actions/{n}/report", String.class, eightD)
            .getBody();
    assertThat(report)
        .contains(
            "Evidence files", "containment.png", created.getBody().path("downloadUrl").asText());
  }

  private void complete8D(ProcessInstance pi, String key, Map<String, Object> values) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey(key)
            .singleResult();
    engine.getFormService().submitTaskForm(task.getId(), values);
  }

  @Test
  void theUploadPageIsServedWithoutExternalResources() {
    ResponseEntity<String> page =
        rest.getForEntity("/evidence/complaint/{n}/{step}", String.class, number, STEP);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
        .contains("default-src 'self'");
    // without the Tasklist login: the shell's sign-in hint (the page with the login: PageShellTest)
    assertThat(page.getBody())
        .contains("href=\"/app/app.css\"", "<a href=\"/camunda/app/tasklist/\">")
        .doesNotContain("http://", "https://");
    ResponseEntity<String> script = rest.getForEntity("/evidence/page.js", String.class);
    assertThat(script.getBody())
        .contains("/api/", "/api/evidence/csrf-token")
        .doesNotContain("http://", "https://");
    assertThat(rest.getForEntity("/app/app.css", String.class).getHeaders().getContentType())
        .hasToString("text/css");
  }

  @Test
  void theTasklistSessionAuthenticatesThePageAndAChangeNeedsTheCsrfToken() {
    // log in to Tasklist as a browser does: the first page sets the session and XSRF cookies
    ResponseEntity<String> first =
        rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    Map<String, String> jar = new LinkedHashMap<>();
    remember(jar, first);
    HttpHeaders login = cookies(jar);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    login.set("X-XSRF-TOKEN", jar.get("XSRF-TOKEN").substring("XSRF-TOKEN=".length()));
    ResponseEntity<String> loggedIn =
        rest.postForEntity(
            "/camunda/api/admin/auth/user/default/login/tasklist",
            new HttpEntity<>("username=sales&password=sales", login),
            String.class);
    assertThat(loggedIn.getStatusCode()).as("%s", loggedIn.getBody()).isEqualTo(HttpStatus.OK);
    remember(jar, loggedIn);
    // the login renews the session; the page asks for the new session's token
    ResponseEntity<String> me =
        rest.exchange(
            "/camunda/api/admin/auth/user/default",
            HttpMethod.GET,
            new HttpEntity<>(cookies(jar)),
            String.class);
    ResponseEntity<JsonNode> csrf =
        rest.exchange(
            "/api/evidence/csrf-token",
            HttpMethod.GET,
            new HttpEntity<>(cookies(jar)),
            JsonNode.class);
    String token = csrf.getBody().path("token").asText();
    assertThat(token).isEqualTo(me.getHeaders().getFirst("X-XSRF-TOKEN")).isNotBlank();
    assertThat(csrf.getBody().path("headerName").asText()).isEqualTo("X-XSRF-TOKEN");
    assertThat(rest.getForEntity("/api/evidence/csrf-token", JsonNode.class).getStatusCode())
        .as("only for an authenticated session")
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            as("sales")
                .getForEntity("/api/evidence/csrf-token", JsonNode.class)
                .getBody()
                .path("token")
                .isMissingNode())
        .as("Basic credentials need no token")
        .isTrue();

    ResponseEntity<JsonNode> listed =
        rest.exchange(
            "/api/complaints/{n}/attachments",
            HttpMethod.GET,
            new HttpEntity<>(cookies(jar)),
            JsonNode.class,
            number);
    assertThat(listed.getStatusCode()).as("%s", listed.getBody()).isEqualTo(HttpStatus.OK);

    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("step", STEP);
    parts.add(
        "file",
        new ByteArrayResource(TestEvidence.PNG) {
          @Override
          public String getFilename() {
            return "photo.png";
          }
        });
    HttpHeaders multipart = cookies(jar);
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    // a cross-site form could post with the cookie, but cannot know the token
    ResponseEntity<JsonNode> forged =
        rest.postForEntity(
            "/api/complaints/{n}/attachments",
            new HttpEntity<>(parts, multipart),
            JsonNode.class,
            number);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forged.getBody().path("detail").asText()).contains("X-XSRF-TOKEN");
    multipart.set("X-XSRF-TOKEN", token);
    ResponseEntity<JsonNode> created =
        rest.postForEntity(
            "/api/complaints/{n}/attachments",
            new HttpEntity<>(parts, multipart),
            JsonNode.class,
            number);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().path("uploadedBy").asText()).isEqualTo("sales");
    assertThat(list("sales")).hasSize(1);
  }

  private static void remember(Map<String, String> jar, ResponseEntity<?> answer) {
    for (String c : answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = c.split(";", 2)[0];
      jar.put(pair.substring(0, pair.indexOf('=')), pair);
    }
  }

  private static HttpHeaders cookies(Map<String, String> jar) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.COOKIE, String.join("; ", jar.values()));
    return headers;
  }
}
