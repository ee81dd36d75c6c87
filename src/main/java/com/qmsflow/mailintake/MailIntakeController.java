package com.qmsflow.mailintake;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.access.Reader;
import com.qmsflow.access.RecordAccess;
import com.qmsflow.complaint.api.ComplaintApiService.Registration;
import com.qmsflow.identity.Groups;
import com.qmsflow.mailintake.InboundMailRepository.Mail;
import com.qmsflow.mailintake.InboundMailRepository.StoredFile;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints by mail and the correspondence of a complaint:
 *
 * <ul>
 *   <li>{@code GET /api/mail-intake?status=DRAFT|REGISTERED|DISCARDED}: the mails of the complaint
 *       mailbox with that status (default the drafts waiting for review), oldest first; {@code GET
 *       /api/mail-intake/{id}} one of them with its files; {@code GET /api/mail-intake/files/{id}}
 *       an accepted file not yet moved to a complaint. For customer service and quality management
 *       ({@link #READERS}).
 *   <li>{@code POST /api/mail-intake/{id}/register} with the body of {@code POST /api/complaints}:
 *       {@code 201 {complaintNumber, processInstanceId}}; {@code 400} at the field that breaks a
 *       rule (the draft stays); {@code 409} when the draft was decided already. {@code POST
 *       /api/mail-intake/{id}/discard {"reason": "…"}}: {@code 200}; {@code 400} at {@code reason}
 *       without one. Both for customer service (security/WritePolicy).
 *   <li>{@code GET /api/complaints/{number}/correspondence}: every mail to and from the customer of
 *       the complaint, oldest first; for whoever may read the complaint record.
 * </ul>
 */
@RestController
public class MailIntakeController {

  /** Who reads the complaint mailbox's drafts. */
  public static final List<String> READERS =
      List.of(Groups.CUSTOMER_SERVICE, Groups.QUALITY_MANAGEMENT, RecordAccess.ADMIN_GROUP);

  /** A stored mail as staff see it. */
  public record MailView(
      long id,
      String kind,
      String status,
      String fromAddress,
      String fromName,
      String subject,
      String body,
      Instant sentAt,
      Instant importedAt,
      String customerCode,
      String contactName,
      String complaintNumber,
      String decidedBy,
      Instant decidedAt,
      String discardReason,
      List<FileView> files) {}

  /**
   * A file of a mail: {@code refusal} {@code TOO_LARGE}, {@code TYPE} or {@code NAME} with an
   * English detail, or null; {@code url} to download it while it is here, {@code evidenceId} once
   * it is a complaint's evidence.
   */
  public record FileView(
      long id,
      String name,
      String contentType,
      long size,
      String sha256,
      String refusal,
      String refusalDetail,
      Long evidenceId,
      String url) {}

  /** Answer of a registration. */
  public record Registered(long draftId, String complaintNumber, String processInstanceId) {}

  private final InboundMailRepository mails;
  private final MailDrafts drafts;
  private final Correspondence correspondence;
  private final RecordAccess access;
  private final IdentityService identityService;

  public MailIntakeController(
      InboundMailRepository mails,
      MailDrafts drafts,
      Correspondence correspondence,
      RecordAccess access,
      IdentityService identityService) {
    this.mails = mails;
    this.drafts = drafts;
    this.correspondence = correspondence;
    this.access = access;
    this.identityService = identityService;
  }

  @GetMapping(value = "/api/mail-intake", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<MailView> list(@RequestParam(name = "status", defaultValue = "DRAFT") String status) {
    reader();
    if (!Set.of(
            InboundMailRepository.DRAFT,
            InboundMailRepository.REGISTERED,
            InboundMailRepository.DISCARDED)
        .contains(status)) {
      throw InvalidRequestException.of("status", "mailIntake.status", status);
    }
    return mails.withStatus(status, 500).stream().map(this::view).toList();
  }

  @GetMapping(value = "/api/mail-intake/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public MailView get(@PathVariable("id") long id) {
    reader();
    return mails
        .find(id)
        .filter(m -> InboundMailRepository.DRAFT.equals(m.kind()))
        .map(this::view)
        .orElseThrow(() -> new NotFoundException("mailIntake.notFound", String.valueOf(id)));
  }

  @GetMapping("/api/mail-intake/files/{id}")
  public ResponseEntity<byte[]> file(@PathVariable("id") long id) {
    reader();
    StoredFile file =
        mails
            .file(id)
            .filter(StoredFile::accepted)
            .orElseThrow(() -> new NotFoundException("mailIntake.noFile", String.valueOf(id)));
    byte[] content =
        mails
            .content(id)
            .orElseThrow(() -> new NotFoundException("mailIntake.noFile", String.valueOf(id)));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, file.contentType())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .body(content);
  }

  @PostMapping(
      value = "/api/mail-intake/{id}/register",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Registered> register(
      @PathVariable("id") long id, @RequestBody(required = false) JsonNode body) {
    Reader user = reader();
    Registration r = drafts.register(id, body, user.userId());
    return ResponseEntity.created(URI.create("/api/complaints/" + r.complaintNumber()))
        .body(new Registered(id, r.complaintNumber(), r.processInstanceId()));
  }

  @PostMapping(value = "/api/mail-intake/{id}/discard", produces = MediaType.APPLICATION_JSON_VALUE)
  public MailView discard(
      @PathVariable("id") long id, @RequestBody(required = false) JsonNode body) {
    Reader user = reader();
    JsonNode reason = body == null ? null : body.get("reason");
    if (reason != null && !reason.isNull() && !reason.isTextual()) {
      throw InvalidRequestException.of("reason", "mailIntake.reasonRequired");
    }
    return view(drafts.discard(id, reason == null ? null : reason.asText(), user.userId()));
  }

  @GetMapping(
      value = "/api/complaints/{complaintNumber}/correspondence",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public List<Correspondence.Entry> correspondence(
      @PathVariable("complaintNumber") String complaintNumber) {
    Reader user = user();
    if (!correspondence.exists(complaintNumber)) {
      throw new NotFoundException("complaint.notFound", complaintNumber);
    }
    if (!access.mayReadComplaint(user, complaintNumber)) {
      throw new ForbiddenException("complaint.forbidden", complaintNumber);
    }
    return correspondence.of(complaintNumber);
  }

  MailView view(Mail m) {
    return new MailView(
        m.id(),
        m.kind(),
        m.status(),
        m.fromAddress(),
        m.fromName(),
        m.subject(),
        m.body(),
        m.sentAt(),
        m.importedAt(),
        m.customerCode(),
        m.contactName(),
        m.complaintNumber(),
        m.decidedBy(),
        m.decidedAt(),
        m.discardReason(),
        mails.files(m.id()).stream().map(MailIntakeController::fileView).toList());
  }

  static FileView fileView(StoredFile f) {
    String refusal = null;
    String detail = null;
    if (f.refusedReason() != null) {
      int colon = f.refusedReason().indexOf(':');
      refusal = colon < 0 ? f.refusedReason() : f.refusedReason().substring(0, colon);
      detail = colon < 0 ? "" : f.refusedReason().substring(colon + 1).strip();
    }
    String url =
        f.accepted() && f.evidenceId() == null
            ? "/api/mail-intake/files/" + f.id()
            : f.evidenceId() != null ? "/api/attachments/" + f.evidenceId() + "/content" : null;
    return new FileView(
        f.id(),
        f.fileName(),
        f.contentType(),
        f.size(),
        f.sha256(),
        refusal,
        detail,
        f.evidenceId(),
        url);
  }

  /** The caller, who must read the mailbox's drafts. */
  private Reader reader() {
    Reader user = user();
    if (!user.inAny(READERS)) {
      throw new ForbiddenException(
          "mailIntake.forbidden", user.userId(), String.join(", ", READERS));
    }
    return user;
  }

  private Reader user() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new ForbiddenException("mailIntake.forbidden", "-", String.join(", ", READERS));
    }
    identityService.clearAuthentication();
    try {
      Set<String> groups =
          Set.copyOf(
              identityService.createGroupQuery().groupMember(current.getUserId()).list().stream()
                  .map(Group::getId)
                  .toList());
      return new Reader(current.getUserId(), groups);
    } finally {
      identityService.setAuthentication(current);
    }
  }
}
