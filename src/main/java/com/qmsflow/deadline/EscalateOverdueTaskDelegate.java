package com.qmsflow.deadline;

import static com.qmsflow.deadline.DeadlineVariables.*;

import com.qmsflow.deadline.EscalationRepository.Escalation;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Notification;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Runs when a deadline task's boundary timer fires. Input parameters of the service task name the
 * task ({@code escalatedTask}, its activity id), the deadline decision and step, and the level. It
 * raises the task's priority, adds the escalation group from the decision as candidate group,
 * records the escalation and notifies the group. Running it twice (a retried job) changes nothing
 * more: every step is "ensure", and the record and notification are keyed by task and level.
 */
@Component("escalateOverdueTask")
public class EscalateOverdueTaskDelegate implements JavaDelegate {

  static final int LEVEL_ONE_PRIORITY = 90;
  static final int LEVEL_TWO_PRIORITY = 100;

  private final DeadlineService deadlines;
  private final EscalationRepository escalations;
  private final NotificationService notifications;
  private final MailSettings mail;
  private final Clock clock;

  public EscalateOverdueTaskDelegate(
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

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = ESCALATED_TASK.get(execution);
    String decision = DEADLINE_DECISION.get(execution);
    String step = DEADLINE_STEP.get(execution);
    int level = ESCALATION_LEVEL.get(execution).intValue();
    String group = deadlines.rule(decision, execution, step).groupForLevel(level);
    String businessKey = execution.getProcessBusinessKey();
    Instant now = clock.instant();

    TaskService taskService = execution.getProcessEngineServices().getTaskService();
    List<Task> open =
        taskService
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(taskKey)
            .list();
    for (Task task : open) {
      int priority = level <= 1 ? LEVEL_ONE_PRIORITY : LEVEL_TWO_PRIORITY;
      if (task.getPriority() < priority) {
        taskService.setPriority(task.getId(), priority);
      }
      if (!hasCandidateGroup(taskService, task.getId(), group)) {
        taskService.addCandidateGroup(task.getId(), group);
      }
      Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
      escalations.recordOnce(
          execution.getProcessInstanceId(),
          new Escalation(
              businessKey, task.getId(), taskKey, task.getName(), level, group, due, now));
      notifications.notifyOnce(
          "escalation:" + task.getId() + ":" + level,
          new Notification(
              "ESCALATION",
              group,
              businessKey,
              "Overdue (level " + level + "): " + task.getName() + " of " + businessKey,
              body(execution, task, businessKey, level, group)),
          now);
    }
  }

  /**
   * The notice to the escalation group's members: task, number, customer, due date, level and the
   * task's link.
   */
  private String body(
      DelegateExecution execution, Task task, String businessKey, int level, String group) {
    Object customer = CUSTOMER_NAME.raw(execution);
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

  private static boolean hasCandidateGroup(TaskService taskService, String taskId, String group) {
    for (IdentityLink link : taskService.getIdentityLinksForTask(taskId)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId())) {
        return true;
      }
    }
    return false;
  }
}
