package com.qmsflow.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
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
 * One page of a group's task list is read in the list's order and stops at its last row, instead of
 * sorting all the group's tasks for it (issue 21: Tasklist's "My group's tasks" at 100,000 open
 * tasks), on PostgreSQL.
 *
 * <p>The engine asks for a page of a group's tasks as {@code select distinct} over the 23 columns
 * of a task, joined with the task's candidate links and the user's grants, {@code order by ...
 * LIMIT ? OFFSET ?}. The {@code distinct} is needed (a task has a row per matching link and grant),
 * and PostgreSQL (up to 15) can only make rows distinct after sorting all of them: at 100,000 open
 * tasks the clerk's 25,000 were read, joined and sorted for the 15 of the first page, 160-250 ms
 * (TasklistAtScaleOnPostgresIT, the benchmark).
 *
 * <p>Here the same page is asked as {@code select <the columns> from ACT_RU_TASK RES where RES.ID_
 * IN (select RES.ID_ <the engine's joins and conditions>) order by ... LIMIT ? OFFSET ?}: the tasks
 * are the same (those the engine's joins and conditions let through, each once), in the same order,
 * with the same parameters in the same order. PostgreSQL can now walk an index in the list's order
 * and test task by task whether it belongs to the page, until the page is full; for a group with
 * few tasks it still finds them first and sorts them. The indexes are those of the shared filters'
 * orders (tasklist/TasklistFilters; Tasklist adds "created, descending"), created after the engine
 * has created its tables, idempotently: {@link #INDEXES}.
 *
 * <p>Only the engine's task list statement ({@code selectTaskByQueryCriteria}) is changed, only
 * when its text is exactly what the engine writes for PostgreSQL for a page of a candidate-group
 * query: the task's own columns, {@code select distinct}, the join of the candidate links, an order
 * over the task's own columns, {@code LIMIT ? OFFSET ?}. Any other text (an order by a variable, a
 * case-insensitive name, another engine version) runs as the engine wrote it. {@code
 * qms.database.task-list-page=false} keeps the engine's statement and creates no index.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.task-list-page",
    havingValue = "true",
    matchIfMissing = true)
public class TaskListPage extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskListPage.class);

  /** The statement rewritten: the engine's task list, by the end of its id. */
  static final String LIST = ".selectTaskByQueryCriteria";

  /**
   * The indexes in the orders of the shared filters: name and columns. "My group's tasks" and
   * "Assigned to me" (priority, due date), "Overdue" (due date, priority), each followed by
   * Tasklist's "created, descending".
   */
  static final Map<String, String> INDEXES =
      Map.of(
          "act_ru_task_priority_due",
          "priority_ desc, due_date_, create_time_ desc",
          "act_ru_task_due_priority",
          "due_date_, priority_ desc, create_time_ desc");

  /**
   * The engine's paged list of tasks as it writes it for PostgreSQL (Task.xml): group 1 the task's
   * columns, group 2 the table with its prefix, group 3 the joins and conditions, group 4 the order
   * and the page.
   */
  static final Pattern PAGE =
      Pattern.compile(
          "^\\s*select\\s+distinct\\s+(RES\\.\\w+(?:\\s*,\\s*RES\\.\\w+)*)\\s+from\\s+(\\S*ACT_RU_TASK)"
              + "\\s+RES\\s(.*?)\\s(order\\s+by\\s+RES\\.\\w+\\s+(?:asc|desc)(?:\\s*,\\s*RES\\.\\w+\\s+(?:asc|desc))*"
              + "\\s+LIMIT\\s+\\?\\s+OFFSET\\s+\\?)\\s*$",
          Pattern.DOTALL);

  /** The join of the task's candidate links. */
  static final Pattern CANDIDATE_LINKS =
      Pattern.compile(
          "\\sjoin\\s+\\S*ACT_RU_IDENTITYLINK\\s+I\\s+on\\s+I\\.TASK_ID_\\s*=\\s*RES\\.ID_\\s");

  /** An order or a page inside the joins and conditions: not the text this class knows. */
  static final Pattern SECOND_ORDER =
      Pattern.compile("order\\s+by|LIMIT", Pattern.CASE_INSENSITIVE);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    if ("postgres".equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    INDEXES.forEach(
        (name, columns) -> {
          try {
            jdbc.execute(
                "create index if not exists "
                    + name
                    + " on "
                    + prefix
                    + "act_ru_task ("
                    + columns
                    + ")");
          } catch (DataAccessException e) {
            // another node of the cluster created it at the same moment
            if (!exists(jdbc, prefix, name)) {
              throw e;
            }
          }
        });
    LOG.info("Task list pages read in order through {}", INDEXES.keySet());
  }

  private static boolean exists(JdbcTemplate jdbc, String prefix, String name) {
    String schema = prefix.contains(".") ? prefix.substring(0, prefix.indexOf('.')) : null;
    Integer found =
        jdbc.queryForObject(
            "select count(*) from pg_class where relname = ? and relnamespace = "
                + (schema == null ? "current_schema()::regnamespace" : "?::regnamespace"),
            Integer.class,
            schema == null ? new Object[] {name} : new Object[] {name, schema});
    return found != null && found > 0;
  }

  /**
   * The page's text with the tasks asked for by {@code IN}, or null where it is not the engine's.
   */
  static String rewritten(String sql) {
    Matcher page = PAGE.matcher(sql);
    if (!page.matches()) {
      return null;
    }
    String body = page.group(3);
    if (!CANDIDATE_LINKS.matcher(" " + body + " ").find() || SECOND_ORDER.matcher(body).find()) {
      return null;
    }
    String table = page.group(2);
    return "select "
        + page.group(1)
        + " from "
        + table
        + " RES WHERE RES.ID_ IN (select RES.ID_ from "
        + table
        + " RES "
        + body
        + ") "
        + page.group(4);
  }

  /** Runs the engine's task page with the tasks asked for by {@code IN}. */
  @Intercepts(
      @Signature(
          type = Executor.class,
          method = "query",
          args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class Rewrite implements Interceptor {

    /** Parallel workers off for the page: starting them took 50-70 ms, the page 1 ms. */
    static final String SERIAL = "set local max_parallel_workers_per_gather = 0";

    /** Back to the server's (or the role's) setting for the rest of the transaction. */
    static final String PARALLEL = "set local max_parallel_workers_per_gather to default";

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
      // every query of the engine passes here: a look at the id's end, nothing allocated
      if (!statement.getId().endsWith(LIST)) {
        return invocation.proceed();
      }
      Object parameter = invocation.getArgs()[1];
      BoundSql bound = statement.getBoundSql(parameter);
      String sql = rewritten(bound.getSql());
      if (sql != null) {
        BoundSql changed =
            new BoundSql(
                statement.getConfiguration(), sql, bound.getParameterMappings(), parameter);
        bound.getAdditionalParameters().forEach(changed::setAdditionalParameter);
        bound = changed;
      }
      // the statement built once: what Executor.query(4 arguments) does with it, with this text
      Executor executor = (Executor) invocation.getTarget();
      RowBounds rows = (RowBounds) invocation.getArgs()[2];
      CacheKey key = executor.createCacheKey(statement, parameter, rows, bound);
      ResultHandler<?> handler = (ResultHandler<?>) invocation.getArgs()[3];
      if (sql == null) {
        return executor.query(statement, parameter, rows, handler, key, bound);
      }
      Connection connection = executor.getTransaction().getConnection();
      execute(connection, SERIAL);
      // a failed statement ends PostgreSQL's transaction, and with it the setting
      Object page = executor.query(statement, parameter, rows, handler, key, bound);
      execute(connection, PARALLEL);
      return page;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
      try (Statement setting = connection.createStatement()) {
        setting.execute(sql);
      }
    }
  }
}
