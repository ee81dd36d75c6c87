package com.qmsflow.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Authorization checks with the user's own groups. Before its first check in every command the
 * engine narrows the user's groups to those that have at least one authorization, with {@code
 * SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}: a scan of the whole table per request.
 * That table grows with history here: with {@code enableHistoricInstancePermissions} (contract
 * changes are visible per instance) the engine keeps a HISTORIC_TASK grant for the candidate group
 * of every task until history cleanup removes the instance, about 12 rows per complaint, so the
 * scan is what made every request slower as complaints accumulated: with 20,000 open and 200,000
 * finished complaints (3 million authorizations) it took 180 ms, several times per request
 * (docs/performance.md).
 *
 * <p>A group without any authorization matches no row in a check, so leaving it in changes no
 * result; users belong to a handful of groups, so the lists in the checks stay short. {@code
 * qms.security.check-with-all-user-groups=false} restores the engine's behaviour.
 */
@Component
@ConditionalOnProperty(
    name = "qms.security.check-with-all-user-groups",
    havingValue = "true",
    matchIfMissing = true)
public class AuthorizationGroupsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    // custom factories replace the engine's factory of the same session type
    factories.add(
        new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return AuthorizationManager.class;
          }

          @Override
          public Session openSession() {
            return new UserGroupsAuthorizationManager();
          }
        });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's authorization manager, checking with every group of the user. */
  static class UserGroupsAuthorizationManager extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return new ArrayList<>();
      }
      return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
  }
}
