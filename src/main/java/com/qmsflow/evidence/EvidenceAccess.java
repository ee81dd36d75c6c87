package com.qmsflow.evidence;

import com.qmsflow.identity.Groups;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Service;

/**
 * Who is calling, and what evidence that user may see, upload and remove. The one place of the
 * evidence authorization rules, to be aligned with the application's global authorization model:
 *
 * <ul>
 *   <li><b>See</b> (list, download) a complaint's files: members of the groups that handle
 *       complaints ({@link #COMPLAINT_GROUPS}), users and groups that have or had a task in the
 *       complaint's process (or in the 8D it called), and {@code camunda-admin}. An 8D report's files:
 *       {@link #CORRECTIVE_ACTION_GROUPS}, users and groups that have or had a task in the 8D (the
 *       team), everybody who may see the complaint that raised it, and {@code camunda-admin}.
 *   <li><b>Upload</b> on a step: who may work on its open task (assignee, candidate user, member of
 *       a candidate group) or {@code camunda-admin}; files sent with a complaint ({@code intake}):
 *       everybody who may see it, while it is open.
 *   <li><b>Remove</b> while the task is open: the uploader, a member of the task's candidate groups
 *       or {@code camunda-admin}.
 * </ul>
 *
 * <p>The caller is the engine's current authentication ({@code identityService.getCurrentAuthentication()},
 * set by an authentication filter); without one, HTTP Basic credentials checked against the Camunda
 * identity, or the session of the Camunda webapps (Tasklist) in the same browser.
 */
@Service
public class EvidenceAccess {

  public static final String ADMIN_GROUP = "camunda-admin";

  public static final List<String> COMPLAINT_GROUPS = List.of(Groups.CUSTOMER_SERVICE, Groups.SALES,
      Groups.SALES_MANAGEMENT, Groups.QUALITY, Groups.QUALITY_MANAGEMENT, Groups.GENERAL_MANAGER);

  public static final List<String> CORRECTIVE_ACTION_GROUPS = List.of(Groups.QUALITY, Groups.QUALITY_MANAGEMENT);

  /**
   * An authenticated user.
   *
   * @param viaSession authenticated by the webapp session cookie only: changes need the
   *                   {@code X-Requested-With} header then (a cross-site form cannot send it)
   */
  public record Caller(String userId, Set<String> groupIds, boolean viaSession) {

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
  private final ProcessEngine engine;

  public EvidenceAccess(IdentityService identityService, HistoryService historyService, TaskService taskService,
      ProcessEngine engine) {
    this.identityService = identityService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.engine = engine;
  }

  /** The calling user, or empty when the request carries no (valid) authentication. */
  public Optional<Caller> caller(HttpServletRequest request) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      List<String> groups = current.getGroupIds();
      return Optional.of(new Caller(current.getUserId(),
          groups == null ? groupsOf(current.getUserId()) : Set.copyOf(groups), false));
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(header.substring(6).trim());
    }
    return session(request.getSession(false));
  }

  private Optional<Caller> basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String user = decoded.substring(0, colon);
    return identityService.checkPassword(user, decoded.substring(colon + 1))
        ? Optional.of(new Caller(user, groupsOf(user), false)) : Optional.empty();
  }

  private Optional<Caller> session(HttpSession session) {
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user)) {
      return Optional.empty();
    }
    Set<String> groups = user.getGroupIds() == null ? groupsOf(user.getName()) : Set.copyOf(user.getGroupIds());
    return Optional.of(new Caller(user.getName(), groups, true));
  }

  private Set<String> groupsOf(String userId) {
    Set<String> groups = new HashSet<>();
    for (Group g : identityService.createGroupQuery().groupMember(userId).list()) {
      groups.add(g.getId());
    }
    return Set.copyOf(groups);
  }

  /** May the caller see the files of a complaint whose process instance is given (may be null)? */
  public boolean maySeeComplaint(Caller caller, String processInstanceId) {
    return caller.admin() || caller.inAny(COMPLAINT_GROUPS)
        || (processInstanceId != null && involved(caller, processInstanceId, true));
  }

  /** May the caller see the files of an 8D (and the complaint that raised it, if any)? */
  public boolean maySeeCorrectiveAction(Caller caller, String processInstanceId, String complaintProcessInstanceId,
      boolean raisedByComplaint) {
    return caller.admin() || caller.inAny(CORRECTIVE_ACTION_GROUPS)
        || (processInstanceId != null && involved(caller, processInstanceId, false))
        || (raisedByComplaint && maySeeComplaint(caller, complaintProcessInstanceId));
  }

  /** Has or had the caller (or one of the caller's groups) a task in the process (and the ones it called)? */
  private boolean involved(Caller caller, String processInstanceId, boolean includeCalled) {
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

  private org.camunda.bpm.engine.history.HistoricTaskInstanceQuery tasks(String processInstanceId, boolean includeCalled) {
    org.camunda.bpm.engine.history.HistoricTaskInstanceQuery query = historyService.createHistoricTaskInstanceQuery();
    return includeCalled ? query.rootProcessInstanceId(processInstanceId) : query.processInstanceId(processInstanceId);
  }

  /** May the caller work on (and so upload to) the open task? */
  public boolean mayWorkOn(Caller caller, Task task) {
    if (caller.admin() || caller.userId().equals(task.getAssignee())) {
      return true;
    }
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (caller.userId().equals(link.getUserId()) || (link.getGroupId() != null && caller.groupIds().contains(link.getGroupId())))) {
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
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
          && caller.groupIds().contains(link.getGroupId())) {
        return true;
      }
    }
    return false;
  }
}
