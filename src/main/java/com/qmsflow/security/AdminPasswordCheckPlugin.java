package com.qmsflow.security;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Production ({@code postgres} profile) refuses to start with an administrator whose password is
 * missing, equals the user id or is a well-known default, before the engine is built and the
 * starter creates that user. The engine's password policy (enabled in the same profile) then
 * applies to every password set later, in Admin or over REST.
 */
@Component
@Profile("postgres")
public class AdminPasswordCheckPlugin extends AbstractProcessEnginePlugin {

  static final Set<String> WELL_KNOWN =
      Set.of(
          "admin",
          "administrator",
          "demo",
          "camunda",
          "password",
          "passw0rd",
          "secret",
          "changeme",
          "change-me",
          "123456",
          "12345678",
          "123456789",
          "qwerty",
          "letmein",
          "welcome",
          "root",
          "toor",
          "test",
          "default");

  private final String adminId;
  private final String adminPassword;

  public AdminPasswordCheckPlugin(
      @Value("${camunda.bpm.admin-user.id:}") String adminId,
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword) {
    this.adminId = adminId;
    this.adminPassword = adminPassword;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String problem = problemWith(adminId, adminPassword);
    if (problem != null) {
      throw new IllegalStateException(
          "Refusing to start: "
              + problem
              + ". Set QMS_ADMIN_USER and QMS_ADMIN_PASSWORD (see docs/operations.md,"
              + " 'Production on PostgreSQL').");
    }
  }

  /** What is wrong with this administrator, or {@code null}. */
  static String problemWith(String id, String password) {
    if (id == null || id.isBlank()) {
      return "no administrator user id is configured";
    }
    if (password == null || password.isBlank()) {
      return "the administrator password is missing";
    }
    if (password.equalsIgnoreCase(id)) {
      return "the administrator password equals the user id";
    }
    if (WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT))) {
      return "the administrator password is a well-known default";
    }
    return null;
  }
}
