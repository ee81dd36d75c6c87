package com.qmsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qmsflow.tasklist.TaskListVariables;
import com.qmsflow.tasklist.TasklistFilters;
import com.qmsflow.variable.Variable;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up setup (identity/GroupSetup, identity/DemoUsers, tasklist/TasklistFilters) against a
 * plain in-memory engine (no Spring).
 */
class IdentitySetupTest {

  private static ProcessEngine engine;
  private static IdentityService identityService;
  private static TaskService taskService;
  private static FilterService filterService;
  private static AuthorizationService authorizationService;

  private final List<String> createdTasks = new ArrayList<>();

  @BeforeAll
  static void startEngine() {
    engine = buildEngine("identity-test");
    identityService = engine.getIdentityService();
    taskService = engine.getTaskService();
    filterService = engine.getFilterService();
    authorizationService = engine.getAuthorizationService();

    // what the starter's camunda.bpm.admin-user does in the demo profile
    User admin = identityService.newUser(DemoUsers.ADMIN_USER_ID);
    admin.setPassword("admin");
    identityService.saveUser(admin);

    setUp(engine, true);
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @AfterEach
  void cleanUp() {
    identityService.clearAuthentication();
    createdTasks.forEach(id -> taskService.deleteTask(id, true));
  }

  /** An engine configured like the application (group ids with hyphens allowed). */
  private static ProcessEngine buildEngine(String name) {
    ProcessEngineConfiguration configuration = configuration(name);
    configuration.setGroupResourceWhitelistPattern(GroupSetup.GROUP_ID_PATTERN);
    return configuration.buildProcessEngine();
  }

  private static ProcessEngineConfiguration configuration(String name) {
    return ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName(name)
        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false);
  }

  /** What the application does when it is ready: groups and permissions, demo users, filters. */
  private static void setUp(ProcessEngine processEngine, boolean demoUsers) {
    new GroupSetup(
            processEngine.getIdentityService(),
            new PermissionModel(processEngine.getAuthorizationService()))
        .setUp();
    new DemoUsers(processEngine.getIdentityService(), demoUsers).setUp();
    new TasklistFilters(
            processEngine.getFilterService(),
            processEngine.getTaskService(),
            processEngine.getAuthorizationService())
        .setUp();
  }

  // ---- permission model ----

  @Test
  void permissionModelIsGrantedOnceAndRunningItAgainChangesNothing() {
    long before = authorizationService.createAuthorizationQuery().count();
    setUp(engine, true);
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(before);
    for (PermissionModel.Grant grant : PermissionModel.grants()) {
      Authorization authorization =
          authorizationService
              .createAuthorizationQuery()
              .groupIdIn(grant.groupId())
              .resourceType(grant.resource())
              .resourceId(grant.resourceId())
              .singleResult();
      assertThat(authorization).as(grant.toString()).isNotNull();
      grant
          .permissions()
          .forEach(
              p -> assertThat(authorization.isPermissionGranted(p)).as(grant + " " + p).isTrue());
    }
  }

  @Test
  void contractChangesAreReadableByNoStaffGroupByDefinition() {
    assertThat(PermissionModel.grants())
        .filteredOn(g -> g.resource().equals(Resources.PROCESS_DEFINITION))
        .filteredOn(
            g ->
                g.resourceId().equals(com.qmsflow.change.ChangeVariables.PROCESS_KEY)
                    || g.resourceId().equals("*"))
        .filteredOn(g -> PermissionModel.STAFF.contains(g.groupId()))
        .allSatisfy(
            g ->
                assertThat(g.permissions())
                    .doesNotContain(
                        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions
                            .READ_INSTANCE,
                        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions
                            .READ_HISTORY));
  }

  // ---- groups and users ----

  @Test
  void createsAllGroupsAsWorkflowGroupsWithReadableNames() {
    assertThat(Groups.all())
        .containsExactly(
            "customer-service",
            "sales",
            "sales-management",
            "quality",
            "quality-management",
            "engineering",
            "production",
            "material-control",
            "general-affairs",
            "general-manager",
            "process-owners");
    for (String groupId : Groups.all()) {
      Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
      assertThat(group).as(groupId).isNotNull();
      assertThat(group.getType()).isEqualTo("WORKFLOW");
      assertThat(group.getName()).isEqualTo(Groups.nameOf(groupId));
    }
    assertThat(Groups.nameOf(Groups.CUSTOMER_SERVICE)).isEqualTo("Customer service (客服)");
  }

  @Test
  void createsOneDemoUserPerGroupWithPasswordEqualToId() {
    assertThat(DemoUsers.DEMO_USERS)
        .extracting(DemoUsers.DemoUser::id)
        .containsExactly(
            "clerk",
            "sales",
            "salesmanager",
            "quality",
            "qualitymanager",
            "engineer",
            "production",
            "material",
            "affairs",
            "gm",
            "owner");
    assertThat(DemoUsers.DEMO_USERS)
        .extracting(DemoUsers.DemoUser::groupId)
        .containsExactlyElementsOf(Groups.all());

    for (DemoUsers.DemoUser demo : DemoUsers.DEMO_USERS) {
      User user = identityService.createUserQuery().userId(demo.id()).singleResult();
      assertThat(user).as(demo.id()).isNotNull();
      assertThat(user.getFirstName()).isNotBlank();
      assertThat(user.getLastName()).isNotBlank();
      assertThat(user.getEmail()).isEqualTo(demo.id() + "@example.com");
      assertThat(identityService.checkPassword(demo.id(), demo.id())).as(demo.id()).isTrue();
      assertThat(groupIdsOf(demo.id())).as(demo.id()).containsExactly(demo.groupId());
    }
  }

