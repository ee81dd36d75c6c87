package com.qmsflow.identity;

import com.qmsflow.change.ChangeVariables;
import com.qmsflow.complaint.ComplaintVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the Camunda groups of {@link Groups}, the shared Tasklist filters and, in the demo
 * profile, one demo user per group. Runs once the application is ready (the engine is built and the
 * starter's admin user exists by then; {@code PostDeployEvent} is only published for an
 * {@code @EnableProcessApplication}, which this application is not).
 *
 * <p>Everything is idempotent: existing groups, users, memberships and filters (matched by name,
 * shared = without owner) are left as they are, so changes made in Admin or Tasklist survive a
 * restart and running the setup twice changes nothing.
 *
 * <p><b>Demo users (only with {@code qms.demo.users=true}, set in the demo profile): the password
 * of every demo user equals its user id. Never enable this in production.</b>
 *
 * <table>
 *   <caption>Demo users</caption>
 *   <tr><th>user id = password</th><th>group</th></tr>
 *   <tr><td>clerk</td><td>customer-service</td></tr>
 *   <tr><td>sales</td><td>sales</td></tr>
 *   <tr><td>salesmanager</td><td>sales-management</td></tr>
 *   <tr><td>quality</td><td>quality</td></tr>
 *   <tr><td>qualitymanager</td><td>quality-management</td></tr>
 *   <tr><td>engineer</td><td>engineering</td></tr>
 *   <tr><td>production</td><td>production</td></tr>
 *   <tr><td>material</td><td>material-control</td></tr>
 *   <tr><td>affairs</td><td>general-affairs</td></tr>
 *   <tr><td>gm</td><td>general-manager</td></tr>
 *   <tr><td>owner</td><td>process-owners</td></tr>
 * </table>
 *
 * <p><b>Engine property needed:</b> Camunda accepts only {@code [a-zA-Z0-9]+|camunda-admin} as
 * group id by default; our ids contain hyphens, so the engine must be configured with {@code
 * groupResourceWhitelistPattern} = {@value #GROUP_ID_PATTERN} ({@code
 * camunda.bpm.generic-properties.properties.groupResourceWhitelistPattern}).
 *
 * <p>Filters "My group's tasks" and "Overdue" use {@code ${currentUserGroups()}} like Camunda's own
 * default group filter, so for a user who belongs to no group at all the engine rejects the query
 * ("Candidate group list is empty"); give every user at least one group.
 *
 * <p>With demo users, the administrator {@value #ADMIN_USER_ID} (created by the starter from {@code
 * camunda.bpm.admin-user}) is also added to every group so that it can work on every task.
 */
@Component
public class IdentitySetup {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  /** Id of the administrator created by the starter in the demo profile. */
  public static final String ADMIN_USER_ID = "admin";

  /**
   * Group ids the engine must accept ({@code groupResourceWhitelistPattern}); also matches {@code
   * camunda-admin}.
   */
  public static final String GROUP_ID_PATTERN = "[a-zA-Z0-9-]+";

  public static final String FILTER_MY_GROUPS = "My group's tasks (我的组任务)";
  public static final String FILTER_ASSIGNED_TO_ME = "Assigned to me (我的任务)";
  public static final String FILTER_OVERDUE = "Overdue (已超期)";

  /**
   * English-only names and column labels of earlier versions: a shared filter found under its old
   * name is renamed, and a column still carrying its old label gets the bilingual one (labels a
   * user changed in Tasklist stay).
   */
  static final Map<String, String> LEGACY_FILTER_NAMES =
      Map.of(
          FILTER_MY_GROUPS, "My group's tasks",
          FILTER_ASSIGNED_TO_ME, "Assigned to me",
          FILTER_OVERDUE, "Overdue");

  static final Map<String, String> LEGACY_COLUMN_LABELS =
      Map.of(
          "Complaint", "Complaint (投诉单号)",
          "Change", "Change (变更单号)",
          "Customer", "Customer (客户)",
          "Tier", "Tier (客户等级)",
          "Severity", "Severity (严重程度)");

  static final String CURRENT_USER = "${currentUser()}";
  static final String CURRENT_USER_GROUPS = "${currentUserGroups()}";
  static final String NOW = "${now()}";

  /** A demo user: id (= password), names and its only group. */
  public record DemoUser(String id, String firstName, String lastName, String groupId) {

    public String email() {
      return id + "@example.com";
    }
  }

