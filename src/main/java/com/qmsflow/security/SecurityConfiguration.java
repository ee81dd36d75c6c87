package com.qmsflow.security;

import com.qmsflow.web.ApiProblems;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/**
 * Who may reach what over HTTP. The webapps ({@code /camunda/**}) keep Camunda's own login, session
 * and CSRF protection; the engine REST API and the project's API need an authenticated user (see
 * {@link RestAuthenticationFilter}); the Admin webapp's first-run setup is closed once a user
 * exists ({@link AdminSetupGuardFilter}). The filters run before Camunda's own filters. The
 * identity service is injected lazily: the web server (and its filters) starts before Flyway and
 * the engine, which must create their tables in that order.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<AdminSetupGuardFilter> adminSetupGuard(
      @Lazy IdentityService identityService) {
    FilterRegistrationBean<AdminSetupGuardFilter> registration =
        new FilterRegistrationBean<>(new AdminSetupGuardFilter(identityService));
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setName("adminSetupGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  VerifiedCredentials verifiedCredentials(
      @Value("${qms.security.verified-credentials-ttl:PT1M}") Duration timeToLive) {
    return new VerifiedCredentials(timeToLive);
  }

  @Bean
  FilterRegistrationBean<RestAuthenticationFilter> engineRestAuthentication(
      @Lazy IdentityService identityService, VerifiedCredentials verifiedCredentials) {
    FilterRegistrationBean<RestAuthenticationFilter> registration =
        new FilterRegistrationBean<>(
            new RestAuthenticationFilter(identityService, verifiedCredentials, false));
    // Prometheus scrapes with HTTP Basic as well
    registration.addUrlPatterns("/engine-rest/*", "/actuator/prometheus");
    registration.setName("engineRestAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RestAuthenticationFilter> apiAuthentication(
      @Lazy IdentityService identityService,
      VerifiedCredentials verifiedCredentials,
      ApiProblems problems) {
    FilterRegistrationBean<RestAuthenticationFilter> registration =
        new FilterRegistrationBean<>(
            new RestAuthenticationFilter(identityService, verifiedCredentials, problems));
    registration.addUrlPatterns("/api/*");
    registration.setName("apiAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Every write must be admitted by {@link WritePolicy}; runs after the authentication above. */
  @Bean
  FilterRegistrationBean<WriteGuardFilter> writeGuard(
      ObjectProvider<IdentityService> identityService,
      ObjectProvider<ProcessEngineConfigurationImpl> engineConfiguration,
      ApiProblems problems) {
    FilterRegistrationBean<WriteGuardFilter> registration =
        new FilterRegistrationBean<>(
            new WriteGuardFilter(identityService, engineConfiguration, problems));
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
    registration.setName("writeGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
