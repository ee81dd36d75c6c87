package com.qmsflow.database;

import java.util.ArrayList;
import java.util.List;
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
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A page of a task list sorts only what decides the page, on PostgreSQL (issue 21: Tasklist's "My
 * group's tasks" at 100,000 open tasks).
 *
 * <p>The engine asks for a page as {@code select distinct} over the 23 columns of a task (its
 * candidate links and the user's grants joined), {@code order by ... LIMIT ? OFFSET ?}. The {@code
 * distinct} is needed (a task has a row per matching link and grant), and PostgreSQL makes rows
 * distinct by sorting all of them with all their columns: for the clerk's 25,000 tasks about 8 MB
 * sorted on disk for the 15 rows of a page.
 *
 * <p>Here the page is chosen from the task's id, revision and the columns of the order only: {@code
 * select <the columns> from ACT_RU_TASK RES join (select distinct RES.REV_, RES.ID_, <the order's
 * columns> <the engine's joins and conditions> <the engine's order, LIMIT ? OFFSET ?>) PAGE on
 * PAGE.ID_ = RES.ID_ order by <the engine's order>, RES.REV_, RES.ID_}. The tasks are the same and
 * in the same order: the engine's {@code distinct} sorts by the order, then by the revision and the
 * id (the first of its columns; the id is unique), and so does the page here; the outer order
 * repeats that for the page's rows. The parameters are the same, in the same places. This is the
 * plan PostgreSQL chose for the engine's statement (no index serves these orders), with narrow
 * rows; no index is walked in the list's order, which was fast on average and slow for a group
 * whose tasks sit at the order's end (docs/performance.md, "A page read in the list's order").
 *
 * <p>Only the engine's task list ({@code selectTaskByQueryCriteria}) over many tasks is changed
 * (not the tasks of one process instance, business key or task), and only when its text is exactly
 * what the engine writes for PostgreSQL: the task's own columns with {@code select distinct}, an
 * order over the task's own columns, {@code LIMIT ? OFFSET ?}. Any other text (an order by a
 * variable, a list without a page, another engine version) runs as the engine wrote it. {@code
 * qms.database.task-list-page=false} keeps the engine's statement.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.task-list-page",
    havingValue = "true",
    matchIfMissing = true)
public class TaskListPage extends AbstractProcessEnginePlugin {

  /** The statement rewritten: the engine's task list, by the end of its id. */
  static final String LIST = ".selectTaskByQueryCriteria";

  /**
   * The engine's paged list of tasks as it writes it for PostgreSQL (Task.xml): group 1 the task's
   * columns, group 2 the table with its prefix, group 3 the joins and conditions, group 4 the
   * order, group 5 the page.
   */
  static final Pattern PAGE =
      Pattern.compile(
          "^\\s*select\\s+distinct\\s+(RES\\.REV_\\s*,\\s*RES\\.ID_(?:\\s*,\\s*RES\\.\\w+)*)\\s+from\\s+"
              + "(\\S*ACT_RU_TASK)\\s+RES\\s(.*?)\\s(order\\s+by\\s+RES\\.\\w+\\s+(?:asc|desc)"
              + "(?:\\s*,\\s*RES\\.\\w+\\s+(?:asc|desc))*)\\s+(LIMIT\\s+\\?\\s+OFFSET\\s+\\?)\\s*$",
          Pattern.DOTALL);

  /** A column of the order. */
  static final Pattern ORDER_COLUMN = Pattern.compile("RES\\.(\\w+)\\s+(?:asc|desc)");

  /** An order or a page inside the joins and conditions: not the text this class knows. */
  static final Pattern NESTED = Pattern.compile("order\\s+by|LIMIT", Pattern.CASE_INSENSITIVE);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if ("postgres".equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
    }
  }

  /** The page's text chosen on narrow rows, or null where it is not the engine's. */
  static String rewritten(String sql) {
    Matcher page = PAGE.matcher(sql);
    if (!page.matches()) {
      return null;
    }
    String body = page.group(3);
    if (NESTED.matcher(body).find()) {
      return null;
    }
    String order = page.group(4);
    List<String> columns = new ArrayList<>(List.of("RES.REV_", "RES.ID_"));
    Matcher column = ORDER_COLUMN.matcher(order);
    while (column.find()) {
      String name = "RES." + column.group(1);
      if (!columns.contains(name)) {
        columns.add(name);
      }
    }
    String table = page.group(2);
    return "select "
        + page.group(1)
        + " from "
        + table
        + " RES join (select distinct "
        + String.join(", ", columns)
        + " from "
        + table
        + " RES "
        + body
        + " "
        + order
        + " "
        + page.group(5)
        + ") PAGE on PAGE.ID_ = RES.ID_ "
        + order
        + ", RES.REV_ asc, RES.ID_ asc";
  }

  /** Runs the engine's task page chosen on narrow rows. */
  @Intercepts(
      @Signature(
          type = Executor.class,
          method = "query",
          args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class Rewrite implements Interceptor {

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
      // every query of the engine passes here: a look at the id's end, nothing allocated
      if (!statement.getId().endsWith(LIST)) {
        return invocation.proceed();
      }
      Object parameter = invocation.getArgs()[1];
      // the tasks of one instance, business key or task: a few rows, nothing to gain
      if (!(parameter instanceof TaskQueryImpl query)
          || !AuthorizationStatistics.CustomPlansForTaskQueries.broad(query)) {
        return invocation.proceed();
      }
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
      return executor.query(
          statement, parameter, rows, (ResultHandler<?>) invocation.getArgs()[3], key, bound);
    }
  }
}
