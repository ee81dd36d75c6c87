package com.qmsflow.web;

import jakarta.annotation.Priority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * While the database is unreachable, {@code /api/**} and {@code /engine-rest/**} answer {@code 503
 * Service Unavailable} with {@code Retry-After} and {@code {"error":"database unavailable, retry
 * later"}} instead of a 500 with a stack trace: the request changed nothing and may be sent again.
 * How long a request waits for a connection before that answer is the pool's {@code
 * connectionTimeout} (postgres profile: 5 s).
 *
 * <ul>
 *   <li>The project's controllers: a handler exception resolver consulted before the
 *       {@code @ExceptionHandler}s, so that no catch-all handler can turn it into a 500.
 *   <li>Everything before the controllers (authentication against Camunda identity also needs the
 *       database) lets the exception out of the servlet: a filter ahead of all others turns it into
 *       the 503.
 *   <li>The engine REST API (Jersey) maps every exception itself ({@code ProcessEngineException}
 *       and {@code Throwable} to 500), so an exception never reaches a filter: two exception
 *       mappers for the same types with a better priority answer 503 when the cause is the database
 *       and otherwise leave the exception to Camunda's own mappers ({@link
 *       ExtendedExceptionMapper#isMappable}).
 * </ul>
 */
@Configuration
public class DatabaseUnavailableHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

  @Bean
  FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
    FilterRegistrationBean<DatabaseUnavailableFilter> registration =
        new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  DatabaseUnavailableResolver databaseUnavailableResolver() {
    return new DatabaseUnavailableResolver();
  }

  @Bean
  ResourceConfigCustomizer databaseUnavailableExceptionMappers() {
    return config ->
        config
            .register(ProcessEngineExceptionMapper.class)
            .register(RestExceptionMapper.class)
            .register(AnyExceptionMapper.class);
  }

  static class DatabaseUnavailableFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        chain.doFilter(request, response);
      } catch (ServletException | IOException | RuntimeException e) {
        if (!DatabaseUnavailable.isCauseOf(e) || response.isCommitted()) {
          throw e;
        }
        LOG.warn(
            "{} {}: database unavailable, answered 503: {}",
            request.getMethod(),
            request.getRequestURI(),
            e.toString());
        writeServiceUnavailable(response);
      }
    }
  }

  /**
   * Ahead of Spring MVC's {@code @ExceptionHandler} resolution (order 0); declines (null) every
   * exception that is not about the database, which then gets its usual handling.
   */
  static class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(
        HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
      if (!DatabaseUnavailable.isCauseOf(e) || response.isCommitted()) {
        return null;
      }
      LOG.warn(
          "{} {}: database unavailable, answered 503: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      try {
        writeServiceUnavailable(response);
      } catch (IOException writeFailed) {
        return null;
      }
      return new ModelAndView();
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE + 1;
    }
  }

  private static void writeServiceUnavailable(HttpServletResponse response) throws IOException {
    response.resetBuffer();
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(
        HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(DatabaseUnavailable.json());
    response.flushBuffer();
  }

  private static Response serviceUnavailable(Throwable e) {
    LOG.warn("engine REST: database unavailable, answered 503: {}", e.toString());
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
        .type(MediaType.APPLICATION_JSON_VALUE)
        .entity(DatabaseUnavailable.json())
        .build();
  }

  /**
   * Same exception type as Camunda's {@code ProcessEngineExceptionHandler}; Jersey prefers the
   * lower priority value among mappers of equal type distance, and skips this one when {@link
   * #isMappable} says no.
   */
  @Priority(100)
  public static class ProcessEngineExceptionMapper
      implements ExtendedExceptionMapper<ProcessEngineException> {

    @Override
    public boolean isMappable(ProcessEngineException e) {
      return DatabaseUnavailable.isCauseOf(e);
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return serviceUnavailable(e);
    }
  }

  /**
   * For an engine failure that a REST resource caught inside its command and wrapped in a {@code
   * RestException} of its own (a submit-form whose connection broke in the middle of it).
   */
  @Priority(100)
  public static class RestExceptionMapper implements ExtendedExceptionMapper<RestException> {

    @Override
    public boolean isMappable(RestException e) {
      return DatabaseUnavailable.isCauseOf(e);
    }

    @Override
    public Response toResponse(RestException e) {
      return serviceUnavailable(e);
    }
  }

  /**
   * For Spring's transaction and data access exceptions, which Camunda maps as {@code Throwable}.
   */
  @Priority(100)
  public static class AnyExceptionMapper implements ExtendedExceptionMapper<Throwable> {

    @Override
    public boolean isMappable(Throwable e) {
      return DatabaseUnavailable.isCauseOf(e);
    }

    @Override
    public Response toResponse(Throwable e) {
      return serviceUnavailable(e);
    }
  }
}