  /** One demo user per group of {@link Groups}, in the same order. */
  public static final List<DemoUser> DEMO_USERS =
      List.of(
          new DemoUser("clerk", "Clara", "Customer Service", Groups.CUSTOMER_SERVICE),
          new DemoUser("sales", "Sam", "Sales", Groups.SALES),
          new DemoUser("salesmanager", "Sonia", "Sales Manager", Groups.SALES_MANAGEMENT),
          new DemoUser("quality", "Quentin", "Quality", Groups.QUALITY),
          new DemoUser("qualitymanager", "Quinn", "Quality Manager", Groups.QUALITY_MANAGEMENT),
          new DemoUser("engineer", "Ethan", "Engineer", Groups.ENGINEERING),
          new DemoUser("production", "Paula", "Production", Groups.PRODUCTION),
          new DemoUser("material", "Mia", "Material Control", Groups.MATERIAL_CONTROL),
          new DemoUser("affairs", "Alice", "General Affairs", Groups.GENERAL_AFFAIRS),
          new DemoUser("gm", "Grace", "General Manager", Groups.GENERAL_MANAGER),
          new DemoUser("owner", "Oscar", "Process Owner", Groups.PROCESS_OWNERS));

  private final IdentityService identityService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final PermissionModel permissionModel;
  private final boolean demoUsers;

  public IdentitySetup(
      IdentityService identityService,
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService,
      PermissionModel permissionModel,
      @Value("${qms.demo.users:false}") boolean demoUsers) {
    this.permissionModel = permissionModel;
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
    this.demoUsers = demoUsers;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onApplicationReady() {
    setUp();
  }

  /** Creates whatever is missing; safe to call any number of times. */
  public void setUp() {
    createGroups();
    permissionModel.apply();
    if (demoUsers) {
      createDemoUsers();
      addAdminToAllGroups();
    }
    createFilters();
  }

  void createGroups() {
    Groups.names()
        .forEach(
            (id, name) -> {
              if (identityService.createGroupQuery().groupId(id).count() == 0) {
                Group group = identityService.newGroup(id);
                group.setName(name);
                group.setType(Groups.TYPE_WORKFLOW);
                try {
                  identityService.saveGroup(group);
                } catch (ProcessEngineException e) {
                  throw new IllegalStateException(
                      "Cannot create group "
                          + id
                          + ": set camunda.bpm.generic-properties.properties."
                          + "groupResourceWhitelistPattern to "
                          + GROUP_ID_PATTERN,
                      e);
                }
                LOG.info("Created group {} ({})", id, name);
              }
            });
  }

  void createDemoUsers() {
    for (DemoUser demo : DEMO_USERS) {
      if (!userExists(demo.id())) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identityService.saveUser(user);
        LOG.info("Created demo user {} (password = user id)", demo.id());
      }
      addMembership(demo.id(), demo.groupId());
    }
  }

  void addAdminToAllGroups() {
    if (!userExists(ADMIN_USER_ID)) {
      return;
    }
    for (String groupId : Groups.all()) {
      addMembership(ADMIN_USER_ID, groupId);
    }
  }

  void createFilters() {
    ensureFilter(
        FILTER_MY_GROUPS,
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression(CURRENT_USER_GROUPS)
            .includeAssignedTasks()
            .orderByTaskPriority()
            .desc()
            .orderByDueDate()
            .asc(),
        properties(
            "Tasks for the groups I am a member of, also those already claimed"
                + " (我所在组的任务，包括已签收的)",
            10,
            "#3c78d8"));
    ensureFilter(
        FILTER_ASSIGNED_TO_ME,
        taskService
            .createTaskQuery()
            .taskAssigneeExpression(CURRENT_USER)
            .orderByTaskPriority()
            .desc()
            .orderByDueDate()
            .asc(),
        properties(
            "Tasks I have claimed or that were assigned to me (我已签收或分配给我的任务)", 20, "#6aa84f"));
    ensureFilter(
        FILTER_OVERDUE,
        taskService
            .createTaskQuery()
            .dueBeforeExpression(NOW)
            .or()
            .taskCandidateGroupInExpression(CURRENT_USER_GROUPS)
            .includeAssignedTasks()
            .taskAssigneeExpression(CURRENT_USER)
            .endOr()
            .orderByDueDate()
            .asc()
            .orderByTaskPriority()
            .desc(),
        properties(
            "Tasks of my groups or assigned to me whose due date has passed (我的组或我的已超期任务)",
            30,
            "#cc0000"));
  }

