package com.qmsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the counts of the task lists asking for the grants with {@code EXISTS}
 * (database/TaskListGrants), counts and lists hold exactly the tasks the user may read, on
 * PostgreSQL with the production profile: every kind of grant the engine's join looked for (on the
 * task, by candidate group or by user; on the process definition's tasks; on every task, {@code
 * '*'}; the global grant of everyone), grants that do not let read (another permission, another
 * user's), tasks with and without a process definition. For each user and each query (all, by
 * candidate group, by process, by name, or-query, in order with a page, two groups in order with a
 * page, a saved filter) the list and its count are compared with the engine's own check of each
 * task ({@code AuthorizationService.isUserAuthorized}); the counts the engine sent carry {@code
 * EXISTS}, the lists the engine's own join.
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
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskListGrantsOnPostgresIT {

  private static final String TASK_STATEMENTS =
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
  private static final String PROCESS = "taskListGrantsProcess";

  @Autowired private TaskService tasks;
  @Autowired private RuntimeService runtime;
  @Autowired private RepositoryService repository;
  @Autowired private IdentityService identity;
  @Autowired private AuthorizationService authorizations;
  @Autowired private FilterService filters;
  @Autowired private ProcessEngine engine;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ComplaintLifecycleOnPostgresIT.database(registry);
  }

  /** The users of the test and their groups. */
  private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    USERS.put("tlg-alice", List.of("tlg-a")); // her group's tasks, by candidate group
    USERS.put("tlg-bob", List.of("tlg-b")); // the process's tasks, by the definition's grant
    USERS.put("tlg-carol", List.of()); // every task, a grant on '*'
    USERS.put("tlg-dave", List.of()); // one task of his own
    USERS.put("tlg-erin", List.of("tlg-e")); // grants that do not let read
    USERS.put("tlg-frank", List.of("tlg-a", "tlg-b")); // two groups
  }

  @Test
  void everyListHoldsExactlyTheTasksTheEngineLetsTheUserReadAndIsAskedWithExists() {
    repository
        .createDeployment()
        .addModelInstance(
            PROCESS + ".bpmn",
            Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("userTaskGrantsA")
                .name("TLG group a")
                .camundaCandidateGroups("tlg-a")
                .endEvent()
                .done())
        .deploy();
    List<String> processTasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String instance = runtime.startProcessInstanceByKey(PROCESS, "TLG-" + i).getId();
      processTasks.add(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    }
    // a process task offered to group b as well
    tasks.addCandidateGroup(processTasks.get(0), "tlg-b");
    String standaloneA =
        standalone("TLG standalone a", task -> tasks.addCandidateGroup(task, "tlg-a"));
    String standaloneDave =
        standalone(
            "TLG standalone dave",
            task ->
                authorize(
                    Authorization.AUTH_TYPE_GRANT,
                    "tlg-dave",
                    null,
                    Resources.TASK,
                    task,
                    Permissions.READ));
    String standaloneNone = standalone("Other standalone", task -> {});
    String everyone =
        standalone(
            "TLG everyone",
            task ->
                authorize(
                    Authorization.AUTH_TYPE_GLOBAL,
                    null,
                    null,
                    Resources.TASK,
                    task,
                    Permissions.READ));

    authorize(
        Authorization.AUTH_TYPE_GRANT,
        null,
        "tlg-b",
        Resources.PROCESS_DEFINITION,
        PROCESS,
        ProcessDefinitionPermissions.READ_TASK);
    authorize(
        Authorization.AUTH_TYPE_GRANT, "tlg-carol", null, Resources.TASK, "*", Permissions.READ);
    // erin: the definition without READ_TASK, a task without READ, and someone else's grant
    authorize(
        Authorization.AUTH_TYPE_GRANT,
        null,
        "tlg-e",
        Resources.PROCESS_DEFINITION,
        PROCESS,
        ProcessDefinitionPermissions.READ);
    authorize(
        Authorization.AUTH_TYPE_GRANT,
        null,
        "tlg-e",
        Resources.TASK,
        standaloneNone,
        Permissions.DELETE);

    Map<String, Function<TaskQuery, TaskQuery>> queries = new LinkedHashMap<>();
    queries.put("all", q -> q);
    queries.put("candidate group a", q -> q.taskCandidateGroup("tlg-a"));
    queries.put("process", q -> q.processDefinitionKey(PROCESS));
    queries.put("name like", q -> q.taskNameLike("TLG%"));
    queries.put("or", q -> q.or().taskCandidateGroup("tlg-b").taskNameLike("%standalone%").endOr());
    queries.put("ordered", q -> q.orderByTaskName().asc().orderByTaskId().asc());
    // two groups in order, as Tasklist's "My group's tasks"; frank's process task 0 is offered to
    // both his groups
    queries.put(
        "groups ordered",
        q ->
            q.taskCandidateGroupIn(List.of("tlg-a", "tlg-b"))
                .includeAssignedTasks()
                .orderByTaskName()
                .asc()
                .orderByTaskId()
                .asc());

    ListAppender<ILoggingEvent> statements = TasklistAtScaleOnPostgresIT.captureTaskStatements();
    try {
      for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
        Set<String> readable = readable(user.getKey(), user.getValue());
        for (Map.Entry<String, Function<TaskQuery, TaskQuery>> query : queries.entrySet()) {
          Set<String> matching = ids(query.getValue().apply(tasks.createTaskQuery()).list());
          Set<String> expected = new TreeSet<>(matching);
          expected.retainAll(readable);
          identity.setAuthentication(user.getKey(), user.getValue());
          try {
            List<Task> listed = query.getValue().apply(tasks.createTaskQuery()).list();
            long counted = query.getValue().apply(tasks.createTaskQuery()).count();
            assertThat(ids(listed)).as("%s, %s", user.getKey(), query.getKey()).isEqualTo(expected);
            assertThat(listed)
                .as("%s, %s: each once", user.getKey(), query.getKey())
                .hasSize(expected.size());
            assertThat(counted)
                .as("%s, %s: count", user.getKey(), query.getKey())
                .isEqualTo(expected.size());
            if (query.getKey().contains("ordered") && expected.size() > 2) {
              List<Task> page = query.getValue().apply(tasks.createTaskQuery()).listPage(1, 2);
              assertThat(page)
                  .as("%s, %s: the second and third in order", user.getKey(), query.getKey())
                  .extracting(Task::getId)
                  .containsExactlyElementsOf(
                      listed.subList(1, 3).stream().map(Task::getId).toList());
            }
          } finally {
            identity.clearAuthentication();
          }
        }
      }
      assertThat(readable("tlg-alice", List.of("tlg-a")))
          .as("the scenario: alice reads her group's tasks and the global one")
          .containsExactlyInAnyOrderElementsOf(
              concat(processTasks, List.of(standaloneA, everyone)));
      assertThat(readable("tlg-bob", List.of("tlg-b")))
          .as("the scenario: bob reads the process's tasks by the definition's grant")
          .containsExactlyInAnyOrderElementsOf(concat(processTasks, List.of(everyone)));
      assertThat(readable("tlg-dave", List.of()))
          .containsExactlyInAnyOrder(standaloneDave, everyone);
      assertThat(readable("tlg-erin", List.of("tlg-e"))).containsExactly(everyone);
      assertThat(readable("tlg-carol", List.of())).contains(standaloneNone, standaloneDave);
      assertThat(readable("tlg-frank", USERS.get("tlg-frank")))
          .as("the scenario: frank reads his groups' tasks, one of them offered to both")
          .contains(processTasks.get(0), standaloneA);

      List<String> sent =
          statements.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.startsWith("==>  Preparing: ") && m.contains("ACT_RU_AUTHORIZATION"))
              .toList();
      assertThat(sent).as("the users' task statements").isNotEmpty();
      assertThat(sent)
          .as("the counts asked with EXISTS, the lists with the engine's join")
          .allSatisfy(TaskListGrantsOnPostgresIT::countWithExistsListWithJoin)
          .anySatisfy(sql -> assertThat(sql).contains("SELECT COUNT(*)"))
          .anySatisfy(sql -> assertThat(sql).startsWith("==>  Preparing: select distinct"));

      // a saved filter (Tasklist's lists) takes the same way
      Filter filter =
          filters
              .newTaskFilter("TLG group a")
              .setOwner("tlg-frank")
              .setQuery(tasks.createTaskQuery().taskCandidateGroup("tlg-a"));
      filters.saveFilter(filter);
      // the engine grants the owner its filter
      int sentBefore = statements.list.size();
      Set<String> expected =
          new TreeSet<>(ids(tasks.createTaskQuery().taskCandidateGroup("tlg-a").list()));
      expected.retainAll(readable("tlg-frank", USERS.get("tlg-frank")));
      assertThat(expected).as("the scenario: frank's part of group a's tasks").hasSize(5);
      identity.setAuthentication("tlg-frank", USERS.get("tlg-frank"));
      try {
        assertThat(ids(filters.list(filter.getId()))).isEqualTo(expected);
        assertThat(filters.count(filter.getId())).isEqualTo(expected.size());
      } finally {
        identity.clearAuthentication();
      }
      assertThat(statements.list.subList(sentBefore, statements.list.size()))
          .extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(m -> m.startsWith("==>  Preparing: ") && m.contains("ACT_RU_AUTHORIZATION"))
          .as("the filter's list and count")
          .hasSize(2)
          .allSatisfy(TaskListGrantsOnPostgresIT::countWithExistsListWithJoin);
    } finally {
      ((Logger) LoggerFactory.getLogger(TASK_STATEMENTS)).detachAppender(statements);
    }

    // with revoke checks (a revoke authorization exists) the engine writes no join: unchanged
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    ListAppender<ILoggingEvent> revokeStatements =
        TasklistAtScaleOnPostgresIT.captureTaskStatements();
    configuration.setAuthorizationCheckRevokes(
        ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS);
    Set<String> alices = readable("tlg-alice", USERS.get("tlg-alice"));
    identity.setAuthentication("tlg-alice", USERS.get("tlg-alice"));
    try {
      assertThat(ids(tasks.createTaskQuery().list())).isEqualTo(alices);
    } finally {
      identity.clearAuthentication();
      configuration.setAuthorizationCheckRevokes(
          ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
      ((Logger) LoggerFactory.getLogger(TASK_STATEMENTS)).detachAppender(revokeStatements);
    }
    assertThat(revokeStatements.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.startsWith("==>  Preparing: ") && m.contains("ACT_RU_AUTHORIZATION"))
        .as("the engine's statement with revoke checks")
        .isNotEmpty()
        .allSatisfy(sql -> assertThat(sql).doesNotContain("A.RESOURCE_ID_ = RES.ID_ AND ("));
  }

  private static void countWithExistsListWithJoin(String sql) {
    if (sql.contains("SELECT COUNT(*)")) {
      assertThat(sql)
          .contains("EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_TYPE_ = ? AND")
          .doesNotContain("AUTH ON");
    } else {
      assertThat(sql).contains("AUTH ON").doesNotContain("EXISTS");
    }
  }

  /** The tasks the engine's own check lets the user read: the task, or its definition's tasks. */
  private Set<String> readable(String user, List<String> groups) {
    Set<String> readable = new TreeSet<>();
    for (Task task : tasks.createTaskQuery().list()) {
      boolean byTask =
          authorizations.isUserAuthorized(
              user, groups, Permissions.READ, Resources.TASK, task.getId());
      boolean byDefinition =
          task.getProcessDefinitionId() != null
              && authorizations.isUserAuthorized(
                  user,
                  groups,
                  ProcessDefinitionPermissions.READ_TASK,
                  Resources.PROCESS_DEFINITION,
                  repository.getProcessDefinition(task.getProcessDefinitionId()).getKey());
      if (byTask || byDefinition) {
        readable.add(task.getId());
      }
    }
    return readable;
  }

  private String standalone(String name, java.util.function.Consumer<String> links) {
    Task task = tasks.newTask();
    task.setName(name);
    tasks.saveTask(task);
    links.accept(task.getId());
    return task.getId();
  }

  private void authorize(
      int type,
      String user,
      String group,
      Resource resource,
      String resourceId,
      Permission permission) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    if (user != null) {
      authorization.setUserId(user);
    }
    if (group != null) {
      authorization.setGroupId(group);
    }
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }

  private static Set<String> ids(List<Task> list) {
    return list.stream().map(Task::getId).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
