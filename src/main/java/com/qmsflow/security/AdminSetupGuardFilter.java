package com.qmsflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the Admin webapp's first-run setup ({@code /camunda/api/admin/setup/**}) as soon as any
 * user exists. Camunda 7.24.0 lets an unauthenticated caller create an administrator there whenever
 * the {@code camunda-admin} group has no direct member (CVE-2026-77226), for example after the
 * administrators were moved into another group. The setup is only meant for an empty user base.
 */
public class AdminSetupGuardFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public AdminSetupGuardFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (anyUserExists()) {
      RestAuthenticationFilter.reject(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "the first-run setup is closed: users exist already; an administrator creates users in"
              + " Admin");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Counts all users, not only those the caller (if any) may read. */
  private boolean anyUserExists() {
    org.camunda.bpm.engine.impl.identity.Authentication caller =
        identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return identityService.createUserQuery().count() > 0;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
