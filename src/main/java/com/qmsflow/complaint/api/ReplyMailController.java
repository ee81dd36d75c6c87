package com.qmsflow.complaint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.CustomerReplies;
import com.qmsflow.complaint.CustomerReplies.Outcome;
import com.qmsflow.complaint.CustomerReplies.SentFile;
import com.qmsflow.complaint.CustomerReplies.SentReply;
import com.qmsflow.complaint.ReplyMails;
import com.qmsflow.customer.CustomerRepository.MailContact;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.SubmissionHygiene;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/complaints/{number}/reply-mail} with {@code {"subject": "…", "text": "…",
 * "attachments": [ids], "reviewed": true}}: a person of sales sends the reviewed written reply to
 * the customer contact of the complaint (the address comes from the customer archive, never from
 * the request), with evidence files of the complaint and its 8D attached. The record page's "Send
 * the reply" calls it; it is the only way a mail reaches a customer ({@link CustomerReplies}).
 *
 * <ul>
 *   <li>Allowed while the task "Reply in writing" is open, for its assignee and the members of its
 *       candidate groups (sales; after an escalation also sales management) who can see the task
 *       under the engine's authorizations; others {@code 403}.
 *   <li>{@code 202 Accepted} {@code {complaintNumber, to, subject, status, attachments, sentBy,
 *       requestedAt}}: queued in the outbox and mailed by the dispatcher, kept in the record. One
 *       reply per complaint: the same request again answers {@code 200} and sends nothing more
 *       (also after the task was completed), a different one {@code 409}.
 *   <li>{@code 400} for a missing or unsafe text (plain text, at most 10 000 characters), without
 *       {@code "reviewed": true}, or a file that is not evidence of this complaint; {@code 404}
 *       unknown complaint; {@code 409} when no reply is due (the reply step is not open) or the
 *       customer has no e-mail address in the archive.
 * </ul>
 */
@RestController
public class ReplyMailController {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyMailController.class);
  static final int MAX_TEXT = 10_000;
  static final int MAX_SUBJECT = 200;

  /** Answer body. */
  public record Queued(
      String complaintNumber,
      String to,
      String subject,
      String status,
      List<String> attachments,
      String sentBy,
      Instant requestedAt) {

    static Queued of(SentReply reply) {
      return new Queued(
          reply.complaintNumber(),
          reply.to(),
          reply.subject(),
          reply.status(),
          reply.files().stream().map(SentFile::name).toList(),
          reply.sentBy(),
          reply.requestedAt());
    }
  }

  private final ComplaintRepository complaints;
  private final CustomerReplies replies;
  private final IdentityService identityService;
  private final Clock clock;

  public ReplyMailController(
      ComplaintRepository complaints,
      CustomerReplies replies,
      IdentityService identityService,
      Clock clock) {
    this.complaints = complaints;
    this.replies = replies;
    this.identityService = identityService;
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
    Set<String> groups = user.getGroupIds() == null ? Set.of() : Set.copyOf(user.getGroupIds());
    String subject = text(body, "subject", MAX_SUBJECT);
    String text = text(body, "text", MAX_TEXT);
    List<Long> attachments = ids(body);
    String effectiveSubject =
        subject == null || subject.isBlank()
            ? ReplyMails.replySubject(complaintNumber)
            : subject.trim();

    SentReply earlier = replies.sent(complaintNumber).orElse(null);
    if (earlier != null && replies.mayRepeat(earlier, complaint, user.getUserId(), groups)) {
      if (CustomerReplies.repeats(earlier, effectiveSubject, text, attachments)) {
        return ResponseEntity.ok(Queued.of(earlier));
      }
      throw new ConflictException("reply.alreadySent", complaintNumber, earlier.to());
    }
    Task replyTask = openReplyTask(complaint, user.getUserId(), groups);

    List<FieldError> errors = new ArrayList<>();
    if (text == null || text.isBlank()) {
      errors.add(new FieldError("text", "is required"));
    }
    check(errors, "subject", subject);
    check(errors, "text", text);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    JsonNode reviewed = body.get("reviewed");
    if (reviewed == null || !reviewed.isBoolean() || !reviewed.booleanValue()) {
      throw InvalidRequestException.of("reviewed", "reply.notReviewed");
    }
    MailContact to =
        replies
            .contact(complaint, replyTask)
            .orElseThrow(() -> new ConflictException("reply.noContact", complaint.customerCode()));
    Outcome outcome =
        replies.send(
            complaint, to, effectiveSubject, text, attachments, user.getUserId(), clock.instant());
    if (outcome.queuedNow()) {
      LOG.info(
          "Reply to customer of {} queued by {} to {} with {} files",
          complaintNumber,
          user.getUserId(),
          to.email(),
          attachments.size());
    }
    return ResponseEntity.status(outcome.queuedNow() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(Queued.of(outcome.reply()));
  }

  /**
   * The open reply task, if the user may work on it: the engine's task query returns only tasks the
   * user may read, and the user must be its assignee or in one of its candidate groups.
   */
  private Task openReplyTask(Complaint complaint, String userId, Set<String> groups) {
    if (!replies.replyDue(complaint.processInstanceId())) {
      throw new ConflictException("reply.notDue", complaint.complaintNumber());
    }
    Task task = replies.openReplyTask(complaint.processInstanceId()).orElse(null);
    if (!replies.mayWork(task, userId, groups)) {
      throw new ForbiddenException("reply.salesOnly", complaint.complaintNumber());
    }
    return task;
  }

  private static List<Long> ids(JsonNode body) {
    JsonNode node = body.get("attachments");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw InvalidRequestException.of("attachments", "reply.attachmentsList");
    }
    List<Long> ids = new ArrayList<>();
    for (JsonNode id : node) {
      if (!id.canConvertToLong() || !id.isIntegralNumber()) {
        throw InvalidRequestException.of("attachments", "reply.attachmentsList");
      }
      if (!ids.contains(id.longValue())) {
        ids.add(id.longValue());
      }
    }
    return List.copyOf(ids);
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