  private void ensureFilter(String name, TaskQuery query, Map<String, Object> properties) {
    Filter filter = sharedFilter(name);
    if (filter == null) {
      filter = sharedFilter(LEGACY_FILTER_NAMES.get(name));
      if (filter != null) {
        renameLegacyFilter(filter, name, properties);
        filter = filterService.saveFilter(filter);
        LOG.info("Renamed Tasklist filter '{}' to '{}'", LEGACY_FILTER_NAMES.get(name), name);
      }
    }
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
      filter = filterService.saveFilter(filter);
      LOG.info("Created Tasklist filter '{}'", name);
    } else if (addMissingVariables(filter, properties)) {
      filter = filterService.saveFilter(filter);
      LOG.info("Added columns to Tasklist filter '{}'", name);
    }
    grantReadToAllUsers(filter.getId());
  }

  /** The shared (ownerless) task filter of that name, or null. */
  private Filter sharedFilter(String name) {
    return filterService.createTaskFilterQuery().filterName(name).list().stream()
        .filter(existing -> existing.getOwner() == null)
        .findFirst()
        .orElse(null);
  }

  /**
   * Gives a filter of an earlier version its bilingual name and description and relabels the
   * columns that still carry their English-only label; its query and any columns a user added stay.
   */
  @SuppressWarnings("unchecked")
  private static void renameLegacyFilter(Filter filter, String name, Map<String, Object> wanted) {
    filter.setName(name);
    Map<String, Object> existing =
        filter.getProperties() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(filter.getProperties());
    existing.put("description", wanted.get("description"));
    if (existing.get("variables") instanceof List<?> list) {
      List<Map<String, Object>> columns = new ArrayList<>();
      for (Map<String, Object> column : (List<Map<String, Object>>) list) {
        Map<String, Object> copy = new LinkedHashMap<>(column);
        Object label = copy.get("label");
        if (label instanceof String text && LEGACY_COLUMN_LABELS.containsKey(text)) {
          copy.put("label", LEGACY_COLUMN_LABELS.get(text));
        }
        columns.add(copy);
      }
      existing.put("variables", columns);
    }
    filter.setProperties(existing);
  }

  /**
   * A GLOBAL authorization (all users) with READ on this filter only, so that the shared filters
   * stay visible in Tasklist once authorization is enabled; private filters of users are not
   * exposed.
   */
  private void grantReadToAllUsers(String filterId) {
    Authorization authorization =
        authorizationService
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
            .resourceType(Resources.FILTER)
            .resourceId(filterId)
            .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      authorization.setUserId(Authorization.ANY);
      authorization.setResource(Resources.FILTER);
      authorization.setResourceId(filterId);
    } else if (authorization.isPermissionGranted(Permissions.READ)) {
      return;
    }
    authorization.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(authorization);
  }

  /**
   * Adds the variable columns a newer version introduced (e.g. the change number) to a filter that
   * exists already; columns added or removed in Tasklist otherwise stay as they are.
   */
  @SuppressWarnings("unchecked")
  private static boolean addMissingVariables(Filter filter, Map<String, Object> wanted) {
    Map<String, Object> existing =
        filter.getProperties() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(filter.getProperties());
    List<Map<String, Object>> columns =
        existing.get("variables") instanceof List<?> list
            ? new ArrayList<>((List<Map<String, Object>>) list)
            : new ArrayList<>();
    boolean added = false;
    for (Map<String, Object> column : (List<Map<String, Object>>) wanted.get("variables")) {
      if (columns.stream().noneMatch(c -> column.get("name").equals(c.get("name")))) {
        columns.add(column);
        added = true;
      }
    }
    if (added) {
      existing.put("variables", columns);
      filter.setProperties(existing);
    }
    return added;
  }

  private static Map<String, Object> properties(String description, int priority, String color) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("color", color);
    List<Map<String, Object>> variables = new ArrayList<>();
    variables.add(
        variable(ComplaintVariables.COMPLAINT_NUMBER, LEGACY_COLUMN_LABELS.get("Complaint")));
    variables.add(variable(ChangeVariables.CHANGE_NUMBER, LEGACY_COLUMN_LABELS.get("Change")));
    variables.add(variable(ComplaintVariables.CUSTOMER_NAME, LEGACY_COLUMN_LABELS.get("Customer")));
    variables.add(variable(ComplaintVariables.TIER, LEGACY_COLUMN_LABELS.get("Tier")));
    variables.add(variable(ComplaintVariables.SEVERITY, LEGACY_COLUMN_LABELS.get("Severity")));
    properties.put("variables", variables);
    return properties;
  }

  private static Map<String, Object> variable(String name, String label) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("name", name);
    variable.put("label", label);
    return variable;
  }

  private boolean userExists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }

  private void addMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }
}
