package com.qmsflow.database;

import com.qmsflow.config.EngineCommands;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Statistics that let PostgreSQL plan the engine's authorized queries (issue 21: Tasklist's "My
 * group's tasks" at 100,000 open tasks). Every query a user runs through the engine (Tasklist's
 * filters, the REST task and instance lists) joins the grants of {@code ACT_RU_AUTHORIZATION} that
 * carry a permission bit, {@code PERMS_ & 2 = 2}; PostgreSQL has no statistics on such an
 * expression and guesses 0.5 % of the rows. The task grants the engine writes for every candidate
 * group are most of the table, so at 100,000 open tasks it expected about 130 grants of the clerk's
 * group where there are 25,000, compared every task with every grant and counted the list in 60 s
 * ({@code TasklistAtScaleOnPostgresIT}). With statistics on the permission bits the queries use
 * (read; read the tasks, instances and history of a process definition) it looks up each task's
 * grants through the index on {@code RESOURCE_ID_}: under a second.
 *
 * <p>The statistics are an engine-table object: created after the engine has created or updated its
 * schema (not by Flyway, which runs before the engine's tables exist on a fresh database),
 * idempotently, on PostgreSQL 14 or later only (earlier versions keep no statistics on expressions:
 * a warning), and filled once ({@code analyze}); autovacuum keeps them current. They need custom
 * plans: a prepared statement's generic plan sees {@code PERMS_ & $3 = $4} and guesses again, which
 * is why a user's broad task lists are planned with their values ({@link
 * CustomPlansForTaskQueries}). {@code qms.database.authorization-statistics=false} leaves the
 * schema as the engine made it.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.authorization-statistics",
    havingValue = "true",
    matchIfMissing = true)
public class AuthorizationStatistics extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  /** The statistics object, in the engine's schema. */
  static final String NAME = "act_ru_authorization_perms";

  /** The permission bits the engine's authorized queries test. */
  static final List<Integer> BITS =
      List.of(
          Permissions.READ.getValue(),
          ProcessDefinitionPermissions.READ_TASK.getValue(),
          ProcessDefinitionPermissions.READ_INSTANCE.getValue(),
          ProcessDefinitionPermissions.READ_HISTORY.getValue());

  /** Statistics on expressions: PostgreSQL 14 ({@code server_version_num}). */
  static final int EXPRESSION_STATISTICS_SINCE = 140000;

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    EngineCommands.postInterceptors(configuration).add(new CustomPlansForTaskQueries());
  }

  /**
   * Plans the statements of a user's task query or task filter with their values ({@code set local
   * plan_cache_mode = force_custom_plan}, until the command's transaction ends), on PostgreSQL.
   */
  static final class CustomPlansForTaskQueries extends CommandInterceptor {

    static final String SET = "set local plan_cache_mode = force_custom_plan";

    /**
     * A list over many tasks (a group's, everyone's), not the tasks of one process instance or
     * business key or one task, where any plan is fast: planning those with their values too cost
     * 90 ms per complaint in the lifecycle, whose clients look up each complaint's tasks.
     */
    static boolean broad(TaskQueryImpl query) {
      return query.getProcessInstanceId() == null
          && query.getProcessInstanceBusinessKey() == null
          && query.getTaskId() == null;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof AbstractExecuteFilterCmd
          || command instanceof TaskQueryImpl query && broad(query)) {
        CommandContext context = Context.getCommandContext();
        if (context != null
            && context.isAuthorizationCheckEnabled()
            && context.getAuthenticatedUserId() != null
            && "postgres".equals(context.getProcessEngineConfiguration().getDatabaseType())) {
          try (Statement statement =
              context.getDbSqlSession().getSqlSession().getConnection().createStatement()) {
            statement.execute(SET);
          } catch (SQLException e) {
            throw new ProcessEngineException("Could not plan the task query with its values", e);
          }
        }
      }
      return next.execute(command);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    Integer version = jdbc.queryForObject("show server_version_num", Integer.class);
    if (version == null || version < EXPRESSION_STATISTICS_SINCE) {
      LOG.warn(
          "PostgreSQL {} keeps no statistics on expressions (14 and later do): the engine's"
              + " authorized task and instance lists may be planned badly at scale"
              + " (docs/performance.md, Tasklist group list)",
          version);
      return;
    }
    String table = prefix + "act_ru_authorization";
    if (EngineSchema.has(jdbc, prefix, EngineSchema.Catalog.STATISTICS, NAME)) {
      return;
    }
    jdbc.execute(
        "create statistics if not exists "
            + prefix
            + NAME
            + " on "
            + BITS.stream().map(bit -> "(perms_ & " + bit + ")").collect(Collectors.joining(", "))
            + " from "
            + table);
    jdbc.execute("analyze " + table);
    LOG.info(
        "Created the statistics {} on the permission bits of {} for the authorized queries' plans",
        prefix + NAME,
        table);
  }
}
