package com.qmsflow.evidence;

import com.qmsflow.identity.Groups;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Who is calling, and what evidence that user may see, upload and remove. The one place of the
 * evidence authorization rules, to be aligned with the application's global authorization model:
 *
 * <ul>
 *   <li><b>See</b> (list, download) a complaint's files: members of the groups that handle
 *       complaints ({@link #COMPLAINT_GROUPS}), users and groups that have or had a task in the
 *       complaint's process (or in the 8D it called), and {@code camunda-admin}. An 8D report's
 *       files: {@link #CORRECTIVE_ACTION_GROUPS}, users and groups that have or had a task in the
 *       8D (the team), everybody who may see the complaint that raised it, and {@code
 *       camunda-admin}.
 *   <li><b>Upload</b> on a step: who may work on its open task (assignee, candidate user, member of
 *       a candidate group) or {@code camunda-admin}; files sent with a complaint ({@code intake}):
 *       everybody who may see it, while it is open.
 *   <li><b>Remove</b> while the task is open: the uploader, a member of the task's candidate groups
 *       or {@code camunda-admin}.
 * </ul>
 *
 * <p>The caller is the engine's current authentication ({@code
 * identityService.getCurrentAuthentication()}, set for {@code /api/**} by {@code
 * security/RestAuthenticationFilter}). The rules here are checked on the whole history ({@link
 * #asSystem}), independent of the caller's engine grants.
 */
@Service
public class EvidenceAccess {

  public static final String ADMIN_GROUP = "camunda-admin";

  public static final List<String> COMPLAINT_GROUPS =
      List.of(
          Groups.CUSTOMER_SERVICE,
          Groups.SALES,
          Groups.SALES_MANAGEMENT,
          Groups.QUALITY,
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER);

  public static final List<String> CORRECTIVE_ACTION_GROUPS =
      List.of(Groups.QUALITY, Groups.QUALITY_MANAGEMENT);

  /** An authenticated user with the ids of the user's groups. */
  public record Caller(String userId, Set<String> groupIds) {

    public boolean admin() {
      return groupIds.contains(ADMIN_GROUP);
    }

    public boolean inAny(Collection<String> groups) {
      return groups.stream().anyMatch(groupIds::contains);
    }
  }

  private final IdentityService identityService;
  private final HistoryService historyService;
  private final TaskService taskService;

  public EvidenceAccess(
      IdentityService identityService, HistoryService historyService, TaskService taskService) {
    this.identityService = identityService;
    this.historyService = historyService;
    this.taskService = taskService;
  }

  /**
   * The calling user: the engine's current authentication, set for {@code /api/**} by the
   * application's authentication filter (HTTP Basic, or the Tasklist session with its CSRF token).
   */
  public Optional<Caller> caller() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return Optional.empty();
    }
    List<String> groups = current.getGroupIds();
    return Optional.of(
        new Caller(
            current.getUserId(),
            groups == null ? groupsOf(current.getUserId()) : Set.copyOf(groups)));
  }

  private Set<String> groupsOf(String userId) {
    return asSystem(
        () -> {
          Set<String> groups = new HashSet<>();
          for (Group g : identityService.createGroupQuery().groupMember(userId).list()) {
            groups.add(g.getId());
          }
          return Set.copyOf(groups);
        });
  }

  /**
   * Runs engine queries without the caller's engine authorizations: the evidence rules decide here,
   * from the whole history (a user's historic tasks are not readable to that user by grant). The
   * authentication is the request thread's own and is restored afterwards.
   */
  public <T> T asSystem(Supplier<T> query) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      return query.get();
    }
    identityService.clearAuthentication();
    try {
      return query.get();
    } finally {
      identityService.setAuthentication(current);
    }
  }

  /** May the caller see the files of a complaint whose process instance is given (may be null)? */
  public boolean maySeeComplaint(Caller caller, String processInstanceId) {
    return caller.admin()
        || caller.inAny(COMPLAINT_GROUPS)
        || (processInstanceId != null && involved(caller, processInstanceId, true));
  }

  /** May the caller see the files of an 8D (and the complaint that raised it, if any)? */
  public boolean maySeeCorrectiveAction(
      Caller caller,
      String processInstanceId,
      String complaintProcessInstanceId,
      boolean raisedByComplaint) {
    return caller.admin()
        || caller.inAny(CORRECTIVE_ACTION_GROUPS)
        || (processInstanceId != null && involved(caller, processInstanceId, false))
        || (raisedByComplaint && maySeeComplaint(caller, complaintProcessInstanceId));
  }

  /**
   * Has or had the caller (or one of the caller's groups) a task in the process (and the ones it
   * called)?
   */
  private boolean involved(Caller caller, String processInstanceId, boolean includeCalled) {
    return asSystem(() -> involvedAsSystem(caller, processInstanceId, includeCalled));
  }

  private boolean involvedAsSystem(Caller caller, String processInstanceId, boolean includeCalled) {
    if (tasks(processInstanceId, includeCalled).taskInvolvedUser(caller.userId()).count() > 0) {
      return true;
    }
    for (String group : caller.groupIds()) {
      if (tasks(processInstanceId, includeCalled).taskHadCandidateGroup(group).count() > 0) {
        return true;
      }
    }
    return false;
  }

  private org.camunda.bpm.engine.history.HistoricTaskInstanceQuery tasks(
      String processInstanceId, boolean includeCalled) {
    org.camunda.bpm.engine.history.HistoricTaskInstanceQuery query =
        historyService.createHistoricTaskInstanceQuery();
    return includeCalled
        ? query.rootProcessInstanceId(processInstanceId)
        : query.processInstanceId(processInstanceId);
  }

  /** May the caller work on (and so upload to) the open task? */
  public boolean mayWorkOn(Caller caller, Task task) {
    if (caller.admin() || caller.userId().equals(task.getAssignee())) {
      return true;
    }
    for (IdentityLink link : links(task)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (caller.userId().equals(link.getUserId())
              || (link.getGroupId() != null && caller.groupIds().contains(link.getGroupId())))) {
        return true;
      }
    }
    return false;
  }

  /** May the caller remove a file uploaded on the open task? */
  public boolean mayRemove(Caller caller, Attachment attachment, Task task) {
    if (caller.admin() || caller.userId().equals(attachment.uploadedBy())) {
      return true;
    }
    if (task == null) {
      return false;
    }
    for (IdentityLink link : links(task)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && link.getGroupId() != null
          && caller.groupIds().contains(link.getGroupId())) {
        return true;
      }
    }
    return false;
  }

  private List<IdentityLink> links(Task task) {
    return asSystem(() -> taskService.getIdentityLinksForTask(task.getId()));
  }
}
