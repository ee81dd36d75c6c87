package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.database.TaskListGrants;
import com.qmsflow.tasklist.TasklistFilters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tasklist's "My group's tasks" at the scale of issue 21, {@code it.openTasks} open tasks (100,000)
 * on PostgreSQL with the production profile. One complaint is taken in through the API; its open
 * task (customer-service's confirmation) is copied set-based, each copy a process instance of its
 * own whose task is offered to one of four groups, with the candidate link and the two grants the
 * engine writes for a candidate group (task read/update, historic task read), and eight grants on
 * historic tasks per open task on the same pages, as history keeps them. Then the clerk asks for
 * the list as Tasklist 7.24 does (HAL, the count in the answer) more often than PostgreSQL plans a
 * prepared statement with its values before it may switch to a generic plan, and the list holds the
 * clerk's group's tasks and counts them all.
 *
 * <p>The plan is the point (no time is asserted; the machine is shared): the statements the engine
 * sent, as it sent them, prepared on one of the application's connections and executed more often
 * than that (the count asking for the grants with {@code EXISTS}, database/TaskListGrants), are
 * planned to read the user's grants once into a hash or to look up each task's grants through the
 * index on {@code ACT_RU_AUTHORIZATION.RESOURCE_ID_}, not by comparing every task with every grant
 * of the group, which took 60 s at this scale; the count reads the group's task grants from a
 * covering index without reading history's grants too; and a user's task query runs with custom
 * plans (database/AuthorizationStatistics). {@code -Dit.tasklistPlans=true} prints both plans with
 * their run times.
 */
@ExtendWith(ComplaintLifecycleOnPostgresIT.EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
      "qms.demo.users=true",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=" + ComplaintLifecycleOnPostgresIT.ADMIN_PASSWORD,
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy=false",
      "camunda.bpm.job-execution.enabled=true"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TasklistAtScaleOnPostgresIT {

  static final int OPEN_TASKS = Integer.getInteger("it.openTasks", 100_000);
  static final boolean PRINT_PLANS = Boolean.getBoolean("it.tasklistPlans");
  static final List<String> GROUPS =
      List.of("customer-service", "quality", "production", "quality-management");

  /** More than the driver's 5 uses before a server-side statement, plus PostgreSQL's 5. */
  static final int REQUESTS = 12;

  private static final String TASK_STATEMENTS =
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private TestRestTemplate rest;
  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private FilterService filters;
  @Autowired private TaskService tasks;
  @Autowired private ProcessEngine engine;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  @Test
  void theClerksGroupListHoldsItsTasksAndNeverComparesEveryTaskWithEveryGrant() throws Exception {
    ResponseEntity<JsonNode> created =
        rest.withBasicAuth("clerk", "clerk")
            .postForEntity(
                "/api/complaints",
                ComplaintScenario.intake("C003", "IT-TL-0001", "BREAKAGE"),
                JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Task template = awaitTask(created.getBody().path("processInstanceId").asText());
    generate(template.getId());
    long expected =
        jdbc.sql(
                "select count(distinct task_id_) from act_ru_identitylink"
                    + " where type_ = 'candidate' and group_id_ = 'customer-service'")
            .query(Long.class)
            .single();
    assertThat(expected).as("generated for the clerk's group").isGreaterThan(OPEN_TASKS / 5);

    String filterId =
        filters
            .createTaskFilterQuery()
            .filterName(TasklistFilters.FILTER_MY_GROUPS)
            .singleResult()
            .getId();
    ListAppender<ILoggingEvent> statements = captureTaskStatements();
    try {
      for (int i = 0; i < REQUESTS; i++) {
        long started = System.nanoTime();
        JsonNode list = tasklistList(filterId);
        if (PRINT_PLANS) {
          System.out.printf(
              "Tasklist list %d: %d ms%n", i + 1, (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(list.path("count").asLong())
            .as("count of request %d", i + 1)
            .isEqualTo(expected);
        List<String> ids = new ArrayList<>();
        list.path("_embedded").path("task").forEach(t -> ids.add(t.path("id").asText()));
        assertThat(ids).hasSize(15);
        assertThat(
                jdbc.sql(
                        "select count(distinct task_id_) from act_ru_identitylink"
                            + " where task_id_ in (:ids) and type_ = 'candidate'"
                            + " and group_id_ = 'customer-service'")
                    .param("ids", ids)
                    .query(Long.class)
                    .single())
            .as("every listed task is offered to customer-service")
            .isEqualTo(15);
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(TASK_STATEMENTS)).detachAppender(statements);
    }

    assertThat(planCacheModeOfACommand(true))
        .as("a user's task query is planned with its values for the rest of its transaction")
        .isEqualTo("force_custom_plan");
    assertThat(planCacheModeOfACommand(false))
        .as("the server's mode in a command without a task query")
        .isEqualTo(jdbc.sql("show plan_cache_mode").query(String.class).single())
        .isNotEqualTo("force_custom_plan");

    for (String statement :
        List.of("selectTaskCountByQueryCriteria", "selectTaskByQueryCriteria")) {
      Sent sent = lastSent(statements, statement);
      JsonNode plan = planAfterRepeatedExecution(sent);
      List<JsonNode> grants = nodesOn(plan, "act_ru_authorization", new ArrayList<>());
      boolean count = statement.equals("selectTaskCountByQueryCriteria");
      if (count) {
        assertThat(sent.sql())
            .as("the count asks for the grants with EXISTS (database/TaskListGrants)")
            .contains(
                "EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_TYPE_ = ? AND"
                    + " A.GROUP_ID_ IN (?) AND A.RESOURCE_ID_ = RES.ID_")
            .doesNotContain("AUTH ON");
        assertThat(grants)
            .as(
                "the count reads the user's grants of one type from a covering index, not"
                    + " history's grants too (database/TaskListGrants): %s",
                plan)
            .allSatisfy(
                node ->
                    assertThat(node.path("Node Type").asText())
                        .isIn("Index Only Scan", "Index Scan"))
            .anySatisfy(
                node -> {
                  assertThat(node.path("Node Type").asText()).isEqualTo("Index Only Scan");
                  assertThat(node.path("Index Name").asText())
                      .isIn(TaskListGrants.INDEXES.keySet());
                  assertThat(node.path("Index Cond").asText()).contains("customer-service");
                });
      } else {
        assertThat(sent.sql()).as("the list keeps the engine's grant join").contains("AUTH ON");
        assertThat(plan.toString())
            .as("the list uses the index on RESOURCE_ID_")
            .contains("act_idx_auth_resource_id");
      }
      assertThat(grants).as("%s reads the grants: %s", statement, plan).isNotEmpty();
      assertThat(grants)
          .as(
              "%s looks up each task's grants by index or reads the user's grants once into a"
                  + " hash, never compares every task with every grant: %s",
              statement, plan)
          .allSatisfy(
              node -> {
                if (!List.of("Bitmap Heap Scan", "Index Scan", "Index Only Scan")
                    .contains(node.path("Node Type").asText())) {
                  assertThat(count).as("a scan of the grants in the list").isTrue();
                  assertThat(node.path("Parent Relationship").asText()).isIn("SubPlan", "InitPlan");
                  assertThat(plan.toString())
                      .contains("hashed " + node.path("Subplan Name").asText());
                }
              });
    }
  }

  /**
   * The plan cache mode in the transaction of a command run as the clerk, after a task query of the
   * group in it (nested commands share the transaction) or without one: a user's broad task query
   * is planned with its values until the transaction ends (database/AuthorizationStatistics).
   */
  private String planCacheModeOfACommand(boolean withTaskQuery) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    engine.getIdentityService().setAuthentication("clerk", List.of("customer-service"));
    try {
      return configuration
          .getCommandExecutorTxRequired()
          .execute(
              context -> {
                if (withTaskQuery) {
                  assertThat(tasks.createTaskQuery().taskCandidateGroup("customer-service").count())
                      .isPositive();
                }
                try (Statement s =
                        context
                            .getDbSqlSession()
                            .getSqlSession()
                            .getConnection()
                            .createStatement();
                    ResultSet r = s.executeQuery("show plan_cache_mode")) {
                  r.next();
                  return r.getString(1);
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The list as Tasklist 7.24 asks for it: HAL, its search body, the count in the answer. */
  private JsonNode tasklistList(String filterId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    Map<String, Object> body =
        Map.of(
            "processVariables", List.of(),
            "taskVariables", List.of(),
            "caseInstanceVariables", List.of(),
            "firstResult", 0,
            "maxResults", 15,
            "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")),
            "active", true);
    ResponseEntity<JsonNode> answer =
        rest.withBasicAuth("clerk", "clerk")
            .exchange(
                "/engine-rest/filter/{id}/list?firstResult=0&maxResults=15",
                HttpMethod.POST,
                new HttpEntity<>(body, headers),
                JsonNode.class,
                filterId);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private Task awaitTask(String processInstanceId) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<Task> task =
          tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream().findFirst();
      if (task.isPresent()) {
        return task.get();
      }
      LockSupport.parkNanos(200_000_000L);
    }
    throw new AssertionError("The complaint has no open task after 60 s");
  }

  /**
   * Copies the template's process instance, task, candidate link and the candidate group's grants
   * {@link #OPEN_TASKS} times, set-based; the copies' groups rotate through {@link #GROUPS}, their
   * creation times and due dates spread, every tenth is claimed.
   */
  private void generate(String template) {
    long started = System.nanoTime();
    jdbc.sql(
            "create table gen_task as select i, 'gen-' || i as id, (array['"
                + String.join("', '", GROUPS)
                + "'])[1 + i % "
                + GROUPS.size()
                + "] as grp from generate_series(1, :n) i")
        .param("n", OPEN_TASKS)
        .update();
    jdbc.sql(
            """
            insert into act_ru_execution (id_, rev_, root_proc_inst_id_, proc_inst_id_, business_key_,
              proc_def_id_, act_id_, act_inst_id_, is_active_, is_concurrent_, is_scope_, is_event_scope_,
              suspension_state_, cached_ent_state_, sequence_counter_, tenant_id_)
            select g.id, 1, g.id, g.id, 'GEN-' || g.i, e.proc_def_id_, e.act_id_, e.act_inst_id_ || g.i,
              e.is_active_, e.is_concurrent_, e.is_scope_, e.is_event_scope_, e.suspension_state_,
              e.cached_ent_state_, e.sequence_counter_, e.tenant_id_
            from gen_task g cross join act_ru_execution e
            where e.id_ = (select proc_inst_id_ from act_ru_task where id_ = :template)
            """)
        .param("template", template)
        .update();
    jdbc.sql(
            """
            insert into act_ru_task (id_, rev_, execution_id_, proc_inst_id_, proc_def_id_, name_,
              description_, task_def_key_, assignee_, priority_, create_time_, due_date_, suspension_state_,
              tenant_id_, task_state_)
            select 't' || g.id, 1, g.id, g.id, k.proc_def_id_, k.name_, k.description_, k.task_def_key_,
              case when g.i % 10 = 0 then 'someone-' || g.i % 7 end, k.priority_ + g.i % 3,
              k.create_time_ - g.i * interval '1 second', k.due_date_ + (g.i % 1000) * interval '1 minute',
              k.suspension_state_, k.tenant_id_, k.task_state_
            from gen_task g cross join act_ru_task k where k.id_ = :template
            """)
        .param("template", template)
        .update();
    jdbc.sql(
            "insert into act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)"
                + " select 'l' || g.id, 1, g.grp, 'candidate', 't' || g.id from gen_task g")
        .update();
    // the candidate group's grants on each task, and history's: the engine grants each candidate
    // group its finished tasks' history too, kept until history is cleaned up; 8 per open task as
    // in the benchmark (about 1,050,000 grants at 100,000 open and 10,000 finished complaints), on
    // the same pages as the task grants, as the engine writes them
    jdbc.sql(
            """
            insert into act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, resource_id_,
              perms_, root_proc_inst_id_)
            select id_, 1, type_, grp, resource_type_, resource_id_, perms_, root_proc_inst_id_ from (
              select 'a' || a.resource_type_ || g.id as id_, a.type_, g.grp, a.resource_type_,
                't' || g.id as resource_id_, a.perms_,
                case when a.root_proc_inst_id_ is not null then g.id end as root_proc_inst_id_,
                g.i * 10 as place
              from gen_task g cross join act_ru_authorization a
              where a.resource_id_ = :template and a.group_id_ = 'customer-service'
              union all
              select 'h' || h.k || '-' || g.id, 1, g.grp, :historicTask, 'hist-' || h.k || '-' || g.id,
                :read, null, g.i * 10 + h.k
              from gen_task g cross join generate_series(1, 8) h(k)
            ) grants order by place
            """)
        .param("template", template)
        .param("historicTask", Resources.HISTORIC_TASK.resourceType())
        .param("read", Permissions.READ.getValue())
        .update();
    jdbc.sql("drop table gen_task").update();
    // what autovacuum does after a change of this size (since PostgreSQL 13 inserts alone start
    // it): statistics, and the pages marked all-visible, which an index-only scan needs to read no
    // table page (before it has come round, the count reads the grants through the covering index
    // and the table, as the plan printed after the grants changed shows)
    jdbc.sql("vacuum analyze").update();
    if (PRINT_PLANS) {
      System.out.printf(
          "Generated %d open tasks in %d ms%n",
          OPEN_TASKS, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** A statement as the engine sent it: its SQL and its parameters with their Java types. */
  record Sent(String sql, List<String> values, List<String> types) {}

  /** The engine's task statements as MyBatis logs them (prepared text, then parameters). */
  static ListAppender<ILoggingEvent> captureTaskStatements() {
    Logger logger = (Logger) LoggerFactory.getLogger(TASK_STATEMENTS);
    logger.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    return appender;
  }

  private static final Pattern PARAMETER = Pattern.compile("(.*?)\\((\\w+)\\)");

  /** The last "Preparing:" of the statement and the "Parameters:" that followed it. */
  private static Sent lastSent(ListAppender<ILoggingEvent> logs, String statement) {
    String sql = null;
    Sent sent = null;
    for (ILoggingEvent event : List.copyOf(logs.list)) {
      if (!event.getLoggerName().endsWith("." + statement)) {
        continue;
      }
      String message = event.getFormattedMessage();
      if (message.startsWith("==>  Preparing: ")) {
        sql = message.substring("==>  Preparing: ".length());
      } else if (message.startsWith("==> Parameters: ") && sql != null) {
        List<String> values = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (String parameter : message.substring("==> Parameters: ".length()).split(", ")) {
          Matcher m = PARAMETER.matcher(parameter);
          assertThat(m.matches()).as("parameter %s", parameter).isTrue();
          values.add(m.group(1));
          types.add(m.group(2));
        }
        sent = new Sent(sql, values, types);
      }
    }
    assertThat(sent).as("the engine's %s was logged", statement).isNotNull();
    return sent;
  }

  /**
   * Prepares the statement on one of the application's connections, executes it as often as the
   * Tasklist requests did and returns the plan PostgreSQL then uses for it.
   */
  private JsonNode planAfterRepeatedExecution(Sent sent) throws Exception {
    StringBuilder sql = new StringBuilder();
    int n = 0;
    for (char c : sent.sql().toCharArray()) {
      sql.append(c == '?' ? "$" + ++n : String.valueOf(c));
    }
    assertThat(n).isEqualTo(sent.values().size());
    List<String> literals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String value = sent.values().get(i);
      literals.add(
          "String".equals(sent.types().get(i)) ? "'" + value.replace("'", "''") + "'" : value);
    }
    String arguments = "(" + String.join(", ", literals) + ")";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      // as the engine runs a user's task query (database/AuthorizationStatistics)
      s.execute("set plan_cache_mode = force_custom_plan");
      s.execute("prepare tasklist_statement as " + sql);
      try {
        for (int i = 0; i < REQUESTS; i++) {
          s.execute("execute tasklist_statement" + arguments);
        }
        if (PRINT_PLANS) {
          printPlan(s, arguments, "Plan of " + sent.sql());
        }
        // the count reads the grants from the covering indexes; the list probes a page's grants
        if (PRINT_PLANS && sent.sql().contains("SELECT COUNT(*)")) {
          // grants changing as tasks come and go, before autovacuum comes round (it does after a
          // fifth of the table by default): a new version of 5 % of the grants, on nearly every
          // page, so an index-only scan must read the table for almost every grant (Heap Fetches)
          s.execute(
              "update act_ru_authorization set rev_ = rev_ where id_ in (select id_ from"
                  + " act_ru_authorization tablesample bernoulli (5))");
          s.execute("execute tasklist_statement" + arguments);
          printPlan(s, arguments, "After a change of 5 % of the grants:");
          // the grants' pages as autovacuum leaves them: an index-only scan reads the table only
          // for the pages changed since
          s.execute("vacuum act_ru_authorization");
          s.execute("execute tasklist_statement" + arguments);
          printPlan(s, arguments, "After vacuum of the grants:");
        }
        try (ResultSet rs =
            s.executeQuery("explain (format json) execute tasklist_statement" + arguments)) {
          rs.next();
          return JSON.readTree(rs.getString(1));
        }
      } finally {
        s.execute("deallocate tasklist_statement");
        s.execute("reset plan_cache_mode");
      }
    }
  }

  private static void printPlan(Statement s, String arguments, String title) throws Exception {
    try (ResultSet rs =
        s.executeQuery("explain (analyze, buffers) execute tasklist_statement" + arguments)) {
      System.out.println(title);
      while (rs.next()) {
        System.out.println(rs.getString(1));
      }
    }
  }

  /** The plan's nodes that read the relation. */
  private static List<JsonNode> nodesOn(JsonNode node, String relation, List<JsonNode> found) {
    if (node.isArray()) {
      node.forEach(child -> nodesOn(child, relation, found));
    } else if (node.isObject()) {
      if (relation.equals(node.path("Relation Name").asText())) {
        found.add(node);
      }
      node.fields().forEachRemaining(field -> nodesOn(field.getValue(), relation, found));
    }
    return found;
  }
}
