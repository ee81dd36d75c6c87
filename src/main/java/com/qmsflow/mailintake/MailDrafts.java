package com.qmsflow.mailintake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qmsflow.complaint.api.ComplaintApiService;
import com.qmsflow.complaint.api.ComplaintApiService.Registration;
import com.qmsflow.complaint.api.ComplaintRequest;
import com.qmsflow.evidence.Attachment;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.EvidenceService;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.mailintake.InboundMailRepository.Mail;
import com.qmsflow.mailintake.InboundMailRepository.StoredFile;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer service's decision on a draft complaint from the mailbox: register it (the same
 * validation and start as {@code POST /api/complaints}, the draft's files then become the
 * complaint's evidence of step {@code intake}) or discard it with a reason. Either happens once:
 * the draft's status changes from {@code DRAFT} in the transaction that registers, so a second
 * decision (another person, another node) finds it decided and is refused with 409.
 */
@Service
public class MailDrafts {

  /** The longest discard reason kept. */
  static final int MAX_REASON = 1000;

  private final InboundMailRepository mails;
  private final ComplaintApiService complaints;
  private final AttachmentRepository attachments;
  private final Clock clock;

  public MailDrafts(
      InboundMailRepository mails,
      ComplaintApiService complaints,
      AttachmentRepository attachments,
      Clock clock) {
    this.mails = mails;
    this.complaints = complaints;
    this.attachments = attachments;
    this.clock = clock;
  }

  /**
   * Registers the draft as a complaint with the fields of {@code body} (those of {@code POST
   * /api/complaints}; {@code channel} is {@code email} unless given).
   *
   * @throws InvalidRequestException when the complaint breaks a rule: nothing is changed
   */
  @Transactional
  public Registration register(long id, JsonNode body, String userId) {
    Instant now = clock.instant();
    Mail draft = draft(id);
    if (body != null && body.isObject() && !body.hasNonNull("channel")) {
      ((ObjectNode) body).put("channel", "email");
    }
    ComplaintRequest request = ComplaintRequest.parse(body);
    if (!mails.decide(id, InboundMailRepository.REGISTERED, userId, now, null)) {
      throw decided(id);
    }
    Registration registration = complaints.submit(request);
    mails.linkComplaint(id, registration.complaintNumber());
    for (StoredFile file : mails.files(draft.id())) {
      if (!file.accepted() || file.evidenceId() != null) {
        continue;
      }
      byte[] content = mails.content(file.id()).orElseThrow();
      Attachment evidence =
          attachments.insert(
              OwnerKind.COMPLAINT,
              registration.complaintNumber(),
              EvidenceService.INTAKE,
              null,
              userId,
              now,
              file.fileName(),
              file.contentType(),
              file.sha256(),
              content);
      mails.moved(file.id(), evidence.id());
    }
    return registration;
  }

  /** Discards the draft; the reason is required and kept with the mail. */
  @Transactional
  public Mail discard(long id, String reason, String userId) {
    draft(id);
    String text = reason == null ? "" : reason.strip();
    if (text.isEmpty()) {
      throw InvalidRequestException.of("reason", "mailIntake.reasonRequired");
    }
    if (text.length() > MAX_REASON) {
      throw InvalidRequestException.of("reason", "mailIntake.reasonTooLong", MAX_REASON);
    }
    if (!mails.decide(id, InboundMailRepository.DISCARDED, userId, clock.instant(), text)) {
      throw decided(id);
    }
    return mails.find(id).orElseThrow();
  }

  private Mail draft(long id) {
    Mail mail =
        mails
            .find(id)
            .filter(m -> InboundMailRepository.DRAFT.equals(m.kind()))
            .orElseThrow(() -> new NotFoundException("mailIntake.notFound", String.valueOf(id)));
    if (!InboundMailRepository.DRAFT.equals(mail.status())) {
      throw decided(id);
    }
    return mail;
  }

  private ConflictException decided(long id) {
    Mail now = mails.find(id).orElseThrow();
    return new ConflictException(
        "mailIntake.alreadyDecided",
        String.valueOf(id),
        now.status(),
        now.decidedBy(),
        now.complaintNumber() == null ? "-" : now.complaintNumber());
  }
}
