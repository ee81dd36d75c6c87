package com.qmsflow.database;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the resource type of the grants, so that a user's grants on tasks are read without
 * reading history's grants too (issue 21: Tasklist's "My group's tasks" at 100,000 open tasks), on
 * PostgreSQL.
 *
 * <p>The count of a task list asks for the user's grants on tasks and on process definitions
 * (database/TaskListGrants) and PostgreSQL reads them once into a hash table. Most rows of {@code
 * ACT_RU_AUTHORIZATION} are not such grants: the engine writes a grant on the historic task for
 * every candidate group of every task, kept until history is cleaned up, and they outnumber the
 * grants on open tasks many times over (about 1,050,000 grants at 100,000 open and 10,000 finished
 * complaints in the benchmark). Without an index on the resource type PostgreSQL reads them all for
 * every count. With it, it reads the grants of the two resource types the query names ({@code
 * BitmapOr}): at 100,000 open tasks and 1,000,000 grants the clerk's count took 84-96 ms instead of
 * 223-259 ms (TasklistAtScaleOnPostgresIT, which holds history's grants since).
 *
 * <p>The index is an engine-table object: created after the engine has created or updated its
 * schema (not by Flyway, which runs before the engine's tables exist on a fresh database),
 * idempotently, also when two nodes of a cluster start at once. {@code
 * qms.database.grant-type-index=false} creates none (an existing one stays and may be dropped by
 * hand).
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.grant-type-index",
    havingValue = "true",
    matchIfMissing = true)
public class GrantTypeIndex extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(GrantTypeIndex.class);

  /** The index, in the engine's schema. */
  public static final String NAME = "act_ru_authorization_resource_type";

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    if (exists(jdbc, prefix)) {
      return;
    }
    try {
      jdbc.execute(
          "create index if not exists "
              + NAME
              + " on "
              + prefix
              + "act_ru_authorization (resource_type_)");
    } catch (DataAccessException e) {
      // another node of the cluster created it at the same moment
      if (!exists(jdbc, prefix)) {
        throw e;
      }
    }
    LOG.info(
        "Created the index {} on the grants' resource type for the task lists' counts",
        prefix + NAME);
  }

  /** Whether the index is there, in the engine's schema (the prefix's, else the current one). */
  static boolean exists(JdbcTemplate jdbc, String prefix) {
    String schema = prefix.contains(".") ? prefix.substring(0, prefix.indexOf('.')) : null;
    Integer found =
        jdbc.queryForObject(
            "select count(*) from pg_class where relname = ? and relnamespace = "
                + (schema == null ? "current_schema()::regnamespace" : "?::regnamespace"),
            Integer.class,
            schema == null ? new Object[] {NAME} : new Object[] {NAME, schema});
    return found != null && found > 0;
  }
}
