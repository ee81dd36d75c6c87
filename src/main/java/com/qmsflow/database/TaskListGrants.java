package com.qmsflow.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The count of a user's task list checks the grants of each task with {@code EXISTS} instead of
 * joining them (issue 21: Tasklist's "My group's tasks" at 100,000 open tasks), on PostgreSQL.
 *
 * <p>The engine's task query joins the user's grants on {@code AUTH.RESOURCE_ID_ IN (RES.ID_,
 * D.KEY_, '*')} and keeps the tasks for which the join found one ({@code AUTH.RESOURCE_ID_ IS NOT
 * NULL}, every row once by {@code select distinct}). PostgreSQL can join on such a condition only
 * task by task: three index probes per task, each reading the grants on the process definition and
 * on {@code '*'} again (about 78 rows per task). For the clerk's 25,000 open tasks at 100,000 that
 * was 420-690 ms of the count Tasklist asks for with every list (TasklistAtScaleOnPostgresIT).
 *
 * <p>Here the same condition is asked as three {@code EXISTS} (a grant on the task, on its process
 * definition, on {@code '*'}), each with the engine's own filter of the user's grants (user or
 * groups, resource type and permission bits; its parameters repeated). A task is kept if and only
 * if one of the grants the join would have found exists, so the rows are the same: the statements
 * are {@code select distinct}, which the join needed and which stays. PostgreSQL can now read the
 * user's grants once into a hash table ({@code hashed SubPlan}) or probe them per task, whichever
 * is cheaper: 110-160 ms for the same count.
 *
 * <p>Only the count is changed. The list Tasklist asks for is one page in order: with the join
 * PostgreSQL sorts the group's tasks first and looks up the grants of the first rows only, which
 * the {@code EXISTS} form made slower where the grants table is large (1 million grants in the
 * benchmark: 224 -> 314 ms per list, docs/performance.md).
 *
 * <p>Only the count statement ({@code selectTaskCountByQueryCriteria}, used by Tasklist's filters
 * and the REST task count) is changed, only when its text is exactly what the engine writes for
 * PostgreSQL with grants only ({@code authorizationCheckRevokes=never}, {@link
 * com.qmsflow.security.GrantOnlyAuthorizationsPlugin}), one grant join and as many placeholders as
 * parameters. A statement without the grant join (no user, or revoke checks, which the engine
 * writes without a join) runs unchanged; one with a join in another text (another engine version,
 * composite checks) runs as the engine wrote it, with one warning per statement. {@code
 * qms.database.task-list-grants=false} keeps the engine's join.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.task-list-grants",
    havingValue = "true",
    matchIfMissing = true)
