package com.qmsflow.complaint;

import com.qmsflow.customer.CustomerRepository.MailContact;
import com.qmsflow.evidence.Attachment;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.InvalidRequestException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The written reply to the customer (step 18) as a person sends it: from the complaint's record
 * page or {@code POST /api/complaints/{number}/reply-mail}, while "Reply in writing" is open, by
 * its assignee or a member of its candidate groups, after they confirmed they reviewed it. It goes
 * to the customer contact of the archive with the evidence files chosen from the complaint and its
 * 8D, through the mail outbox, and is kept in {@code customer_reply}: one reply per complaint, so a
 * repeated click sends nothing more and a different second text is refused.
 */
@Service
public class CustomerReplies {

  /** All attachments of one reply together: mail servers commonly refuse messages over 25 MB. */
  public static final long MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;

  /** A file mailed with the reply, as it was when sent. */
  public record SentFile(
      long attachmentId, String name, String contentType, long size, String sha256) {}

  /**
   * The reply kept in the record.
   *
   * @param status the outbox status: {@code PENDING}, {@code SENT}, {@code LOGGED} (no mail server
   *     configured) or {@code FAILED}
   * @param deliveredAt when the mail server accepted it, null before
   */
  public record SentReply(
      String complaintNumber,
      String toName,
      String toAddress,
      String subject,
      String body,
      List<SentFile> files,
      String sentBy,
      Instant requestedAt,
      String status,
      Instant deliveredAt) {

    public String to() {
      return toName == null || toName.isBlank() ? toAddress : toName + " <" + toAddress + ">";
    }

    List<Long> attachmentIds() {
      return files.stream().map(SentFile::attachmentId).toList();
    }
  }

  /**
   * What the record page offers to send: the archived contact (empty: none with an address), the
   * draft built from the findings, and the evidence files that may go with it (those uploaded on
   * the reply step are proposed).
   */
  public record Composer(
      Optional<MailContact> to,
      String subject,
      String text,
      List<Attachment> evidence,
      Set<Long> proposed) {}

  /** The outcome of a send: whether it was queued now, and the reply as kept. */
  public record Outcome(boolean queuedNow, SentReply reply) {}

  private final ReplyMails replies;
  private final NotificationService notifications;
  private final AttachmentRepository attachments;
  private final TaskService taskService;
  private final JdbcClient jdbc;

  public CustomerReplies(
      ReplyMails replies,
      NotificationService notifications,
      AttachmentRepository attachments,
      TaskService taskService,
      JdbcClient jdbc) {
    this.replies = replies;
    this.notifications = notifications;
    this.attachments = attachments;
    this.taskService = taskService;
    this.jdbc = jdbc;
  }

  /** The reply sent for this complaint, if any. */
  public Optional<SentReply> sent(String complaintNumber) {
    record Row(
        long notificationId,
        String recipientName,
        String recipientAddress,
        String subject,
        String body,
        String sentBy,
        Timestamp requestedAt,
        String status,
        Timestamp sentAt) {}
    return jdbc.sql(
            """
            select r.notification_id, r.recipient_name, r.recipient_address, r.subject, r.body, r.sent_by,
                   r.requested_at, n.status, n.sent_at
            from customer_reply r join notification n on n.id = r.notification_id
            where r.complaint_number = ?\
            """)
        .param(complaintNumber)
        .query(Row.class)
        .optional()
        .map(
            row ->
                new SentReply(
                    complaintNumber,
                    row.recipientName(),
                    row.recipientAddress(),
                    row.subject(),
                    row.body(),
                    files(row.notificationId()),
                    row.sentBy(),
                    row.requestedAt().toInstant(),
                    row.status(),
                    row.sentAt() == null ? null : row.sentAt().toInstant()));
  }

  private List<SentFile> files(long notificationId) {
    return jdbc.sql(
            """
            select attachment_id, file_name as name, content_type, size_bytes as size, sha256 from notification_attachment
            where notification_id = ? order by position\
            """)
        .param(notificationId)
        .query(SentFile.class)
        .list();
  }

  /**
   * The open "Reply in writing" of the instance, as the task service of the caller sees it (on
   * {@code /api} under the engine's authorizations of the current user).
   */
  public Optional<Task> openReplyTask(String processInstanceId) {
    if (processInstanceId == null) {
      return Optional.empty();
    }
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(ComplaintVariables.REPLY_TASK)
        .list()
        .stream()
        .findFirst();
  }

  /** Whether the reply task's instance has one at all, whoever may see it. */
  public boolean replyDue(String processInstanceId) {
    return processInstanceId != null
        && jdbc.sql(
                    "select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ ="
                        + " ?")
                .params(processInstanceId, ComplaintVariables.REPLY_TASK)
                .query(Integer.class)
                .single()
            > 0;
  }

  /** The task's assignee, or a member of one of its candidate groups. */
  public boolean mayWork(Task task, String userId, Collection<String> groups) {
    if (task == null || userId == null) {
      return false;
    }
    if (userId.equals(task.getAssignee())) {
      return true;
    }
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .anyMatch(groups::contains);
  }

