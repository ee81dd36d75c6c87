package com.qmsflow.tasklist;

import com.qmsflow.change.ChangeVariables;
import com.qmsflow.complaint.ComplaintVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the shared Tasklist filters once the application is ready and lets every user read them.
 * A shared filter (without owner) that exists under its name is left as it is, so changes made in
 * Tasklist survive a restart and running the setup twice changes nothing.
 *
 * <p>"My group's tasks" and "Overdue" use {@code ${currentUserGroups()}} like Camunda's own default
 * group filter, so for a user who belongs to no group at all the engine rejects the query
 * ("Candidate group list is empty"); give every user at least one group.
 */
@Component
public class TasklistFilters {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

  public static final String FILTER_MY_GROUPS = "My group's tasks (我的组任务)";
  public static final String FILTER_ASSIGNED_TO_ME = "Assigned to me (我的任务)";
  public static final String FILTER_OVERDUE = "Overdue (已超期)";

  static final String CURRENT_USER = "${currentUser()}";
  static final String CURRENT_USER_GROUPS = "${currentUserGroups()}";
  static final String NOW = "${now()}";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  public TasklistFilters(
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void onApplicationReady() {
    setUp();
  }

  /** Creates whatever filter is missing; safe to call any number of times. */
  public void setUp() {
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
    Filter filter =
        filterService.createTaskFilterQuery().filterName(name).list().stream()
            .filter(existing -> existing.getOwner() == null)
            .findFirst()
            .orElse(null);
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
      filter = filterService.saveFilter(filter);
      LOG.info("Created Tasklist filter '{}'", name);
    } else if (upgradeColumns(filter)) {
      filter = filterService.saveFilter(filter);
      LOG.info("Tasklist filter '{}' now shows the task list columns", name);
    }
    grantReadToAllUsers(filter.getId());
  }

  /**
   * An installation from before the task list columns shows the process variables (complaint
   * number, change number, customer name, tier, severity), which groups without READ_INSTANCE on
   * the process do not see: those shipped entries are replaced by the task-local columns, and
   * anything else a user added to the filter's variables stays. False if nothing was to change, so
   * a second start changes nothing.
   */
  @SuppressWarnings("unchecked")
  static boolean upgradeColumns(Filter filter) {
    Map<String, Object> properties =
        filter.getProperties() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(filter.getProperties());
    List<Map<String, Object>> before =
        properties.get("variables") instanceof List<?> list
            ? (List<Map<String, Object>>) list
            : List.of();
    List<Map<String, Object>> after = new ArrayList<>(columns());
    for (Map<String, Object> variable : before) {
      Object name = variable.get("name");
      boolean column = after.stream().anyMatch(c -> c.get("name").equals(name));
      if (!column && !FORMER_COLUMNS.contains(name)) {
        after.add(variable);
      }
    }
    if (after.equals(before)) {
      return false;
    }
    properties.put("variables", after);
    filter.setProperties(properties);
    return true;
  }

  /** The process variables the filters showed before the task list columns. */
  static final List<String> FORMER_COLUMNS =
      List.of(
          ComplaintVariables.COMPLAINT_NUMBER,
          ChangeVariables.CHANGE_NUMBER,
          ComplaintVariables.CUSTOMER_NAME,
          ComplaintVariables.TIER,
          ComplaintVariables.SEVERITY);

  static List<Map<String, Object>> columns() {
    return List.of(
        variable(TaskListVariables.NUMBER.name(), "Number (单号)"),
        variable(TaskListVariables.CUSTOMER.name(), "Customer (客户)"),
        variable(TaskListVariables.TIER.name(), "Tier (客户等级)"),
        variable(TaskListVariables.SEVERITY.name(), "Severity (严重程度)"));
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

  private static Map<String, Object> properties(String description, int priority, String color) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("color", color);
    // task-local copies (TaskListColumns), so every candidate group sees them
    properties.put("variables", new ArrayList<>(columns()));
    return properties;
  }

  private static Map<String, Object> variable(String name, String label) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("name", name);
    variable.put("label", label);
    return variable;
  }
}
