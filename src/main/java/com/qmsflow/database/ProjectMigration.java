package com.qmsflow.database;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway Java migration of the project's tables: its version, description and fixed checksum, run
 * in a transaction. Spring Boot hands every {@link JavaMigration} bean to Flyway whatever {@code
 * spring.flyway.locations} says, so a migration written in Java (portable SQL built once for the
 * migration and the code that keeps the data later) has the same version history on H2 and
 * PostgreSQL. The checksum is a constant: change it only with the migration's statements.
 */
public abstract class ProjectMigration implements JavaMigration {

  private final String version;
  private final String description;
  private final int checksum;

  protected ProjectMigration(String version, String description, int checksum) {
    this.version = version;
    this.description = description;
    this.checksum = checksum;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public Integer getChecksum() {
    return checksum;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }
}