public class TaskListGrants extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskListGrants.class);

  /** The statement rewritten: the engine's task count, by the end of its id. */
  static final String COUNT = ".selectTaskCountByQueryCriteria";

  /**
   * The engine's grant join as it writes it for PostgreSQL (Task.xml, Authorization.xml): group 1
   * the table prefix, group 2 the filter of the user's grants.
   */
  static final Pattern JOIN =
      Pattern.compile(
          "(?:left|inner)\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+(\\S*)ACT_RU_AUTHORIZATION\\s+A"
              + "\\s+WHERE\\s+(A\\.TYPE_\\s*<\\s*2\\s+AND\\s.*?)\\)\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_"
              + "\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,\\s*'\\*'\\s*\\)\\s*\\)",
          Pattern.DOTALL);

  /** The test that the join found a grant. */
  static final Pattern FOUND =
      Pattern.compile("\\(\\s*AUTH\\.RESOURCE_ID_\\s+IS\\s+NOT\\s+NULL\\s*\\)");

  /** The statement's rows are distinct (list, or count of distinct ids). */
  static final Pattern DISTINCT =
      Pattern.compile(
          "^\\s*(?:select\\s+distinct\\s|SELECT\\s+COUNT\\(\\*\\)\\s+FROM\\s*\\(\\s*SELECT\\s+DISTINCT\\s)",
          Pattern.CASE_INSENSITIVE);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if ("postgres".equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
    }
  }

  /** A statement with the grants as {@code EXISTS}, or null where the text is not the engine's. */
  record Rewritten(String sql, List<ParameterMapping> parameters) {

    static Rewritten of(String sql, List<ParameterMapping> parameters) {
      Matcher join = JOIN.matcher(sql);
      if (!DISTINCT.matcher(sql).find() || !join.find()) {
        return null;
      }
      int joinStart = join.start();
      int joinEnd = join.end();
      String prefix = join.group(1);
      String grants = join.group(2).strip();
      if (join.find()) {
        return null;
      }
      Matcher found = FOUND.matcher(sql);
      if (!found.find(joinEnd)) {
        return null;
      }
      int foundStart = found.start();
      int foundEnd = found.end();
      if (found.find()
          || sql.contains("AUTH1")
          || placeholders(sql, 0, sql.length()) != parameters.size()) {
        return null;
      }
      int before = placeholders(sql, 0, joinStart);
      int inGrants = placeholders(grants, 0, grants.length());
      if (placeholders(sql, joinStart, joinEnd) != inGrants) {
        return null;
      }
      int between = placeholders(sql, joinEnd, foundStart);
      List<ParameterMapping> grantParameters = parameters.subList(before, before + inGrants);
      String table = prefix + "ACT_RU_AUTHORIZATION";
      String exists =
          "(EXISTS (SELECT 1 FROM "
              + table
              + " A WHERE A.RESOURCE_ID_ = RES.ID_ AND ("
              + grants
              + ")) OR EXISTS (SELECT 1 FROM "
              + table
              + " A WHERE A.RESOURCE_ID_ = D.KEY_ AND ("
              + grants
              + ")) OR EXISTS (SELECT 1 FROM "
              + table
              + " A WHERE A.RESOURCE_ID_ = '*' AND ("
              + grants
              + ")))";
      List<ParameterMapping> reordered = new ArrayList<>(parameters.size() + 2 * inGrants);
      reordered.addAll(parameters.subList(0, before));
      reordered.addAll(parameters.subList(before + inGrants, before + inGrants + between));
      for (int i = 0; i < 3; i++) {
        reordered.addAll(grantParameters);
      }
      reordered.addAll(parameters.subList(before + inGrants + between, parameters.size()));
      return new Rewritten(
          sql.substring(0, joinStart)
              + sql.substring(joinEnd, foundStart)
              + exists
              + sql.substring(foundEnd),
          reordered);
    }

    /** The JDBC placeholders in the text (the engine writes no {@code ?} inside a literal). */
    static int placeholders(String sql, int from, int to) {
      int n = 0;
      for (int i = from; i < to; i++) {
        if (sql.charAt(i) == '?') {
          n++;
        }
      }
      return n;
    }
  }

  /** Runs the engine's task count with the grants as {@code EXISTS}. */
  @Intercepts(
      @Signature(
          type = Executor.class,
          method = "query",
          args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class Rewrite implements Interceptor {

    /** Statements whose text was not the engine's, warned about once each. */
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
      String id = statement.getId();
      // every query of the engine passes here: a look at the id's end, nothing allocated
      if (!id.endsWith(COUNT)) {
        return invocation.proceed();
      }
      Object parameter = invocation.getArgs()[1];
      BoundSql bound = statement.getBoundSql(parameter);
      // the grant join's column; revoke checks (no join) and queries without grants run unchanged
      if (bound.getSql().contains("AUTH.RESOURCE_ID_")) {
        Rewritten rewritten = Rewritten.of(bound.getSql(), bound.getParameterMappings());
        if (rewritten != null) {
          BoundSql changed =
              new BoundSql(
                  statement.getConfiguration(), rewritten.sql(), rewritten.parameters(), parameter);
          bound.getAdditionalParameters().forEach(changed::setAdditionalParameter);
          bound = changed;
        } else if (warned.putIfAbsent(id, Boolean.TRUE) == null) {
          LOG.warn(
              "{} does not have the grant join this engine version writes; it runs as the engine"
                  + " wrote it (qms.database.task-list-grants)",
              id);
        }
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
