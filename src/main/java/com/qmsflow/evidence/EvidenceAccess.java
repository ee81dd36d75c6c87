package com.qmsflow.evidence;

import com.qmsflow.access.Reader;
import com.qmsflow.access.RecordAccess;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Who is calling, and what evidence that user may see, upload and remove.
 *
 * <ul>
 *   <li><b>See</b> (list, download) the files of a complaint or an 8D report: whoever may read the
 *       record itself, by the one rule of {@link RecordAccess} (decided from the project's tables,
 *       so it holds after Camunda's history cleanup).
 *   <li><b>Upload</b> on a step: who may work on its open task (assignee, candidate user, member of
 *       a candidate group) or {@code camunda-admin}; files sent with a complaint ({@code intake}):
 *       everybody who may see it, while it is open.
 *   <li><b>Remove</b> while the task is open: the uploader, a member of the task's candidate groups
 *       or {@code camunda-admin}.
 * </ul>
 *
 * <p>The caller is the engine's current authentication ({@code
 * identityService.getCurrentAuthentication()}, set for {@code /api/**} by {@code
 * security/RestAuthenticationFilter}). The open tasks are read without the caller's engine grants
 * ({@link #asSystem}).
 */
@Service
public class EvidenceAccess {

  private final IdentityService identityService;
  private final TaskService taskService;
  private final RecordAccess records;

  public EvidenceAccess(
      IdentityService identityService, TaskService taskService, RecordAccess records) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.records = records;
  }

  /**
   * The calling user: the engine's current authentication, set for {@code /api/**} by the
   * application's authentication filter (HTTP Basic, or the Tasklist session with its CSRF token).
   */
  public Optional<Reader> caller() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return Optional.empty();
    }
    List<String> groups = current.getGroupIds();
    return Optional.of(
        new Reader(
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
   * Runs engine queries without the caller's engine authorizations: the evidence rules decide here
   * (a user's open tasks of others are not readable to that user by grant). The authentication is
   * the request thread's own and is restored afterwards.
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

  /** May the caller see the files of the complaint? */
  public boolean maySeeComplaint(Reader caller, String complaintNumber) {
    return records.mayReadComplaint(caller, complaintNumber);
  }

  /** May the caller see the files of the 8D report? */
  public boolean maySeeCorrectiveAction(Reader caller, String eightDNumber) {
    return records.mayReadCorrectiveAction(caller, eightDNumber);
  }

  /** May the caller work on (and so upload to) the open task? */
  public boolean mayWorkOn(Reader caller, Task task) {
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
  public boolean mayRemove(Reader caller, Attachment attachment, Task task) {
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
