package com.qmsflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The requests of Camunda's REST APIs ({@code /engine-rest/**}, and {@code /camunda/api/**} that
 * Tasklist, Cockpit and Admin call) run with {@link ServiceLookups} as their thread's context class
 * loader, so that the process engine look-up of each REST resource is read from memory. {@code
 * qms.web.cached-service-lookups=false} leaves the thread's class loader as it is.
 */
@Configuration
@ConditionalOnProperty(
    name = "qms.web.cached-service-lookups",
    havingValue = "true",
    matchIfMissing = true)
public class CachedServiceLookups {

  @Bean
  FilterRegistrationBean<ServiceLookupsFilter> serviceLookupsFilter() {
    FilterRegistrationBean<ServiceLookupsFilter> registration =
        new FilterRegistrationBean<>(new ServiceLookupsFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  static class ServiceLookupsFilter extends OncePerRequestFilter {

    private volatile ServiceLookups lookups;

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(lookupsFor(before));
      try {
        chain.doFilter(request, response);
      } finally {
        thread.setContextClassLoader(before);
      }
    }

    /** One for the application's class loader (the server threads' context class loader). */
    ClassLoader lookupsFor(ClassLoader application) {
      if (application == null || application instanceof ServiceLookups) {
        return application;
      }
      ServiceLookups current = lookups;
      if (current == null || current.application() != application) {
        current = new ServiceLookups(application);
        lookups = current;
      }
      return current;
    }
  }
}
