package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.qmsflow.Application;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The security rules that need no running application, and the production profile's start-up
 * refusal.
 */
class SecurityRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${currentUser()}",
        "${currentUserGroups()}",
        "${now()}",
        "${ dateTime() }",
        "${dateTime().plusDays(2).toDate()}",
        "${dateTime().minusHours(4).withTimeAtStartOfDay().toDate()}"
      })
  void tasklistExpressionsAreSafe(String expression) {
    assertThat(SafeFilterExpressionsPlugin.isSafe(expression)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}",
        "#{currentUser()}",
        "${currentUser()}${''.class}",
        "${execution}",
        "${identityService.createUserQuery()}",
        "${dateTime().plusDays(x)}",
        "${now().getClass()}",
        "${currentUser() ? 'a' : 'b'}",
        "currentUser()",
        ""
      })
  void everythingElseIsNot(String expression) {
    assertThat(SafeFilterExpressionsPlugin.isSafe(expression)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "admin", "Admin", "demo", "camunda", "password", "changeme", "123456"})
  void weakAdministratorPasswordsAreRefused(String password) {
    assertThat(AdminPasswordCheckPlugin.problemWith("admin", password)).isNotNull();
  }

  @Test
  void administratorPasswordMustNotEqualTheIdAndAnIdIsNeeded() {
    assertThat(AdminPasswordCheckPlugin.problemWith("qmsadmin", "QMSADMIN"))
        .contains("equals the user id");
    assertThat(AdminPasswordCheckPlugin.problemWith("", "Strong-Pass-2026!"))
        .contains("no administrator");
    assertThat(AdminPasswordCheckPlugin.problemWith(null, null)).isNotNull();
    assertThat(AdminPasswordCheckPlugin.problemWith("qmsadmin", "Strong-Pass-2026!")).isNull();
  }

  @Test
  void firstRunSetupIsOpenOnlyWhileNoUserExists() throws Exception {
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    AdminSetupGuardFilter guard = new AdminSetupGuardFilter(identity);
    AtomicBoolean passed = new AtomicBoolean();
    FilterChain chain = (request, response) -> passed.set(true);

    when(identity.createUserQuery().count()).thenReturn(0L);
    MockHttpServletResponse open = new MockHttpServletResponse();
    guard.doFilter(
        new MockHttpServletRequest("POST", "/camunda/api/admin/setup/default/user/create"),
        open,
        chain);
    assertThat(passed).isTrue();
    assertThat(open.getStatus()).isEqualTo(200);

    passed.set(false);
    when(identity.createUserQuery().count()).thenReturn(1L);
    MockHttpServletResponse closed = new MockHttpServletResponse();
    guard.doFilter(
        new MockHttpServletRequest("POST", "/camunda/api/admin/setup/default/user/create"),
        closed,
        chain);
    assertThat(passed).isFalse();
    assertThat(closed.getStatus()).isEqualTo(403);
  }

  @Test
  void productionProfileRefusesToStartWithTheDefaultAdministratorPassword() {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(Application.class).profiles("postgres");
    // command-line arguments, as an operator would pass them, override the profile's ${QMS_*}
    String[] args = {
      "--spring.datasource.url=jdbc:h2:mem:weak-admin;DB_CLOSE_DELAY=-1",
      "--spring.datasource.username=sa",
      "--spring.datasource.password=",
      "--server.port=0",
      "--camunda.bpm.admin-user.id=qmsadmin",
      "--camunda.bpm.admin-user.password=admin",
      "--camunda.bpm.job-execution.enabled=false"
    };
    assertThatThrownBy(() -> app.run(args))
        .hasStackTraceContaining(
            "Refusing to start: the administrator password is a well-known default");
  }
}
