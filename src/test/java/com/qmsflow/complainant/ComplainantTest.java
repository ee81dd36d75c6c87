package com.qmsflow.complainant;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.notification.OutboxDispatcher;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The complainant's side against a real SMTP server (GreenMail): the acknowledgement in the
 * contact's language, once however often the register step runs, automatic or after one click; the
 * status page (what it shows, what it never shows, 404 for a wrong, revoked or expired token, rate
 * limits); who may revoke; status mails when a committed date is missed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:complainant-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "spring.mail.host=127.0.0.1",
      "qms.mail.dispatch-interval=0",
      "qms.mail.task-digest.interval=0",
      "qms.complainant.missed-date-check-interval=0",
      "qms.complainant.status-link.requests-per-minute-per-address=8",
      "qms.complainant.status-link.requests-per-minute-per-token=5",
      "qms.complainant.status-link.valid-after-closure=P30D",
      "qms.mail.base-url=https://qms.example.com/"
    })
@AutoConfigureMockMvc
class ComplainantTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_9 = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
  static final Pattern LINK =
      Pattern.compile("https://qms\\.example\\.com/status/([A-Za-z0-9_-]{43})");

  static final String EN_CUSTOMER = "C9701";
  static final String ZH_CUSTOMER = "C9702";
  static final String MANUAL_CUSTOMER = "C9703";
  static final String EN_EMAIL = "mary.miller@buyer.example.com";
  static final String ZH_EMAIL = "li.na@buyer.example.cn";
  static final String MANUAL_EMAIL = "zhou@buyer.example.cn";

  static final int SMTP_PORT = freePort();
  static GreenMail smtp;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired MissedDates missedDates;
  @Autowired RateLimiter limiter;
  @Autowired Clock clock;
  @Autowired MockMvc mvc;

  @BeforeEach
  void customers() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    limiter.clear();
    jdbc.sql("delete from notification").update();
    customer(EN_CUSTOMER, "Sunrise Solar Ltd", "Mary Miller", EN_EMAIL, "en", "AUTO");
    customer(ZH_CUSTOMER, "华新光伏测试有限公司", "李娜", ZH_EMAIL, "zh", "AUTO");
    customer(MANUAL_CUSTOMER, "手动确认客户", "周强", MANUAL_EMAIL, "zh", "MANUAL");
    at(MONDAY_9.toInstant());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theAcknowledgementIsMailedInEnglishWithNumberReceivedTimeNextStepsContactDateAndLink()
      throws Exception {
    String number = register(EN_CUSTOMER, "Mary Miller", "ACK-B1");
    dispatcher.dispatch(clock.instant());

    List<MimeMessage> mails = inbox(EN_EMAIL);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Your complaint " + number + " has been received");
    String text = text(mail);
    assertThat(text)
        .contains(
            "Dear Mary Miller,",
            "We have registered it under the number " + number,
            "(received 2026-03-02 09:00 (Asia/Shanghai))",
            "What happens next: our customer service confirms the details with you",
            // the confirm step: 4 hours after receipt (complaint-deadlines, working-day calendar)
            "We will contact you by 2026-03-02 13:00 (Asia/Shanghai).",
            "Please quote the number " + number)
        .doesNotContain("您", "Tasklist");
    assertThat(LINK.matcher(text).find()).isTrue();
    assertThat(
            jdbc.sql("select token_hash from complaint_acknowledgement where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .as("only the hash of the token is stored")
        .isEqualTo(StatusTokens.hash(token(text)))
        .doesNotContain(token(text));
  }

  @Test
  void theAcknowledgementIsMailedInChineseToAChineseContact() throws Exception {
    String number = register(ZH_CUSTOMER, "李娜", "ACK-B2");
    dispatcher.dispatch(clock.instant());

    List<MimeMessage> mails = inbox(ZH_EMAIL);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("您的投诉 " + number + " 已受理");
    assertThat(text(mails.get(0)))
        .contains(
            "李娜，您好：",
            "您的投诉已登记，编号 " + number + "（收到时间 2026-03-02 09:00 (Asia/Shanghai)）",
            "后续安排：客服将与您确认投诉细节",
            "我们将在 2026-03-02 13:00 (Asia/Shanghai) 之前与您联系。",
            "https://qms.example.com/status/")
        .doesNotContain("Dear", "What happens next");
  }

  @Test
  void theRegisterStepRunTwiceAcknowledgesOnce() throws Exception {
    String number = register(EN_CUSTOMER, "Mary Miller", "ACK-B3");
    String instance = instanceOf(number);
    // the register step again, as a retried job would run it
    engine
        .getRuntimeService()
        .createProcessInstanceModification(instance)
        .startBeforeActivity(AcknowledgementPlugin.REGISTER_STEP)
        .execute();
    assertThat(
            jdbc.sql("select count(*) from complaint_acknowledgement where process_instance_id = ?")
                .param(instance)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    dispatcher.dispatch(clock.instant());
    dispatcher.dispatch(clock.instant());
    assertThat(inbox(EN_EMAIL)).hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from notification where business_key = ? and kind = ?")
                .params(number, Acknowledgements.KIND)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aComplaintRegisteredOverTheApiIsAcknowledgedToo() throws Exception {
    MvcResult created =
        mvc.perform(
                as("clerk", post("/api/complaints"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(complaint(EN_CUSTOMER, "Mary Miller", "ACK-B9"))))
            .andExpect(status().isCreated())
            .andReturn();
    String number =
        com.jayway.jsonpath.JsonPath.read(
            created.getResponse().getContentAsString(), "$.complaintNumber");
    assertThat(ackText(number, EN_EMAIL))
        .contains("Dear Mary Miller,", "We have registered it under the number " + number);
  }

  @Test
  void aManuallyAcknowledgedCustomerGetsTheMailAfterOneClickOfCustomerService() throws Exception {
    String number = register(MANUAL_CUSTOMER, "周强", "ACK-B4");
    dispatcher.dispatch(clock.instant());
    assertThat(inbox(MANUAL_EMAIL)).as("nothing before the click").isEmpty();
    mvc.perform(as("clerk", get("/api/complaints/{n}/acknowledgement", number)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("WAITING"))
        .andExpect(jsonPath("$.mode").value("MANUAL"))
        .andExpect(jsonPath("$.link").value("NONE"));

    mvc.perform(as("quality", post("/api/complaints/{n}/acknowledgement", number)))
        .andExpect(status().isForbidden());
    mvc.perform(as("engineer", post("/api/complaints/{n}/acknowledgement", number)))
        .andExpect(status().isForbidden());
    mvc.perform(as("clerk", post("/api/complaints/{n}/acknowledgement", number)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.state").value("SENT"))
        .andExpect(jsonPath("$.sentBy").value("clerk"))
        .andExpect(jsonPath("$.link").value("ACTIVE"))
        .andExpect(jsonPath("$.mails[0].kind").value(Acknowledgements.KIND));
    mvc.perform(as("sales", post("/api/complaints/{n}/acknowledgement", number)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sentBy").value("clerk"));
    dispatcher.dispatch(clock.instant());
    assertThat(inbox(MANUAL_EMAIL)).hasSize(1);
    assertThat(text(inbox(MANUAL_EMAIL).get(0))).contains("周强，您好：", number);
  }

  @Test
  void theStatusPageShowsStageAndDatesButNothingInternal() throws Exception {
    ComplaintScenario c =
        ComplaintScenario.start(engine, complaint(EN_CUSTOMER, "Mary Miller", "ACK-B5"));
    String number = (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    String token = token(ackText(number, EN_EMAIL));

    String received = page(token, "198.51.100.1", 200);
    assertThat(received)
        .contains(
            "Complaint " + number,
            "Dear Mary Miller",
            "id=\"stage\" data-stage=\"RECEIVED\"",
            "2026-03-02 09:00",
            "Contact you to confirm the details",
            "2026-03-02 13:00",
            "not yet");

    at(MONDAY_9.plusHours(2).toInstant());
    c.complete("userTaskConfirmWithCustomer");
    c.complete("userTaskInvestigateOnSite");
    c.runJobs();
    String investigating = page(token, "198.51.100.1", 200);
    assertThat(investigating)
        .contains("data-stage=\"INVESTIGATING\"", "2026-03-02 11:00")
        .doesNotContain("(late)");

    at(MONDAY_9.plusHours(3).toInstant());
    c.complete("userTaskAnalyseValidityAndCause");
    c.runJobs();
    String page = page(token, "198.51.100.1", 200);
    String instance = c.instance().getId();
    assertThat(page)
        .as("no finding, responsibility, staff, group or engine id")
        .doesNotContain(
            "Corner protectors missing",
            "Corners cracked where the pallet straps",
            "productQuality",
            "ownPlant",
            "production",
            "Clara",
            "clerk",
            "customer-service",
            "quality",
            "compensation",
            instance,
            "camunda",
            "/api/")
        .contains("Mary Miller");
    // the page's security headers are the shell's, and no script at all
    mvc.perform(get("/status/{t}", token).with(from("198.51.100.1")))
        .andExpect(
            header()
                .string(
                    "Content-Security-Policy",
                    org.hamcrest.Matchers.containsString("script-src 'self'")))
        .andExpect(header().string("Cache-Control", "no-store"));
    assertThat(page).doesNotContain("<script");
    // the language of the contact, or the one asked for
    assertThat(page(token + "?lang=zh", "198.51.100.1", 200))
        .contains("投诉 " + number, "调查中", "与您联系确认投诉细节");
  }

  @Test
  void aWrongRevokedOrExpiredTokenRevealsNothing() throws Exception {
    String number = register(EN_CUSTOMER, "Mary Miller", "ACK-B6");
    String token = token(ackText(number, EN_EMAIL));
    page(token, "198.51.100.2", 200);

    String wrong = page(StatusTokens.newToken(), "198.51.100.3", 404);
    String malformed = page("x' or 1=1 --", "198.51.100.3", 404);
    assertThat(malformed).isEqualTo(wrong);
    assertThat(wrong).contains("This status page is not available").doesNotContain(number);

    // expired: closed longer ago than valid-after-closure (30 days)
    jdbc.sql("update complaint set status = 'CLOSED', closed_at = ? where complaint_number = ?")
        .params(Timestamp.from(MONDAY_9.minusDays(31).toInstant()), number)
        .update();
    assertThat(page(token, "198.51.100.2", 404)).isEqualTo(wrong);
    jdbc.sql("update complaint set closed_at = ? where complaint_number = ?")
        .params(Timestamp.from(MONDAY_9.minusDays(29).toInstant()), number)
        .update();
    assertThat(page(token, "198.51.100.2", 200)).contains("data-stage=\"CLOSED\"");

    mvc.perform(post("/api/complaints/{n}/status-link/revoke", number))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/api/complaints/{n}/acknowledgement", number))
        .andExpect(status().isUnauthorized());
    mvc.perform(as("quality", post("/api/complaints/{n}/status-link/revoke", number)))
        .andExpect(status().isForbidden());
    mvc.perform(as("engineer", post("/api/complaints/{n}/status-link/revoke", number)))
        .andExpect(status().isForbidden());
    assertThat(page(token, "198.51.100.4", 200)).contains(number);
    mvc.perform(as("sales", post("/api/complaints/{n}/status-link/revoke", number)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.link").value("REVOKED"))
        .andExpect(jsonPath("$.revokedBy").value("sales"));
    mvc.perform(as("clerk", post("/api/complaints/{n}/status-link/revoke", number)))
        .andExpect(status().isConflict())
        .andExpect(
            header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    assertThat(page(token, "198.51.100.4", 404)).isEqualTo(wrong);
  }

  @Test
  void guessingIsRateLimitedPerAddressAndPerToken() throws Exception {
    String number = register(EN_CUSTOMER, "Mary Miller", "ACK-B7");
    String token = token(ackText(number, EN_EMAIL));
    for (int i = 0; i < 8; i++) {
      page(StatusTokens.newToken(), "203.0.113.9", 404);
    }
    mvc.perform(get("/status/{t}", token).with(from("203.0.113.9")))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "60"));
    // another address still gets the page, until the token's own limit
    for (int i = 0; i < 5; i++) {
      page(token, "203.0.113." + (20 + i), 200);
    }
    mvc.perform(get("/status/{t}", token).with(from("203.0.113.30")))
        .andExpect(status().isTooManyRequests());
    // the next minute counts again
    at(MONDAY_9.plusMinutes(1).toInstant());
    page(token, "203.0.113.9", 200);
  }

  @Test
  void aMissedContactDateSendsOneStatusMailInTheContactsLanguage() throws Exception {
    String number = register(ZH_CUSTOMER, "李娜", "ACK-B8");
    ackText(number, ZH_EMAIL);
    at(MONDAY_9.plusHours(3).toInstant());
    missedDates.run();
    assertThat(statusMails(number)).as("not yet due").isZero();
    at(MONDAY_9.plusHours(4).plusMinutes(1).toInstant());
    missedDates.run();
    assertThat(statusMails(number)).isEqualTo(1);
    assertThat(missedDates.run()).as("once").isZero();
    assertThat(statusMails(number)).isEqualTo(1);
    dispatcher.dispatch(clock.instant());
    List<MimeMessage> mails =
        inbox(ZH_EMAIL).stream()
            .filter(m -> subject(m).equals("您的投诉 " + number + " 的处理状态"))
            .toList();
    assertThat(mails).as("besides the acknowledgement").hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("您的投诉 " + number + " 的处理状态");
    assertThat(text(mails.get(0)))
        .contains(
            "李娜，您好：",
            "针对您的投诉 " + number + "，我们承诺在 2026-03-02 13:00 (Asia/Shanghai) 之前与您联系确认投诉细节",
            "我们正在处理",
            "投诉当前所处阶段：已受理");
  }

  @Test
  void customerServiceSetsTheAcknowledgementModeAndContactLanguagesWithARecord() throws Exception {
    MvcResult got =
        mvc.perform(as("clerk", get("/api/customers/{c}/complainant-settings", ZH_CUSTOMER)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.acknowledgement").value("AUTO"))
            .andExpect(jsonPath("$.contacts[0].language").value("zh"))
            .andReturn();
    long id =
        com.jayway.jsonpath.JsonPath.parse(got.getResponse().getContentAsString())
            .read("$.contacts[0].id", Long.class);
    mvc.perform(
            as("clerk", put("/api/customers/{c}/complainant-settings", ZH_CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"acknowledgement\":\"SOMETIMES\",\"contacts\":[{\"id\":"
                        + id
                        + ",\"language\":\"fr\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field == 'acknowledgement')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == 'contacts[0].language')]").exists());
    mvc.perform(
            as("sales", put("/api/customers/{c}/complainant-settings", ZH_CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"acknowledgement\":\"MANUAL\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            as("clerk", put("/api/customers/{c}/complainant-settings", ZH_CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"acknowledgement\":\"MANUAL\",\"contacts\":[{\"id\":"
                        + id
                        + ",\"language\":\"en\"}]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.acknowledgement").value("MANUAL"))
        .andExpect(jsonPath("$.contacts[0].language").value("en"));
    assertThat(
            jdbc.sql(
                    "select count(*) from master_data_change where changed_by = 'clerk' and"
                        + " (data_key = ? or data_key = ?)")
                .params(ZH_CUSTOMER, ZH_CUSTOMER + "/" + id)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  // ---------------------------------------------------------------------------------------------

  private void customer(
      String code, String name, String contact, String email, String language, String mode) {
    jdbc.sql("delete from customer_contact where customer_code = ?").param(code).update();
    jdbc.sql(
            "insert into customer (code, name, address) select ?, ?, 'Wuxi' where not exists"
                + " (select 1 from customer where code = ?)")
        .params(code, name, code)
        .update();
    jdbc.sql("update customer set acknowledgement = ? where code = ?").params(mode, code).update();
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, email, language) values (?,"
                + " ?, 'buyer', ?, ?)")
        .params(code, contact, email, language)
        .update();
  }

  private static Map<String, Object> complaint(String customer, String contact, String batch) {
    Map<String, Object> v = intake(customer, batch, "BREAKAGE");
    v.put("contactName", contact);
    return v;
  }

  private String register(String customer, String contact, String batch) {
    ComplaintScenario c = ComplaintScenario.start(engine, complaint(customer, contact, batch));
    return (String) c.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
  }

  private int statusMails(String number) {
    return jdbc.sql("select count(*) from notification where business_key = ? and kind = ?")
        .params(number, Acknowledgements.STATUS_KIND)
        .query(Integer.class)
        .single();
  }

  private String instanceOf(String number) {
    return jdbc.sql("select process_instance_id from complaint where complaint_number = ?")
        .param(number)
        .query(String.class)
        .single();
  }

  /** Delivers the outbox and returns the acknowledgement's text to this address. */
  private String ackText(String number, String email) throws Exception {
    dispatcher.dispatch(clock.instant());
    return inbox(email).stream()
        .filter(m -> subject(m).contains(number))
        .findFirst()
        .map(ComplainantTest::text)
        .orElseThrow();
  }

  private String page(String tokenAndQuery, String address, int expected) throws Exception {
    String[] parts = tokenAndQuery.split("\\?", 2);
    MockHttpServletRequestBuilder request =
        get("/status/{t}" + (parts.length > 1 ? "?" + parts[1] : ""), parts[0]).with(from(address));
    return mvc.perform(request)
        .andExpect(status().is(expected))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor from(
      String address) {
    return r -> {
      r.setRemoteAddr(address);
      return r;
    };
  }

  private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.header(
        HttpHeaders.AUTHORIZATION,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  private static String token(String text) {
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("status link in %s", text).isTrue();
    return m.group(1);
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private static List<MimeMessage> inbox(String email) {
    return smtp.findReceivedMessages(user -> email.equalsIgnoreCase(user.getEmail()), m -> true)
        .toList();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(MimeMessage mail) {
    try {
      return mail.getContent().toString().replace("\r\n", "\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
