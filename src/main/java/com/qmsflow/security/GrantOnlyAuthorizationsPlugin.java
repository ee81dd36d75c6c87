package com.qmsflow.security;

import com.qmsflow.config.EngineCommands;
import com.qmsflow.web.WebLocale;
import java.lang.reflect.Field;
import java.util.Locale;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Authorizations are grants only. With revoke authorizations possible the engine asks, in every
 * command that checks an authorization, whether any exists for the user or the user's groups
 * ({@code authorizationCheckRevokes=auto}: one {@code select} on {@code ACT_RU_AUTHORIZATION} per
 * command, several per request); the project's permission model grants only ({@code
 * identity/PermissionModel}), so the answer is always "none". This plugin sets {@code
 * authorizationCheckRevokes=never} and keeps it true: saving a revoke authorization (engine REST
 * {@code POST /authorization/create} with type 2, the admin webapp, {@code AuthorizationService})
 * fails with a {@link BadUserRequestException} (REST: 400, the text in the caller's language) and
 * stores nothing. If revoke authorizations exist when the engine starts (written before, or by
 * SQL), they would be ignored: the engine then checks revokes as before ({@code auto}) and the
 * start-up logs a warning. {@code qms.security.grant-only-authorizations=false} restores the
 * engine's behaviour; all nodes of a cluster need the same setting.
 */
@Component
@ConditionalOnProperty(
    name = "qms.security.grant-only-authorizations",
    havingValue = "true",
    matchIfMissing = true)
public class GrantOnlyAuthorizationsPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(GrantOnlyAuthorizationsPlugin.class);
  static final String REFUSED = "security.revoke-authorization.refused";

  private static final Field AUTHORIZATION_OF_COMMAND =
      EngineCommands.field(SaveAuthorizationCmd.class, "authorization");

  private final MessageSource messages;
  private ProcessEngineConfigurationImpl configuration;

  public GrantOnlyAuthorizationsPlugin(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    configuration.setAuthorizationCheckRevokes(
        ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
    EngineCommands.preInterceptors(configuration).add(new Interceptor(messages));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    long revokes =
        engine
            .getAuthorizationService()
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_REVOKE)
            .count();
    if (revokes > 0) {
      configuration.setAuthorizationCheckRevokes(
          ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
      LOG.warn(
          "{} revoke authorizations exist: the engine checks revokes in every command"
              + " (authorizationCheckRevokes=auto) instead of grants only. Delete them (and grant"
              + " less instead) or set qms.security.grant-only-authorizations=false.",
          revokes);
    }
  }

  /** Refuses to save a revoke authorization, new or changed. */
  static final class Interceptor extends CommandInterceptor {

    private final MessageSource messages;

    Interceptor(MessageSource messages) {
      this.messages = messages;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof SaveAuthorizationCmd save) {
        AuthorizationEntity authorization;
        try {
          authorization = (AuthorizationEntity) AUTHORIZATION_OF_COMMAND.get(save);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        if (authorization != null
            && authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
          throw new BadUserRequestException(
              messages.getMessage(REFUSED, null, REFUSED, callerLocale()));
        }
      }
      return next.execute(command);
    }

    /** The language of the HTTP request this command serves; English without one. */
    private static Locale callerLocale() {
      if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web) {
        return WebLocale.of(web.getRequest());
      }
      return WebLocale.ENGLISH;
    }
  }
}
