package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The page shell: every page of a {@link PageController} renders in the layout in Chinese and
 * English with every text resolved, the texts its script uses included; without a webapp login it
 * shows the sign-in hint; times are plant time; the pages load nothing from elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:page-shell-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class PageShellTest {

  /**
   * An example address for each page mapping, and the script whose texts it hands over. A new page
   * must be added here, or {@link #everyPageOfTheShellIsCoveredHere} fails.
   */
  private static final Map<String, Page> PAGES =
      Map.ofEntries(
          Map.entry(
              "/customers/",
              new Page("/customers/", "static/app/pages/customers.js", "customers.js.")),
          Map.entry(
              "/customers/{code}",
              new Page("/customers/C003", "static/app/pages/customer.js", "customer.js.")),
          Map.entry(
              "/complaints/new",
              new Page(
                  "/complaints/new",
                  "static/app/pages/complaint-new.js",
                  "complaintNew.js.",
                  "clerk")),
          Map.entry(
              "/defect-codes/",
              new Page("/defect-codes/", "static/app/pages/defect-codes.js", "defectCodes.js.")),
          Map.entry(
              "/calendar/", new Page("/calendar/", "static/app/pages/calendar.js", "calendar.js.")),
          Map.entry(
              "/dashboard/",
              new Page("/dashboard/", "static/dashboard/dashboard.js", "dashboard.js.")),
          Map.entry(
              "/evidence/{kind:complaint|corrective-action}/{number}",
              new Page(
                  "/evidence/complaint/CC-2026-000001", "static/evidence/page.js", "evidence.js.")),
          Map.entry(
              "/evidence/{kind:complaint|corrective-action}/{number}/{step}",
              new Page(
                  "/evidence/corrective-action/8D-2026-0001/userTaskD3Containment",
                  "static/evidence/page.js",
                  "evidence.js.")),
          // record pages (recordview/): the records are inserted by #records()
          Map.entry(
              "/complaints/{number}",
              new Page("/complaints/CC-2026-000001", "static/records/record.js", "record.js.")),
          Map.entry(
              "/corrective-actions/{number}",
              new Page(
                  "/corrective-actions/8D-2026-0001", "static/records/record.js", "record.js.")),
          Map.entry(
              "/changes/{number}",
              new Page("/changes/CR-2026-0001", "static/records/record.js", "record.js.")),
          Map.entry(
              "/complaints/",
              new Page("/complaints/", "static/register/register.js", "register.js.")),
          Map.entry(
              "/corrective-actions/",
              new Page("/corrective-actions/", "static/register/register.js", "register.js.")),
          Map.entry(
              "/changes/", new Page("/changes/", "static/register/register.js", "register.js.")),
          // issue 19.4: complaints by mail (mailintake/): the drafts, one draft (#records())
          Map.entry(
              "/mail-intake/",
              new Page(
                  "/mail-intake/",
                  "static/app/pages/mail-intake.js",
                  "mailIntakeList.js.",
                  "clerk")),
          Map.entry(
              "/mail-intake/{id}",
              new Page(
                  "/mail-intake/900001",
                  "static/app/pages/complaint-new.js",
                  "complaintNew.js.",
                  "clerk")),
          // issue 18.6: the managers' overview of overdue work
          Map.entry(
              "/overdue/", new Page("/overdue/", "static/app/pages/overdue.js", "overdue.js.")),
          // issue 20.3: the reports to management
          Map.entry(
              "/reports/", new Page("/reports/", "static/app/pages/reports.js", "reports.js.")));

  /**
   * Pages for people outside without a login and without the staff shell (no navigation, no sign-in
   * hint): the customer's status page (complainant/), tested with a token in
   * complainant/ComplainantTest and StatusPageBrowserIT; here without one; the satisfaction
   * survey's answer page (survey/, tested in survey/SurveyAnswerPageTest).
   */
  private static final Set<String> PUBLIC = Set.of("/status/{token}", "/survey/{token}");

  /**
   * The one form a page posts to itself: the customer's status page has no script and no login (the
   * token is the key), so the customer's answer to the reply is a plain form post that answers with
   * the page (complainant/StatusPageController, issue 19.3). Every other write goes through {@code
   * /api}.
   */
  private static final Set<String> FORM_POSTS = Set.of("/status/{token}/answer");

  /** Mappings of page controllers that only redirect. */
  private static final Set<String> REDIRECTS =
      Set.of("/dashboard", "/complaints", "/corrective-actions", "/changes");

  /** A page as {@code user} sees it (one who may open it; default the general manager). */
  record Page(String path, String script, String textPrefix, String user) {
    Page(String path, String script, String textPrefix) {
      this(path, script, textPrefix, "gm");
    }
  }

  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
  private static final Pattern SCRIPT_TEXT = Pattern.compile("\\bt\\('([A-Za-z0-9]+)'");
  private static final Pattern TEXT_BLOCK =
      Pattern.compile(
          "<script type=\"application/json\" id=\"page-texts\">(.*?)</script>", Pattern.DOTALL);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  /** The records the record pages show: a complaint, its 8D and a change, not yet started. */
  @org.junit.jupiter.api.BeforeEach
  void records() {
    jdbc.sql(
            """
            insert into complaint (complaint_number, customer_code, tier, category, channel, product_name,
                batch_number, defect_code, quantity_purchased, quantity_defective, description, received_at)
            select 'CC-2026-000001', 'C010', 'B', 'quality', 'email', 'Mono PERC module 550 W', 'B-SHELL',
                'BREAKAGE', 100, 2, 'Two modules with cracked glass.', timestamp '2026-03-02 01:00:00'
            where not exists (select 1 from complaint where complaint_number = 'CC-2026-000001')\
            """)
        .update();
    jdbc.sql(
            """
            insert into corrective_action (eight_d_number, complaint_number, problem_title, raised_at)
            select '8D-2026-0001', 'CC-2026-000001', 'Cracked glass', timestamp '2026-03-02 02:00:00'
            where not exists (select 1 from corrective_action where eight_d_number = '8D-2026-0001')\
            """)
        .update();
    jdbc.sql(
            """
            insert into change_request (change_number, change_type, description, raised_at)
            select 'CR-2026-0001', 'packaging', 'New corner protectors.', timestamp '2026-03-02 03:00:00'
            where not exists (select 1 from change_request where change_number = 'CR-2026-0001')\
            """)
        .update();
    jdbc.sql(
            """
            insert into inbound_mail (id, message_id, kind, status, from_address, from_name, subject, body,
                imported_at, imported_by, customer_code, contact_name)
            select 900001, '<shell@example.com>', 'DRAFT', 'DRAFT', 'buyer@example.com', 'A buyer',
                'Cracked glass', 'Two modules arrived broken.', timestamp '2026-03-02 04:00:00', 'test', 'C010', 'Ms Wang'
            where not exists (select 1 from inbound_mail where id = 900001)\
            """)
        .update();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private MockHttpServletResponse render(String path, String language, boolean signedIn)
      throws Exception {
    return render(path, language, signedIn ? "gm" : null);
  }

  private MockHttpServletResponse render(String path, String language, String user)
      throws Exception {
    var request = get(path).header(HttpHeaders.ACCEPT_LANGUAGE, language);
    if (user != null) {
      request.session(WebTestSupport.signedIn(user));
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private static String body(MockHttpServletResponse response) throws IOException {
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void everyPageOfTheShellIsCoveredHere() {
    Set<String> pages = new TreeSet<>();
    Set<String> posts = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      if (mapping.getValue().getBeanType().isAnnotationPresent(PageController.class)
          && FORM_POSTS.containsAll(mapping.getKey().getPatternValues())) {
        assertThat(mapping.getKey().getMethodsCondition().getMethods())
            .as("the status page's form is posted: %s", mapping.getKey())
            .containsExactly(RequestMethod.POST);
        posts.addAll(mapping.getKey().getPatternValues());
      } else if (mapping.getValue().getBeanType().isAnnotationPresent(PageController.class)) {
        assertThat(mapping.getKey().getMethodsCondition().getMethods())
            .as("pages are read with GET: %s", mapping.getKey())
            .containsExactly(RequestMethod.GET);
        pages.addAll(mapping.getKey().getPatternValues());
      }
    }
    Set<String> known = new TreeSet<>(PAGES.keySet());
    known.addAll(REDIRECTS);
    known.addAll(PUBLIC);
    assertThat(posts).isEqualTo(FORM_POSTS);
    assertThat(pages).isEqualTo(known);
  }

  @Test
  void theCustomersStatusPageRendersWithoutLoginAndWithoutTheStaffShellInBothLanguages()
      throws Exception {
    String token = "A".repeat(43);
    for (String language : List.of("zh", "en")) {
      MockHttpServletResponse response = render("/status/" + token, language, (String) null);
      String page = body(response);
      assertThat(response.getStatus()).isEqualTo(404);
      assertThat(response.getHeader("Content-Security-Policy"))
          .isEqualTo(PageShellConfiguration.CONTENT_SECURITY_POLICY);
      assertThat(page)
          .contains(language.equals("zh") ? "无法显示此状态页面" : "This status page is not available")
          .doesNotContain("??", "shell-nav", "Tasklist", "<script");
    }
  }

  @Test
  void everyPageRendersInChineseAndEnglishWithEveryTextResolved() throws Exception {
    for (Page page : PAGES.values()) {
      Set<String> scriptKeys = scriptTexts(page.script());
      assertThat(scriptKeys).as("texts used by %s", page.script()).isNotEmpty();
      for (String language : List.of("zh-CN,zh;q=0.9", "en-US,en;q=0.9")) {
        boolean chinese = language.startsWith("zh");
        MockHttpServletResponse response = render(page.path(), language, page.user());
        String html = body(response);
        assertThat(response.getStatus()).as("%s in %s", page.path(), language).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(html)
            .as("%s in %s", page.path(), language)
            .doesNotContain("??")
            .contains("<html lang=\"" + (chinese ? "zh" : "en") + "\">")
            .contains("<link rel=\"stylesheet\" href=\"/app/app.css\">")
            .contains("<script src=\"/app/shell.js\"></script>")
            .contains("href=\"/camunda/app/tasklist/\"", "href=\"/camunda/app/cockpit/\"")
            .contains("href=\"/dashboard/\"")
            .contains("<script src=\"/" + page.script().substring("static/".length()) + "\"")
            .contains("id=\"shell-user\"")
            .containsPattern("id=\"shell-user\">[^<]*" + page.user());
        String withoutUser = html.replaceAll("id=\"shell-user\">[^<]*<", "");
        assertThat(CJK.matcher(withoutUser).find())
            .as("%s in %s has Chinese text", page.path(), language)
            .isEqualTo(chinese);

        // the texts of the page's script: all of them, in this language
        Matcher block = TEXT_BLOCK.matcher(html);
        assertThat(block.find()).as("texts block of %s", page.path()).isTrue();
        JsonNode texts = json.readTree(block.group(1));
        for (String key : scriptKeys) {
          assertThat(texts.path(key).asText())
              .as("text %s%s of %s in %s", page.textPrefix(), key, page.script(), language)
              .isNotBlank();
        }
        if (chinese) {
          assertThat(CJK.matcher(texts.toString()).find()).isTrue();
        } else {
          assertThat(CJK.matcher(texts.toString()).find()).isFalse();
        }
      }
    }
  }

  @Test
  void theSecurityHeadersAdmitOnlyTheApplicationsOwnResources() throws Exception {
    for (Page page : PAGES.values()) {
      for (boolean signedIn : List.of(true, false)) {
        MockHttpServletResponse response = render(page.path(), "en", signedIn ? page.user() : null);
        assertThat(response.getHeader("Content-Security-Policy"))
            .contains("default-src 'self'", "script-src 'self';", "frame-ancestors 'self'")
            .doesNotContain("unsafe-eval", "script-src 'self' 'unsafe-inline'");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(body(response))
            .doesNotContain("http://", "https://", "//cdn")
            // no inline script: every <script> has a src or is a JSON data block
            .doesNotContainPattern("<script>")
            .doesNotContainPattern("<script(?![^>]*(src=|type=\"application/json\"))[^>]*>")
            .doesNotContainPattern(" on[a-z]+=\"");
      }
    }
  }

  @Test
  void withoutAWebappLoginThePageShowsHowToSignIn() throws Exception {
    for (Page page : PAGES.values()) {
      String english = body(render(page.path(), "en", false));
      assertThat(english)
          .contains("id=\"sign-in\"", "Please sign in", "<a href=\"/camunda/app/tasklist/\">")
          .doesNotContain("id=\"shell-user\"", "page-texts", page.script().substring(6));
      assertThat(body(render(page.path(), "zh-CN", false))).contains("请先登录", "登录 Tasklist");
    }
  }

  @Test
  void timesAreShownInThePlantsTimeZone() throws Exception {
    // 06:05 UTC is 14:05 in Shanghai
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-16T06:05:00Z")));
    String english = body(render("/dashboard/", "en", true));
    assertThat(english)
        .contains("<body data-zone=\"Asia/Shanghai\" data-language=\"en\">")
        .contains("Times are plant time (Asia/Shanghai). Page as of 2026-03-16 14:05.");
    assertThat(body(render("/dashboard/", "zh", true)))
        .contains("时间均为工厂时间（Asia/Shanghai）。页面生成于 2026-03-16 14:05。");
    // across the date line of the plant: New Year's Eve evening in UTC is New Year in Shanghai
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-31T20:00:00Z")));
    assertThat(body(render("/dashboard/", "en", false))).contains("Page as of 2027-01-01 04:00.");
  }

  @Test
  void anUnknownKindOfRecordHasNoEvidencePage() throws Exception {
    assertThat(render("/evidence/order/CC-2026-000001", "en", true).getStatus()).isEqualTo(404);
    assertThat(render("/dashboard", "en", true).getRedirectedUrl()).isEqualTo("/dashboard/");
  }

  /** The keys a page's script passes to {@code qms.t} / {@code t}. */
  private static Set<String> scriptTexts(String script) throws IOException {
    try (InputStream in = new ClassPathResource(script).getInputStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Set<String> keys = new TreeSet<>();
      Matcher m = SCRIPT_TEXT.matcher(text);
      while (m.find()) {
        keys.add(m.group(1));
      }
      // keys passed indirectly (dashboard: the age buckets and column headings)
      Matcher list = Pattern.compile("'(age[A-Za-z0-9]+|column[A-Za-z]+)'").matcher(text);
      while (list.find()) {
        keys.add(list.group(1));
      }
      // the registers' column headings: qms.t('col.' + key) for the keys of its column lists
      Matcher columns = Pattern.compile("\\['([A-Za-z]+)', r =>").matcher(text);
      while (columns.find()) {
        keys.add("col." + columns.group(1));
      }
      return keys;
    }
  }
}
