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
 * <p>To find the user's grants PostgreSQL still read every grant of the table: about a million in
 * the benchmark, nine in ten of them history's (the engine grants each candidate group its tasks'
 * history and keeps those grants until history is cleaned up), 150 ms of a 300 ms count. So where
 * the engine's grant filter has its usual shape, each {@code EXISTS} is split further into one per
 * resource type and per user or groups ({@link Tests}), the same condition distributed, and two
 * covering indexes ({@link #INDEXES}) give each of them its grants without reading the table: the
 * clerk's group's 25,000 task grants in 5 ms (TasklistAtScaleOnPostgresIT); in the benchmark at
 * 100,000 open tasks PostgreSQL's mean per count 84-105 ms instead of 231-266 ms. Where grants
 * changed since autovacuum last came round, the index sends PostgreSQL to the table for them and
 * the count is about as slow as before (docs/operations.md).
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
 * qms.database.task-list-grants=false} keeps the engine's join and creates no index.
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

  /**
   * The covering indexes of the split tests ({@link Tests}): a resource type's grants of the user's
   * groups or of the user, with the resource and what the test reads of each grant, so that
   * PostgreSQL reads them from the index alone (a user's grants on tasks were read from among all
   * grants of the table, a million with history's, about 150 ms per count).
   */
  public static final Map<String, String> INDEXES =
      Map.of(
          "act_ru_auth_group_grants",
          "(resource_type_, group_id_, resource_id_) include (type_, perms_)",
          "act_ru_auth_user_grants",
          "(resource_type_, user_id_, resource_id_) include (type_, perms_)");

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    if ("postgres".equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
    }
  }

  /**
   * Creates the covering indexes after the engine has created or updated its tables (an
   * engine-table object, not Flyway's), idempotently; two nodes starting at once may both try.
   */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    INDEXES.forEach(
        (name, columns) -> {
          if (EngineSchema.has(jdbc, prefix, EngineSchema.Catalog.RELATION, name)) {
            return;
          }
          try {
            jdbc.execute(
                "create index if not exists "
                    + name
                    + " on "
                    + prefix
                    + "act_ru_authorization "
                    + columns);
            LOG.info("Created the index {} for the task lists' grant tests", prefix + name);
          } catch (DataAccessException e) {
            // another node of the cluster created it at the same moment
            if (!EngineSchema.has(jdbc, prefix, EngineSchema.Catalog.RELATION, name)) {
              throw e;
            }
          }
        });
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
      Tests tests = Tests.split(prefix + "ACT_RU_AUTHORIZATION", grants, grantParameters);
      List<ParameterMapping> reordered =
          new ArrayList<>(parameters.size() - inGrants + tests.parameters().size());
      reordered.addAll(parameters.subList(0, before));
      reordered.addAll(parameters.subList(before + inGrants, before + inGrants + between));
      reordered.addAll(tests.parameters());
      reordered.addAll(parameters.subList(before + inGrants + between, parameters.size()));
      return new Rewritten(
          sql.substring(0, joinStart)
              + sql.substring(joinEnd, foundStart)
              + tests.sql()
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

  /**
   * The grant tests that replace the join: text and parameters. Where the engine's grant filter has
   * its usual shape (the user or the user's groups, then the resource types with their permission
   * bits, any one of which is enough), one {@code EXISTS} per resource (the task, its definition,
   * {@code '*'}), per resource type and per user or groups: the filter's {@code AND} of two {@code
   * OR}s distributed into an {@code OR} of its terms, which is the same condition. Each of them
   * asks for one resource type and one group list or user, which the covering indexes ({@link
   * #INDEXES}) answer without reading the table. Any other shape of the filter is asked as it is,
   * in three {@code EXISTS}.
   */
  record Tests(String sql, List<ParameterMapping> parameters) {

    /** A resource type with its permission bits, as the engine writes it for PostgreSQL. */
    static final String CHECK =
        "A\\.RESOURCE_TYPE_\\s*=\\s*\\?\\s+AND\\s+A\\.PERMS_\\s*&\\s*\\?\\s*=\\s*\\?";

    /**
     * The engine's grant filter (Authorization.xml, authCheckJoinWithoutOnClauseWithBinding): group
     * 1 the placeholders of the user's groups (none without groups), group 2 the checks, any one of
     * which is enough.
     */
    static final Pattern FILTER =
        Pattern.compile(
            "A\\.TYPE_\\s*<\\s*2\\s+AND\\s*\\(\\s*A\\.USER_ID_\\s+in\\s*\\(\\s*\\?\\s*,\\s*'\\*'\\s*\\)"
                + "(?:\\s*OR\\s+A\\.GROUP_ID_\\s+IN\\s*\\(\\s*(\\?(?:\\s*,\\s*\\?)*)\\s*\\))?\\s*\\)"
                + "\\s*AND\\s*\\(\\s*\\(\\s*("
                + CHECK
                + "(?:\\s+OR\\s+"
                + CHECK
                + ")*)\\s*\\)\\s*\\)",
            Pattern.DOTALL);

    /** The resources a grant may name for a task: the task, its process definition, all. */
    static final List<String> RESOURCES = List.of("RES.ID_", "D.KEY_", "'*'");

    static Tests split(String table, String grants, List<ParameterMapping> parameters) {
      Matcher filter = FILTER.matcher(grants);
      if (!filter.matches()) {
        return whole(table, grants, parameters);
      }
      int groups =
          filter.group(1) == null
              ? 0
              : Rewritten.placeholders(filter.group(1), 0, filter.group(1).length());
      int checks = Rewritten.placeholders(filter.group(2), 0, filter.group(2).length()) / 3;
      if (parameters.size() != 1 + groups + 3 * checks) {
        return whole(table, grants, parameters);
      }
      ParameterMapping user = parameters.get(0);
      List<ParameterMapping> groupIds = parameters.subList(1, 1 + groups);
      String inGroups = "A.GROUP_ID_ IN (" + "?, ".repeat(Math.max(groups - 1, 0)) + "?)";
      StringBuilder sql = new StringBuilder("(");
      List<ParameterMapping> all = new ArrayList<>();
      for (String resource : RESOURCES) {
        for (int check = 0; check < checks; check++) {
          List<ParameterMapping> bits =
              parameters.subList(1 + groups + 3 * check, 4 + groups + 3 * check);
          if (groups > 0) {
            exists(sql, all, table, inGroups, groupIds, resource, bits);
          }
          exists(sql, all, table, "A.USER_ID_ IN (?, '*')", List.of(user), resource, bits);
        }
      }
      return new Tests(sql.append(")").toString(), all);
    }

    /**
     * One resource type's test for the groups or the user, with its parameters: the resource type,
     * the groups or the user, the permission bits twice.
     */
    private static void exists(
        StringBuilder sql,
        List<ParameterMapping> all,
        String table,
        String who,
        List<ParameterMapping> whoParameters,
        String resource,
        List<ParameterMapping> bits) {
      exists(
          sql,
          table,
          "A.RESOURCE_TYPE_ = ? AND "
              + who
              + " AND A.RESOURCE_ID_ = "
              + resource
              + " AND A.TYPE_ < 2 AND A.PERMS_ & ? = ?");
      all.add(bits.get(0));
      all.addAll(whoParameters);
      all.addAll(bits.subList(1, 3));
    }

    /** One more test, after an {@code OR} from the one before. */
    private static void exists(StringBuilder sql, String table, String condition) {
      if (sql.length() > 1) {
        sql.append(" OR ");
      }
      sql.append("EXISTS (SELECT 1 FROM ")
          .append(table)
          .append(" A WHERE ")
          .append(condition)
          .append(')');
    }

    /** The filter as the engine wrote it, once per resource. */
    static Tests whole(String table, String grants, List<ParameterMapping> parameters) {
      StringBuilder sql = new StringBuilder("(");
      List<ParameterMapping> all = new ArrayList<>();
      for (String resource : RESOURCES) {
        exists(sql, table, "A.RESOURCE_ID_ = " + resource + " AND (" + grants + ")");
        all.addAll(parameters);
      }
      return new Tests(sql.append(")").toString(), all);
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
