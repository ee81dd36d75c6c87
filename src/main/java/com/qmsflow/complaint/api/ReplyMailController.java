package com.qmsflow.complaint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.complaint.ReplyMails;
import com.qmsflow.customer.CustomerRepository.MailContact;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.SubmissionHygiene;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/complaints/{number}/reply-mail} with {@code {"text": "…", "subject": "…"}}: a
 * person of sales sends the reviewed written reply to the customer contact of the complaint (the
 * address comes from the customer archive, never from the request). The only way a mail reaches a
 * customer.
 *
 * <ul>
 *   <li>Allowed while the task "Reply to customer in writing" is open, for its assignee and the
 *       members of its candidate groups (sales; after an escalation also sales management) who can
 *       see the task under the engine's authorizations; others {@code 403}.
 *   <li>{@code 202 Accepted} {@code {complaintNumber, to, subject, status}}: queued in the outbox
 *       and mailed by the dispatcher; the same text again answers {@code 200} and sends nothing
 *       more. {@code 400} for a missing or unsafe text (plain text, at most 10 000 characters),
 *       {@code 404} unknown complaint, {@code 409} when no reply is due or the customer has no
 *       e-mail address in the archive.
 * </ul>
 */
@RestController
public class ReplyMailController {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyMailController.class);
  static final int MAX_TEXT = 10_000;
  static final int MAX_SUBJECT = 200;

  /** Answer body. */
  public record Queued(String complaintNumber, String to, String subject, String status) {}

  private final ComplaintRepository complaints;
  private final ReplyMails replies;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ReplyMailController(
      ComplaintRepository complaints,
      ReplyMails replies,
      TaskService taskService,
      IdentityService identityService,
      JdbcClient jdbc,
      Clock clock) {
    this.complaints = complaints;
    this.replies = replies;
    this.taskService = taskService;
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @PostMapping(
      value = "/api/complaints/{complaintNumber}/reply-mail",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Queued> send(
      @PathVariable("complaintNumber") String complaintNumber, @RequestBody JsonNode body) {
    Complaint complaint =
        complaints
            .findByNumber(complaintNumber)
            .orElseThrow(() -> new NotFoundException("complaint.notFound", complaintNumber));
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ForbiddenException("reply.loggedInOnly");
    }
    Task replyTask = openReplyTask(complaint, user);

    String subject = text(body, "subject", MAX_SUBJECT);
    String text = text(body, "text", MAX_TEXT);
    List<FieldError> errors = new ArrayList<>();
    if (text == null || text.isBlank()) {
      errors.add(new FieldError("text", "is required: the reviewed reply to send to the customer"));
    }
    check(errors, "subject", subject);
    check(errors, "text", text);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (subject == null || subject.isBlank()) {
      subject = ReplyMails.replySubject(complaintNumber);
    }

    Object contactName =
        taskService.getVariable(replyTask.getId(), ComplaintVariables.CONTACT_NAME.name());
    MailContact to =
        replies
            .contact(complaint.customerCode(), contactName == null ? null : contactName.toString())
            .orElse(null);
    if (to == null) {
      throw new ConflictException("reply.noContact", complaint.customerCode());
    }
    boolean queued =
        replies.queueForCustomer(complaintNumber, to, subject.trim(), text, clock.instant());
    String status =
        jdbc.sql("select status from notification where dedup_key = ?")
            .param(ReplyMails.customerReplyKey(complaintNumber, to, subject.trim(), text))
            .query(String.class)
            .single();
    if (queued) {
      LOG.info(
          "Reply to customer of {} queued by {} to {}",
          complaintNumber,
          user.getUserId(),
          to.email());
    }
    return ResponseEntity.status(queued ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(
            new Queued(
                complaintNumber, to.name() + " <" + to.email() + ">", subject.trim(), status));
  }

  /**
   * The open reply task, if the user may work on it: the engine's task query returns only tasks the
   * user may read, and the user must be its assignee or in one of its candidate groups.
   */
  private Task openReplyTask(Complaint complaint, Authentication user) {
    String instance = complaint.processInstanceId();
    int open =
        instance == null
            ? 0
            : jdbc.sql(
                    "select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ ="
                        + " ?")
                .params(instance, ComplaintVariables.REPLY_TASK)
                .query(Integer.class)
                .single();
    if (open == 0) {
      throw new ConflictException("reply.notDue", complaint.complaintNumber());
    }
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(ComplaintVariables.REPLY_TASK)
            .list()
            .stream()
            .findFirst()
            .orElse(null);
    Set<String> groups = user.getGroupIds() == null ? Set.of() : Set.copyOf(user.getGroupIds());
    boolean mayWork =
        task != null
            && (user.getUserId().equals(task.getAssignee())
                || candidateGroups(task.getId()).stream().anyMatch(groups::contains));
    if (!mayWork) {
      throw new ForbiddenException("reply.salesOnly", complaint.complaintNumber());
    }
    return task;
  }

  private Set<String> candidateGroups(String taskId) {
    return taskService.getIdentityLinksForTask(taskId).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .collect(Collectors.toSet());
  }

  private static String text(JsonNode body, String field, int max) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "The request body must be a JSON object");
    }
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidRequestException(field, "must be a text");
    }
    if (node.asText().length() > max) {
      throw new InvalidRequestException(field, "must not be longer than " + max + " characters");
    }
    return node.asText();
  }

  private static void check(List<FieldError> errors, String field, String value) {
    String problem = SubmissionHygiene.textProblem(value);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
    }
  }
}
