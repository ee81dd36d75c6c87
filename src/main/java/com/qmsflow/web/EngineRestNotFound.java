package com.qmsflow.web;

import com.qmsflow.operations.CommandFailureLogging;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API answers a request for something that no longer exists (the variables of an
 * ended instance, a completed task) with 500 and logs it as an error: the engine reports it as a
 * {@code NullValueException}, which Camunda's mappers take for a server failure. These two mappers
 * answer 404 with Camunda's error body instead (Jersey prefers them by priority and asks {@link
 * ExtendedExceptionMapper#isMappable} first; everything else stays with Camunda's mappers).
 */
@Configuration
public class EngineRestNotFound {

  @Bean
  ResourceConfigCustomizer engineRestNotFoundMappers() {
    return config ->
        config.register(MissingRecordMapper.class).register(MissingRecordRestMapper.class);
  }

  static Response notFound(Throwable e) {
    Throwable cause = e instanceof RestException && e.getCause() != null ? e.getCause() : e;
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "NotFoundException", "message", String.valueOf(cause.getMessage())))
        .build();
  }

  /** Thrown by the engine straight through a resource. */
  @Priority(110)
  public static class MissingRecordMapper
      implements ExtendedExceptionMapper<ProcessEngineException> {

    @Override
    public boolean isMappable(ProcessEngineException e) {
      return CommandFailureLogging.isMissingRecord(e);
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return notFound(e);
    }
  }

  /**
   * Wrapped by a resource as a 500 {@code InvalidRequestException} ("Cannot get … variables: …").
   */
  @Priority(110)
  public static class MissingRecordRestMapper implements ExtendedExceptionMapper<RestException> {

    @Override
    public boolean isMappable(RestException e) {
      return (e.getStatus() == null || e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR)
          && e.getCause() != null
          && CommandFailureLogging.isMissingRecord(e.getCause());
    }

    @Override
    public Response toResponse(RestException e) {
      return notFound(e);
    }
  }
}
