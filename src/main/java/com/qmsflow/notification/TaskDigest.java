package com.qmsflow.notification;

import com.qmsflow.notification.NotificationService.Recipient;
import com.qmsflow.notification.RecipientDirectory.MailUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The digest of new tasks: one mail per user listing the open tasks created since the last digest
 * for the user's groups (candidate groups) or assigned to the user, with the complaint, 8D or
 * change number (the business key), task name, due date and a link to the task in Tasklist. Runs
 * every {@code qms.mail.task-digest.interval} (disabled when empty or 0).
 *
 * <p>A run covers the tasks created in {@code (covered_until, now - settle-time]}: the settle time
 * (default 1 minute) lets transactions that created a task commit before its period is announced.
 * The watermark row {@code task_digest_run} is advanced by a compare-and-set update in the same
 * transaction that queues the mails, so when several nodes run the digest only one announces a
 * period, and a run that fails announces nothing and is repeated by the next run. The mails go
 * through the outbox (dedup key per user and period) and are delivered by {@link OutboxDispatcher}.
 * Tasks completed before the digest runs are not listed. The first run ever covers one interval.
 */
@Component
public class TaskDigest {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDigest.class);
  static final String RUN_NAME = "task-created";
  static final String KIND = "TASK_DIGEST";

  /** Tasks listed in one mail; the rest are counted and are in Tasklist. */
  static final int MAX_LISTED = 100;

  private record NewTask(Task task, String businessKey, String customer, String via) {}

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final RecipientDirectory directory;
  private final NotificationService notifications;
  private final MailSettings settings;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public TaskDigest(
      TaskService taskService,
      RuntimeService runtimeService,
      RecipientDirectory directory,
      NotificationService notifications,
      MailSettings settings,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      Clock clock) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.directory = directory;
    this.notifications = notifications;
    this.settings = settings;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Scheduled entry point (see {@link MailScheduling}). */
  public int run() {
    return run(clock.instant());
  }

  /**
   * Queues the digests of the period ending {@code now - settle time}; returns the number of mails
   * queued.
   */
  public int run(Instant now) {
    Instant until = now.minus(settings.taskDigestSettleTime());
    Optional<Instant> since = coveredUntil();
    if (since.isEmpty()) {
      Instant start =
          until.minus(
              settings.taskDigestEnabled()
                  ? settings.taskDigestInterval()
                  : java.time.Duration.ofMinutes(15));
      try {
        jdbc.sql("insert into task_digest_run (name, covered_until, ran_at) values (?, ?, ?)")
            .params(RUN_NAME, Timestamp.from(start), Timestamp.from(now))
            .update();
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        // fine: read its watermark below
      }
      since = coveredUntil();
    }
    Instant from = since.orElseThrow();
    if (!until.isAfter(from)) {
      return 0;
    }
    Integer queued =
        transaction.execute(
            status -> {
              boolean mine =
                  jdbc.sql(
                              """
                              update task_digest_run set covered_until = ?, ran_at = ? where name = ? and covered_until = ?\
                              """)
                          .params(
                              Timestamp.from(until),
                              Timestamp.from(now),
                              RUN_NAME,
                              Timestamp.from(from))
                          .update()
                      == 1;
              return mine ? queue(from, until, now) : 0;
            });
    return queued == null ? 0 : queued;
  }

  private Optional<Instant> coveredUntil() {
    return jdbc.sql("select covered_until from task_digest_run where name = ?")
        .param(RUN_NAME)
        .query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .optional();
  }

  private int queue(Instant from, Instant until, Instant now) {
    // created in (from, until]: the task query's bounds are exclusive, times are stored in
    // milliseconds
    List<Task> created =
        taskService
            .createTaskQuery()
            .taskCreatedAfter(Date.from(from))
            .taskCreatedBefore(Date.from(until.plusMillis(1)))
            .active()
            .orderByTaskCreateTime()
            .asc()
            .list();
    if (created.isEmpty()) {
      return 0;
    }
    Map<String, ProcessInstance> instances = new HashMap<>();
    Set<String> instanceIds = new LinkedHashSet<>();
    created.stream()
        .map(Task::getProcessInstanceId)
        .filter(id -> id != null)
        .forEach(instanceIds::add);
    if (!instanceIds.isEmpty()) {
      runtimeService
          .createProcessInstanceQuery()
          .processInstanceIds(instanceIds)
          .list()
          .forEach(p -> instances.put(p.getId(), p));
    }
    Map<String, List<MailUser>> members = new HashMap<>();
    Map<String, MailUser> users = new TreeMap<>();
    Map<String, Map<String, NewTask>> perUser = new TreeMap<>();
    for (Task task : created) {
      ProcessInstance instance = instances.get(task.getProcessInstanceId());
      String businessKey = instance == null ? null : instance.getBusinessKey();
      String customer = customerName(task);
      if (task.getAssignee() != null) {
        directory
            .user(task.getAssignee())
            .ifPresent(u -> add(perUser, users, u, task, businessKey, customer, "assigned to you"));
      }
      for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
          continue;
        }
        if (link.getGroupId() != null) {
          for (MailUser u : members.computeIfAbsent(link.getGroupId(), directory::membersOf)) {
            add(perUser, users, u, task, businessKey, customer, "group " + link.getGroupId());
          }
        } else if (link.getUserId() != null) {
          directory
              .user(link.getUserId())
              .ifPresent(
                  u -> add(perUser, users, u, task, businessKey, customer, "you as candidate"));
        }
      }
    }
    int queued = 0;
    for (Map.Entry<String, Map<String, NewTask>> entry : perUser.entrySet()) {
      MailUser user = users.get(entry.getKey());
      List<NewTask> tasks = new ArrayList<>(entry.getValue().values());
      tasks.sort(
          Comparator.comparing(
                  (NewTask t) -> t.task().getDueDate(),
                  Comparator.nullsLast(Comparator.naturalOrder()))
              .thenComparing(t -> t.task().getCreateTime()));
      String subject =
          tasks.size() == 1
              ? "New task: " + label(tasks.get(0))
              : tasks.size() + " new tasks in Tasklist";
      if (notifications.queueOnce(
          "task-digest:" + user.userId() + ":" + until.toEpochMilli(),
          KIND,
          Recipient.user(user.userId()),
          null,
          subject,
          body(user, tasks, from),
          now)) {
        queued++;
      }
    }
    LOG.info("Task digest up to {}: {} new tasks, {} mails queued", until, created.size(), queued);
    return queued;
  }

  private String customerName(Task task) {
    if (task.getExecutionId() == null) {
      return null;
    }
    Object name = runtimeService.getVariable(task.getExecutionId(), "customerName");
    return name == null ? null : name.toString();
  }

  private static void add(
      Map<String, Map<String, NewTask>> perUser,
      Map<String, MailUser> users,
      MailUser user,
      Task task,
      String businessKey,
      String customer,
      String via) {
    users.putIfAbsent(user.userId(), user);
    perUser
        .computeIfAbsent(user.userId(), k -> new java.util.LinkedHashMap<>())
        .putIfAbsent(task.getId(), new NewTask(task, businessKey, customer, via));
  }

  private static String label(NewTask t) {
    return (t.businessKey() == null ? "" : t.businessKey() + " · ") + t.task().getName();
  }

  private String body(MailUser user, List<NewTask> tasks, Instant from) {
    StringBuilder b = new StringBuilder();
    b.append("Hello ")
        .append(user.name())
        .append(",\n\n")
        .append(tasks.size() == 1 ? "A new task is" : tasks.size() + " new tasks are")
        .append(" waiting in Tasklist (created since ")
        .append(settings.format(from))
        .append("):\n");
    int n = 0;
    for (NewTask t : tasks) {
      if (++n > MAX_LISTED) {
        b.append("\n… and ").append(tasks.size() - MAX_LISTED).append(" more; see Tasklist.\n");
        break;
      }
      b.append("\n")
          .append(n)
          .append(". ")
          .append(label(t))
          .append("\n")
          .append("   Due: ")
          .append(settings.format(t.task().getDueDate()));
      if (t.customer() != null) {
        b.append(" · Customer: ").append(t.customer());
      }
      b.append(" · For: ")
          .append(t.via())
          .append("\n")
          .append("   ")
          .append(settings.taskLink(t.task().getId()))
          .append("\n");
    }
    return b.toString();
  }
}
