package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.security.AuthorizationGroupsPlugin.UserGroupsAuthorizationManager;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;

class AuthorizationGroupsPluginTest {

  @Test
  void replacesTheEnginesAuthorizationManagerAndKeepsOtherCustomSessions() {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    SessionFactory other =
        new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return String.class;
          }

          @Override
          public org.camunda.bpm.engine.impl.interceptor.Session openSession() {
            return null;
          }
        };
    configuration.setCustomSessionFactories(List.of(other));

    new AuthorizationGroupsPlugin().preInit(configuration);

    assertThat(configuration.getCustomSessionFactories()).hasSize(2).contains(other);
    SessionFactory factory = configuration.getCustomSessionFactories().get(1);
    assertThat(factory.getSessionType()).isEqualTo(AuthorizationManager.class);
    assertThat(factory.openSession()).isInstanceOf(UserGroupsAuthorizationManager.class);
  }

  @Test
  void checksWithEveryGroupOfTheUserWithoutReadingTheAuthorizationTable() {
    UserGroupsAuthorizationManager manager = new UserGroupsAuthorizationManager();

    // no command context: reading ACT_RU_AUTHORIZATION would fail here
    assertThat(
            manager.filterAuthenticatedGroupIds(List.of("sales", "group-without-grants", "sales")))
        .containsExactly("sales", "group-without-grants");
    assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();
    assertThat(manager.filterAuthenticatedGroupIds(null)).isEmpty();
  }
}