  /**
   * Whether a user may be answered about the reply that was sent (a repeated send): its sender and
   * the members of the groups the reply step was meant for (as recorded in {@code process_step}).
   */
  public boolean mayRepeat(
      SentReply reply, Complaint complaint, String userId, Collection<String> groups) {
    if (reply.sentBy().equals(userId)) {
      return true;
    }
    return jdbc
        .sql(
            "select candidate_groups from process_step where process_instance_id = ? and"
                + " task_definition_key = ?")
        .params(complaint.processInstanceId(), ComplaintVariables.REPLY_TASK)
        .query(String.class)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .flatMap(g -> java.util.Arrays.stream(g.split(",")))
        .map(String::trim)
        .anyMatch(groups::contains);
  }

  /** What the page offers to send for the open reply task. */
  public Composer composer(Complaint complaint, Task task) {
    Map<String, Object> variables = taskService.getVariables(task.getId());
    ReplyMails.Draft draft = replies.draft(variables);
    List<Attachment> evidence =
        attachments.findByComplaintWithItsEightD(complaint.complaintNumber());
    Set<Long> proposed =
        evidence.stream()
            .filter(a -> ComplaintVariables.REPLY_TASK.equals(a.step()))
            .map(Attachment::id)
            .collect(Collectors.toSet());
    return new Composer(draft.to(), draft.subject(), draft.text(), evidence, proposed);
  }

  /** The contact the reply of this complaint goes to, from the archive. */
  public Optional<MailContact> contact(Complaint complaint, Task task) {
    Object contactName =
        taskService.getVariable(task.getId(), ComplaintVariables.CONTACT_NAME.name());
    return replies.contact(
        complaint.customerCode(), contactName == null ? null : contactName.toString());
  }

  /**
   * Whether a request repeats the reply that was sent: the same subject, text and files. A
   * different one is refused with 409: the customer has the reply already.
   */
  public static boolean repeats(
      SentReply reply, String subject, String text, List<Long> attachmentIds) {
    return reply.subject().equals(subject)
        && reply.body().equals(text)
        && reply.attachmentIds().equals(attachmentIds);
  }

  /**
   * Queues the reviewed reply for the customer contact with the chosen evidence files and keeps it
   * in the record; the caller has checked who sends it and that the reply task is open.
   */
  @Transactional
  public Outcome send(
      Complaint complaint,
      MailContact to,
      String subject,
      String text,
      List<Long> attachmentIds,
      String userId,
      Instant now) {
    String number = complaint.complaintNumber();
    Optional<SentReply> earlier = sent(number);
    if (earlier.isPresent()) {
      if (repeats(earlier.get(), subject, text, attachmentIds)) {
        return new Outcome(false, earlier.get());
      }
      throw new ConflictException("reply.alreadySent", number, earlier.get().to());
    }
    Map<Long, Attachment> evidence = new LinkedHashMap<>();
    attachments.findByComplaintWithItsEightD(number).forEach(a -> evidence.put(a.id(), a));
    List<Attachment> chosen = new ArrayList<>();
    long total = 0;
    for (Long id : attachmentIds) {
      Attachment file = evidence.get(id);
      if (file == null) {
        throw InvalidRequestException.of(
            "attachments", "reply.attachmentUnknown", String.valueOf(id), number);
      }
      if (chosen.stream().noneMatch(a -> Objects.equals(a.id(), id))) {
        chosen.add(file);
        total += file.size();
      }
    }
    if (total > MAX_ATTACHMENT_BYTES) {
      throw InvalidRequestException.of(
          "attachments", "reply.attachmentsTooLarge", MAX_ATTACHMENT_BYTES / (1024 * 1024));
    }
    String key = "customer-reply:" + number;
    if (!notifications.queueOnce(
        key,
        NotificationService.CUSTOMER_REPLY,
        Recipient.address(to.email(), to.name()),
        number,
        subject,
        text,
        now)) {
      // queued by a concurrent request a moment ago
      throw new ConflictException("reply.alreadySent", number, to.name() + " <" + to.email() + ">");
    }
    long notificationId =
        jdbc.sql("select id from notification where dedup_key = ?")
            .param(key)
            .query(Long.class)
            .single();
    int position = 0;
    for (Attachment file : chosen) {
      jdbc.sql(
              """
              insert into notification_attachment (notification_id, position, attachment_id, file_name,
                                                   content_type, size_bytes, sha256)
              values (?, ?, ?, ?, ?, ?, ?)\
              """)
          .params(
              notificationId,
              position++,
              file.id(),
              file.originalName(),
              file.contentType(),
              file.size(),
              file.sha256())
          .update();
    }
    jdbc.sql(
            """
            insert into customer_reply (complaint_number, notification_id, recipient_name, recipient_address,
                                        subject, body, sent_by, requested_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            number,
            notificationId,
            to.name(),
            to.email(),
            subject,
            text,
            userId,
            Timestamp.from(now))
        .update();
    return new Outcome(true, sent(number).orElseThrow());
  }
}
