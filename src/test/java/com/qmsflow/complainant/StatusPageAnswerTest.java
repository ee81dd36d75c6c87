package com.qmsflow.complainant;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.complaint.CustomerDecisions;
import com.qmsflow.web.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The customer's answer to the written reply on the status page (issue 19.3 and its share of 19.6):
 * accepted or rejected with a reason, recorded once and correlated into the process; a second
 * submission, an answer when none is asked, a guessed or malformed token and injected text in every
 * parameter change nothing and get a clear answer in the page's language.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:status-answer-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.complainant.status-link.requests-per-minute-per-address=20",
      "qms.complainant.status-link.requests-per-minute-per-token=50",
      "qms.mail.base-url=https://qms.example.com/"
    })
@AutoConfigureMockMvc
class StatusPageAnswerTest {

  static final ZonedDateTime MONDAY_9 =
      ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
  static final Pattern LINK =
      Pattern.compile("https://qms\\.example\\.com/status/([A-Za-z0-9_-]{43})");

  /** One customer per test: a second complaint of the same customer would be a repeat. */
  static final String[] CUSTOMERS = {"C9711", "C9712", "C9713"};

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired RateLimiter limiter;
  @Autowired CustomerDecisions decisions;
  @Autowired MockMvc mvc;

  @BeforeEach
  void customerAndClock() {
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_9.toInstant()));
    limiter.clear();
    for (String customer : CUSTOMERS) {
      jdbc.sql(
              "insert into customer (code, name, address) select ?, 'Sunrise Solar', 'Wuxi' where"
                  + " not exists (select 1 from customer where code = ?)")
          .params(customer, customer)
          .update();
      jdbc.sql("delete from customer_contact where customer_code = ?").param(customer).update();
      jdbc.sql(
              "insert into customer_contact (customer_code, name, role, email, language) values"
                  + " (?, 'Mary Miller', 'buyer', 'mary@buyer.example.com', 'en')")
          .param(customer)
          .update();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theCustomerAcceptsOnceTheProcessMovesOnAndASecondSubmissionChangesNothing()
      throws Exception {
    ComplaintScenario c = replied(CUSTOMERS[0], "ANS-1");
    String number = number(c);
    String token = token(number);
    assertThat(page(token)).contains("id=\"answer-form\"", "I accept the reply");

    MockHttpServletResponse sent = answer(token, "accepted", "", null, "198.51.100.1");
    assertThat(sent.getStatus()).isEqualTo(303);
    assertThat(sent.getHeader(HttpHeaders.LOCATION)).endsWith("/status/" + token);
    assertThat(c.instance()).isWaitingAt("userTaskFollowUpAfterDelivery");
    assertThat(decisions.of(number))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo("ACCEPTED");
              assertThat(d.source()).isEqualTo("STATUS_PAGE");
              assertThat(d.recordedBy()).isNull();
              assertThat(d.reason()).isNull();
            });
    assertThat(page(token))
        .contains("Your answer was recorded on 2026-03-02 09:00", "you accept our reply")
        .doesNotContain("id=\"answer-form\"");

    // the browser's back button and a resubmission, in Chinese: refused, nothing recorded again
    MockHttpServletResponse again =
        answer(token, "rejected", "Changed my mind about it.", "zh", "198.51.100.1");
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("您的意见已记录，此处不能更改");
    assertThat(decisions.of(number)).hasSize(1);
    assertThat(c.instance()).isWaitingAt("userTaskFollowUpAfterDelivery");
    assertThat(engine.getRuntimeService().getVariable(c.instance().getId(), "customerDecision"))
        .isEqualTo("accepted");
  }

  @Test
  void aRejectionNeedsAReasonAndInjectedTextIsKeptAsTextAndNeverRun() throws Exception {
    ComplaintScenario c = replied(CUSTOMERS[1], "ANS-2");
    String number = number(c);
    String token = token(number);

    // no decision, a forged decision, a rejection without a real reason: 400 at the field,
    // the text as typed stays in the form, nothing is recorded
    MockHttpServletResponse none = answer(token, null, "typed text stays", null, "198.51.100.2");
    assertThat(none.getStatus()).isEqualTo(400);
    assertThat(none.getContentAsString(StandardCharsets.UTF_8))
        .contains("id=\"error-decision\"", "Please choose whether you accept the reply.")
        .contains(">typed text stays</textarea>");
    MockHttpServletResponse forged = answer(token, "acceptedByDefault", "", null, "198.51.100.2");
    assertThat(forged.getStatus()).isEqualTo(400);
    MockHttpServletResponse scripted =
        answer(token, "<script>alert(1)</script>", "", null, "198.51.100.2");
    assertThat(scripted.getStatus()).isEqualTo(400);
    assertThat(scripted.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("<script");
    MockHttpServletResponse shortReason = answer(token, "rejected", "  no  ", "zh", "198.51.100.2");
    assertThat(shortReason.getStatus()).isEqualTo(400);
    assertThat(shortReason.getContentAsString(StandardCharsets.UTF_8))
        .contains("id=\"error-reason\"", "请说明您不接受答复的理由");
    MockHttpServletResponse tooLong =
        answer(token, "rejected", "x".repeat(2001), null, "198.51.100.2");
    assertThat(tooLong.getStatus()).isEqualTo(400);
    assertThat(decisions.of(number)).isEmpty();
    assertThat(c.instance()).isWaitingAt("userTaskRecordCustomerDecision");

    // SQL and markup in the reason and the language are text, nothing else
    String hostile = "'); delete from customer_decision; -- <script>alert('x')</script> ${7*7}";
    MockHttpServletResponse sent = answer(token, "rejected", hostile, "<b>zh</b>", "198.51.100.2");
    assertThat(sent.getStatus()).isEqualTo(303);
    assertThat(decisions.of(number))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo("REJECTED");
              assertThat(d.reason()).isEqualTo(hostile.strip());
            });
    assertThat(c.instance()).isWaitingAt("userTaskSettleRejectedReply");
    assertThat(
            engine
                .getRuntimeService()
                .getVariable(
                    c.instance().getId(), ComplaintVariables.CUSTOMER_DECISION_REASON.name()))
        .isEqualTo(hostile.strip());
    String page = page(token);
    assertThat(page)
        .contains("you do not accept our reply", "Our sales management is reviewing")
        .doesNotContain("alert('x')</script>");
    // the record page shows it to staff, escaped
    String record =
        mvc.perform(get("/complaints/{n}", number).session(WebTestSupport.signedIn("sales")))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(record)
        .contains("id=\"customer-decisions\"", "id=\"decision-1\"", "rejected")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>alert('x')</script>");

    // sales management rules finally: the page shows the ruling, the form stays closed
    c.complete(
        "userTaskSettleRejectedReply",
        "settlementNote",
        "The storage photos show the cause; the reply stands as our final ruling.");
    assertThat(page(token))
        .contains("Our final decision on your objection", "the reply stands as our final ruling")
        .doesNotContain("id=\"answer-form\"");
    assertThat(answer(token, "accepted", "", null, "198.51.100.2").getStatus()).isEqualTo(409);

    // the printed record holds the decision and its settlement, and the mails to the customer,
    // in both languages
    MockHttpServletResponse pdf =
        mvc.perform(
                get("/api/complaints/{n}/record.pdf", number)
                    .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("sales:sales".getBytes(StandardCharsets.UTF_8))))
            .andReturn()
            .getResponse();
    assertThat(pdf.getStatus()).isEqualTo(200);
    Files.createDirectories(Path.of("target", "records"));
    Files.write(
        Path.of("target", "records", "rejected-reply-record.pdf"), pdf.getContentAsByteArray());
    String printed;
    try (PDDocument document = Loader.loadPDF(pdf.getContentAsByteArray())) {
      printed = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
    assertThat(printed)
        .contains("Customer's decision on the reply (客户对答复的决定)")
        .contains("delete from customer_decision")
        .contains("final ruling")
        .contains("by the customer on the status page")
        .contains("Correspondence with the customer (与客户的往来邮件)")
        .contains("sent (发出)");
  }

  @Test
  void beforeTheReplyNothingIsAskedAndGuessedTokensRevealNothing() throws Exception {
    ComplaintScenario c = ComplaintScenario.start(engine, complaint(CUSTOMERS[2], "ANS-3"));
    String number = number(c);
    String token = token(number);
    assertThat(page(token)).doesNotContain("id=\"answer-form\"", "id=\"answer\"");
    MockHttpServletResponse early = answer(token, "accepted", "", null, "198.51.100.3");
    assertThat(early.getStatus()).isEqualTo(409);
    assertThat(early.getContentAsString(StandardCharsets.UTF_8))
        .contains("We are not waiting for an answer about this complaint now.");
    assertThat(decisions.of(number)).isEmpty();

    String wrong =
        answer(StatusTokens.newToken(), "accepted", "", null, "198.51.100.4")
            .getContentAsString(StandardCharsets.UTF_8);
    MockHttpServletResponse malformed =
        answer("x' or 1=1 --", "accepted", "", null, "198.51.100.4");
    assertThat(malformed.getStatus()).isEqualTo(404);
    assertThat(malformed.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(wrong);
    assertThat(wrong).contains("This status page is not available").doesNotContain(number);

    // guessing tokens by posting answers is limited per address like reading the page
    for (int i = 0; i < 20; i++) {
      answer(StatusTokens.newToken(), "accepted", "", null, "198.51.100.5");
    }
    assertThat(answer(token, "accepted", "", null, "198.51.100.5").getStatus()).isEqualTo(429);
    assertThat(decisions.of(number)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private ComplaintScenario replied(String customer, String batch) {
    ComplaintScenario c = ComplaintScenario.start(engine, complaint(customer, batch));
    for (String task :
        new String[] {
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock",
          "userTaskCorrectNonconformity",
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness",
          "userTaskReplyInWriting"
        }) {
      c.complete(task).runJobs();
    }
    assertThat(c.instance()).isWaitingAt("userTaskRecordCustomerDecision");
    return c;
  }

  private static Map<String, Object> complaint(String customer, String batch) {
    Map<String, Object> v = intake(customer, "B-" + batch, "BREAKAGE");
    v.put("contactName", "Mary Miller");
    return v;
  }

  private static String number(ComplaintScenario c) {
    return (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
  }

  /** The status link of the acknowledgement kept in the outbox. */
  private String token(String number) {
    String body =
        jdbc.sql("select body from notification where business_key = ? and kind = ?")
            .params(number, Acknowledgements.KIND)
            .query(String.class)
            .single();
    Matcher m = LINK.matcher(body);
    assertThat(m.find()).as("status link in %s", body).isTrue();
    return m.group(1);
  }

  private String page(String token) throws Exception {
    return mvc.perform(get("/status/{t}", token).with(from("198.51.100.200")))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private MockHttpServletResponse answer(
      String token, String decision, String reason, String lang, String address) throws Exception {
    MockHttpServletRequestBuilder request = post("/status/{t}/answer", token).with(from(address));
    if (decision != null) {
      request.param("decision", decision);
    }
    if (reason != null) {
      request.param("reason", reason);
    }
    if (lang != null) {
      request.param("lang", lang);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor from(
      String address) {
    return r -> {
      r.setRemoteAddr(address);
      return r;
    };
  }
}