  @Test
  void addsExistingAdminToEveryGroup() {
    assertThat(groupIdsOf(DemoUsers.ADMIN_USER_ID))
        .containsExactlyInAnyOrderElementsOf(Groups.all());
  }

  @Test
  void runningAgainChangesNothing() {
    long groups = identityService.createGroupQuery().count();
    long users = identityService.createUserQuery().count();
    long filters = filterService.createFilterQuery().count();
    long authorizations = authorizationService.createAuthorizationQuery().count();
    // a password changed by an administrator survives a restart
    User clerk = identityService.createUserQuery().userId("clerk").singleResult();
    clerk.setPassword("changed-by-admin");
    identityService.saveUser(clerk);

    try {
      setUp(engine, true);
      setUp(engine, true);

      assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
      assertThat(identityService.createUserQuery().count()).isEqualTo(users);
      assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
      assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
      assertThat(identityService.checkPassword("clerk", "changed-by-admin")).isTrue();
      assertThat(groupIdsOf("clerk")).containsExactly(Groups.CUSTOMER_SERVICE);
      assertThat(groupIdsOf(DemoUsers.ADMIN_USER_ID)).hasSize(Groups.all().size());
    } finally {
      clerk = identityService.createUserQuery().userId("clerk").singleResult();
      clerk.setPassword("clerk");
      identityService.saveUser(clerk);
    }
  }

  @Test
  void withoutDemoUsersOnlyGroupsAndFiltersAreCreated() {
    ProcessEngine plain = buildEngine("identity-test-no-demo-users");
    try {
      setUp(plain, false);
      setUp(plain, false);

      assertThat(plain.getIdentityService().createGroupQuery().count())
          .isEqualTo(Groups.all().size());
      assertThat(plain.getIdentityService().createUserQuery().count()).isZero();
      assertThat(plain.getFilterService().createFilterQuery().list())
          .extracting(Filter::getName)
          .containsExactlyInAnyOrder(
              TasklistFilters.FILTER_MY_GROUPS,
              TasklistFilters.FILTER_ASSIGNED_TO_ME,
              TasklistFilters.FILTER_OVERDUE);
    } finally {
      plain.close();
    }
  }

  @Test
  void withoutTheGroupIdPatternTheSetupNamesTheMissingProperty() {
    ProcessEngine defaults = configuration("identity-test-default-pattern").buildProcessEngine();
    try {
      assertThatThrownBy(() -> setUp(defaults, false))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("groupResourceWhitelistPattern");
    } finally {
      defaults.close();
    }
  }

  // ---- filters ----

  @Test
  void createsEachSharedFilterOnceWithTasklistProperties() {
    assertThat(filterService.createFilterQuery().count()).isEqualTo(3);
    Filter myGroups = filter(TasklistFilters.FILTER_MY_GROUPS);
    Filter assigned = filter(TasklistFilters.FILTER_ASSIGNED_TO_ME);
    Filter overdue = filter(TasklistFilters.FILTER_OVERDUE);

    assertThat(List.of(myGroups, assigned, overdue))
        .allSatisfy(
            filter -> {
              assertThat(filter.getOwner()).isNull();
              assertThat(filter.getResourceType()).isEqualTo("Task");
              Map<String, Object> properties = filter.getProperties();
              assertThat(properties.get("description")).asString().isNotBlank();
              assertThat(properties).containsEntry("refresh", true).containsKey("color");
              assertThat(variableNames(filter))
                  .containsExactlyElementsOf(
                      TaskListVariables.COLUMNS.stream().map(Variable::name).toList());
            });
    assertThat(List.of(myGroups, assigned, overdue))
        .extracting(filter -> ((Number) filter.getProperties().get("priority")).intValue())
        .containsExactly(10, 20, 30);
    assertThat(variables(myGroups)).contains(Map.of("name", "listNumber", "label", "Number (单号)"));
    assertThat(List.of(myGroups, assigned, overdue))
        .extracting(Filter::getName)
        .containsExactly("My group's tasks (我的组任务)", "Assigned to me (我的任务)", "Overdue (已超期)");
  }

  @Test
  void everyUserMayReadTheSharedFilters() {
    for (String name :
        List.of(
            TasklistFilters.FILTER_MY_GROUPS,
            TasklistFilters.FILTER_ASSIGNED_TO_ME,
            TasklistFilters.FILTER_OVERDUE)) {
      List<Authorization> authorizations =
          authorizationService
              .createAuthorizationQuery()
              .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
              .resourceType(Resources.FILTER)
              .resourceId(filter(name).getId())
              .hasPermission(Permissions.READ)
              .list();
      assertThat(authorizations).as(name).hasSize(1);
      assertThat(authorizations.get(0).getUserId()).isEqualTo(Authorization.ANY);
    }
  }

