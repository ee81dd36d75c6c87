package com.qmsflow.deadline;

import static com.qmsflow.deadline.DeadlineVariables.CUSTOMER_NAME;

import com.qmsflow.deadline.EscalationRepository.Escalation;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Notification;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Escalates an overdue deadline task: the timeout task listeners that {@link DeadlineTaskPlugin}
 * gives every deadline task call {@code ${escalateOverdueTask.level(1, 'complaint-deadlines',
 * 'confirm')}}, which returns the listener for that level, decision and step (a small immutable
 * object, so nothing is injected into this shared bean). The listener raises the task's priority,
 * adds the escalation group from the decision as candidate group, records the escalation and
 * notifies the group. Running it twice (a retried job) changes nothing more: every step is
 * "ensure", and the record and the notification are keyed by task and level.
 */
@Component("escalateOverdueTask")
public class EscalateOverdueTask {

  static final int LEVEL_ONE_PRIORITY = 90;
  static final int LEVEL_TWO_PRIORITY = 100;

  private final DeadlineService deadlines;
  private final EscalationRepository escalations;
  private final NotificationService notifications;
  private final MailSettings mail;
  private final Clock clock;

  public EscalateOverdueTask(
      DeadlineService deadlines,
      EscalationRepository escalations,
      NotificationService notifications,
      MailSettings mail,
      Clock clock) {
    this.clock = clock;
    this.deadlines = deadlines;
    this.escalations = escalations;
    this.notifications = notifications;
    this.mail = mail;
  }

  /** The timeout listener of one escalation level of a step of a deadlines decision. */
  public TaskListener level(int level, String decision, String step) {
    if (level < 1 || level > 2) {
      throw new IllegalArgumentException("Escalation level must be 1 or 2, not " + level);
    }
    return task -> escalate(task, level, decision, step);
  }

  void escalate(DelegateTask task, int level, String decision, String step) {
    // The rule's inputs are the process's variables, read from the task's execution as when the
    // task was created (DeadlineService.dueAt): the task's own variables (its cached instants) are
    // neither inputs nor loaded, one query less per escalation.
    DelegateExecution process = task.getExecution();
    String group = deadlines.rule(decision, process, step).groupForLevel(level);
    String businessKey = process.getProcessBusinessKey();
    Instant now = clock.instant();

    int priority = level <= 1 ? LEVEL_ONE_PRIORITY : LEVEL_TWO_PRIORITY;
    if (task.getPriority() < priority) {
      task.setPriority(priority);
    }
    if (!hasCandidateGroup(task, group)) {
      task.addCandidateGroup(group);
    }
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    escalations.recordOnce(
        task.getProcessInstanceId(),
        new Escalation(
            businessKey,
            task.getId(),
            task.getTaskDefinitionKey(),
            task.getName(),
            level,
            group,
            due,
            now));
    notifications.notifyOnce(
        "escalation:" + task.getId() + ":" + level,
        new Notification(
            "ESCALATION",
            group,
            businessKey,
            "Overdue (level " + level + "): " + task.getName() + " of " + businessKey,
            body(task, process, businessKey, level, group)),
        now);
  }

  /**
   * The notice to the escalation group's members: task, number, customer, due date, level and the
   * task's link.
   */
  private String body(
      DelegateTask task, DelegateExecution process, String businessKey, int level, String group) {
    Object customer = CUSTOMER_NAME.raw(process);
    return "The task \""
        + task.getName()
        + "\" of "
        + businessKey
        + (customer == null ? "" : " (customer " + customer + ")")
        + " was due "
        + mail.format(task.getDueDate())
        + " and is not done.\n\n"
        + "Escalation level: "
        + level
        + "\n"
        + "Number: "
        + businessKey
        + "\n"
        + "Task: "
        + task.getName()
        + "\n"
        + "Due: "
        + mail.format(task.getDueDate())
        + "\n"
        + "Assignee: "
        + (task.getAssignee() == null ? "nobody has claimed it" : task.getAssignee())
        + "\n\n"
        + "The task is now also in the Tasklist of group "
        + group
        + ":\n"
        + mail.taskLink(task.getId())
        + "\n";
  }

  private static boolean hasCandidateGroup(DelegateTask task, String group) {
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId())) {
        return true;
      }
    }
    return false;
  }
}
