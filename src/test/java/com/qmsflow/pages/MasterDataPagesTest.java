package com.qmsflow.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.qmsflow.web.WebTestSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who opens which master-data page and what the page offers them: the same groups as the API
 * (customer/CustomerAccess, security/WritePolicy); a refused user gets the shell's 403 page in
 * their language, and the navigation shows only what the user may open. (PageShellTest renders
 * every page in both languages.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:page-shell-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class MasterDataPagesTest {

  @Autowired MockMvc mvc;

  private MockHttpServletResponse page(String path, String user, String language) throws Exception {
    return mvc.perform(
            get(path)
                .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .session(WebTestSupport.signedIn(user)))
        .andReturn()
        .getResponse();
  }

  private static String html(MockHttpServletResponse response) throws Exception {
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theCustomerPagesAreForTheArchivesReadersOnly() throws Exception {
    for (String reader : new String[] {"clerk", "sales", "salesmanager", "quality", "gm"}) {
      MockHttpServletResponse list = page("/customers/", reader, "en");
      assertThat(list.getStatus()).as(reader).isEqualTo(200);
      assertThat(html(list)).contains("id=\"customers\"", "/app/pages/customers.js");
      assertThat(page("/customers/C003", reader, "en").getStatus()).as(reader).isEqualTo(200);
    }
    for (String other : new String[] {"engineer", "production", "affairs"}) {
      MockHttpServletResponse refused = page("/customers/C003", other, "en");
      assertThat(refused.getStatus()).as(other).isEqualTo(403);
      assertThat(html(refused))
          .contains("id=\"forbidden\"", "Your user " + other + " may not open this page")
          .contains("customer-service")
          .doesNotContain("/app/pages/customer.js", "data-code");
      assertThat(html(page("/customers/", other, "zh-CN"))).contains("用户 " + other + " 不能打开此页面");
    }
  }

  @Test
  void editingIsOfferedToTheEditorsAndRevenueEditingToSalesManagementOnly() throws Exception {
    assertThat(html(page("/customers/C003", "clerk", "en")))
        .contains(
            "data-may-edit=\"true\"", "data-may-edit-revenue=\"false\"", "id=\"contact-form\"")
        .doesNotContain("id=\"revenue-form\"");
    // the sales rep: shown to every reader, edited by the editors, labelled in their language
    assertThat(html(page("/customers/C003", "clerk", "zh-CN")))
        .contains("id=\"m-salesRep\"", "id=\"f-salesRep\"", "销售代表", "业务组（sales）成员的用户名")
        // picked from the users of the group sales (the clerk may not read users: looked up for it)
        .contains("<datalist id=\"sales-reps\">", "value=\"sales\">Sam Sales (sales)</option>")
        .doesNotContain("value=\"clerk\"");
    assertThat(html(page("/customers/C003", "quality", "en")))
        .contains("id=\"m-salesRep\"", "Sales rep")
        .doesNotContain("id=\"f-salesRep\"");
    assertThat(html(page("/customers/C003", "salesmanager", "en")))
        .contains(
            "data-may-edit=\"true\"", "data-may-edit-revenue=\"true\"", "id=\"revenue-form\"");
    assertThat(html(page("/customers/C003", "quality", "en")))
        .contains("data-may-edit=\"false\"")
        .doesNotContain("id=\"contact-form\"", "id=\"master-form\"", "id=\"new-customer\"");
    assertThat(html(page("/customers/", "quality", "en"))).doesNotContain("id=\"new-customer\"");
    assertThat(html(page("/customers/", "clerk", "en"))).contains("id=\"new-customer\"");
  }

  @Test
  void importIsOfferedToItsEditorsTheRevenueFileToSalesManagementAndExportToEveryReader()
      throws Exception {
    // customer service imports the customer file, not revenue; it exports customers, not revenue
    assertThat(html(page("/customers/", "clerk", "en")))
        .contains(
            "id=\"import-form\"",
            "value=\"customers\"",
            "/api/customer-import/templates/customers?format=xlsx",
            "/api/customer-export/customers?format=csv")
        .doesNotContain("value=\"revenue\"", "/api/customer-export/revenue");
    assertThat(html(page("/customers/", "salesmanager", "zh-CN")))
        .contains(
            "id=\"import-form\"",
            "value=\"revenue\"",
            "/api/customer-export/revenue?format=xlsx",
            "从 ERP 导入",
            "检查");
    // the general manager reads revenue but imports nothing
    assertThat(html(page("/customers/", "gm", "en")))
        .contains("/api/customer-export/revenue?format=xlsx")
        .doesNotContain("id=\"import-form\"");
    assertThat(html(page("/customers/", "quality", "en")))
        .contains("/api/customer-export/customers?format=xlsx")
        .doesNotContain("id=\"import-form\"", "/api/customer-export/revenue");
  }

  @Test
  void theRegistrationIsForCustomerServiceAndTheNavigationShowsWhatOneMayOpen() throws Exception {
    MockHttpServletResponse clerk = page("/complaints/new", "clerk", "en");
    assertThat(clerk.getStatus()).isEqualTo(200);
    assertThat(html(clerk))
        .contains("href=\"/complaints/new\"", "href=\"/customers/\"", "href=\"/defect-codes/\"")
        .contains("href=\"/calendar/\"");
    assertThat(page("/complaints/new", "quality", "en").getStatus()).isEqualTo(403);
    // quality reads customers but does not register complaints
    assertThat(html(page("/customers/", "quality", "en")))
        .contains("href=\"/customers/\"")
        .doesNotContain("href=\"/complaints/new\"");
    // engineering sees neither
    assertThat(html(page("/defect-codes/", "engineer", "en")))
        .doesNotContain("href=\"/customers/\"", "href=\"/complaints/new\"");
  }

  @Test
  void theCatalogAndTheCalendarAreReadByEveryoneAndEditedByTheirOwners() throws Exception {
    assertThat(html(page("/defect-codes/", "qualitymanager", "en")))
        .contains("data-may-edit=\"true\"", "id=\"code-form\"", "id=\"changes\"");
    assertThat(html(page("/defect-codes/", "clerk", "en")))
        .contains("data-may-edit=\"false\"")
        .doesNotContain("id=\"code-form\"", "id=\"changes\"");
    assertThat(html(page("/calendar/", "admin", "en")))
        .contains("data-may-edit=\"true\"", "id=\"day-form\"", "id=\"changes\"");
    MockHttpServletResponse engineer = page("/calendar/", "engineer", "zh-CN");
    assertThat(engineer.getStatus()).isEqualTo(200);
    assertThat(html(engineer))
        .contains("data-may-edit=\"false\"", "日历由管理员维护")
        .doesNotContain("id=\"day-form\"");
  }
}