  @Test
  void myGroupsTasksShowsTasksOfTheUsersGroupsIncludingClaimedOnes() {
    Task open = newTask("Check validity", Groups.QUALITY, null, null);
    Task claimed = newTask("Analyse cause", Groups.QUALITY, "someone-else", null);
    Task other = newTask("Confirm with customer", Groups.CUSTOMER_SERVICE, null, null);

    assertThat(taskIds(TasklistFilters.FILTER_MY_GROUPS, "quality"))
        .contains(open.getId(), claimed.getId())
        .doesNotContain(other.getId());
    assertThat(taskIds(TasklistFilters.FILTER_MY_GROUPS, "clerk"))
        .contains(other.getId())
        .doesNotContain(open.getId(), claimed.getId());
    // the administrator is in every group
    assertThat(taskIds(TasklistFilters.FILTER_MY_GROUPS, DemoUsers.ADMIN_USER_ID))
        .contains(open.getId(), claimed.getId(), other.getId());
  }

  @Test
  void myGroupsTasksAreSortedByPriorityThenDueDate() {
    Date now = new Date();
    Task low = newTask("low", Groups.ENGINEERING, null, daysFrom(now, 1), 10);
    Task highLater = newTask("high later", Groups.ENGINEERING, null, daysFrom(now, 5), 80);
    Task highSooner = newTask("high sooner", Groups.ENGINEERING, null, daysFrom(now, 2), 80);

    assertThat(taskIds(TasklistFilters.FILTER_MY_GROUPS, "engineer"))
        .containsExactly(highSooner.getId(), highLater.getId(), low.getId());
  }

  @Test
  void assignedToMeShowsOnlyTheUsersOwnTasks() {
    Task mine = newTask("Reply to customer", null, "sales", null);
    Task notMine = newTask("Reply to other customer", null, "salesmanager", null);

    assertThat(taskIds(TasklistFilters.FILTER_ASSIGNED_TO_ME, "sales"))
        .contains(mine.getId())
        .doesNotContain(notMine.getId());
  }

  @Test
  void overdueShowsPastDueTasksOfTheUsersGroupsOrAssignedToTheUser() {
    Date now = new Date();
    Task overdueGroupTask = newTask("overdue", Groups.QUALITY, null, daysFrom(now, -1));
    Task dueTomorrow = newTask("due tomorrow", Groups.QUALITY, null, daysFrom(now, 1));
    Task withoutDueDate = newTask("no due date", Groups.QUALITY, null, null);
    Task overdueAssigned = newTask("overdue, mine", null, "quality", daysFrom(now, -2));
    Task overdueOfOthers = newTask("overdue, other group", Groups.SALES, null, daysFrom(now, -1));

    assertThat(taskIds(TasklistFilters.FILTER_OVERDUE, "quality"))
        .contains(overdueGroupTask.getId(), overdueAssigned.getId())
        .doesNotContain(dueTomorrow.getId(), withoutDueDate.getId(), overdueOfOthers.getId());
    assertThat(taskIds(TasklistFilters.FILTER_OVERDUE, "clerk"))
        .doesNotContain(overdueGroupTask.getId(), overdueAssigned.getId());
  }

  // ---- helpers ----

  private Task newTask(String name, String candidateGroup, String assignee, Date dueDate) {
    return newTask(name, candidateGroup, assignee, dueDate, Task.PRIORITY_NORMAL);
  }

  private Task newTask(
      String name, String candidateGroup, String assignee, Date dueDate, int priority) {
    Task task = taskService.newTask();
    task.setName(name);
    task.setPriority(priority);
    task.setAssignee(assignee);
    task.setDueDate(dueDate);
    taskService.saveTask(task);
    if (candidateGroup != null) {
      taskService.addCandidateGroup(task.getId(), candidateGroup);
    }
    createdTasks.add(task.getId());
    return task;
  }

  private static Date daysFrom(Date date, int days) {
    return Date.from(date.toInstant().plus(days, ChronoUnit.DAYS));
  }

  /** The tasks a filter returns for a user, authenticated as Tasklist does (user and groups). */
  private static List<String> taskIds(String filterName, String userId) {
    identityService.setAuthentication(userId, groupIdsOf(userId));
    try {
      List<Task> tasks = filterService.list(filter(filterName).getId());
      return tasks.stream().map(Task::getId).collect(Collectors.toList());
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static Filter filter(String name) {
    List<Filter> filters = filterService.createTaskFilterQuery().filterName(name).list();
    assertThat(filters).as(name).hasSize(1);
    return filters.get(0);
  }

  private static List<String> groupIdsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .collect(Collectors.toList());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> variables(Filter filter) {
    return (List<Map<String, Object>>) filter.getProperties().get("variables");
  }

  private static List<Object> variableNames(Filter filter) {
    return variables(filter).stream().map(v -> v.get("name")).collect(Collectors.toList());
  }
}
