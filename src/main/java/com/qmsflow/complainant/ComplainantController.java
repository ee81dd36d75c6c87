package com.qmsflow.complainant;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.access.Reader;
import com.qmsflow.access.RecordAccess;
import com.qmsflow.complainant.AcknowledgementRepository.Contact;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.customer.CustomerAccess;
import com.qmsflow.forms.FieldError;
import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.web.ConflictException;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The complainant's side for staff:
 *
 * <ul>
 *   <li>{@code GET /api/complaints/{n}/acknowledgement}: the acknowledgement, the status link's
 *       state (never its token) and every mail to the customer of the complaint; for those who may
 *       read the complaint record.
 *   <li>{@code POST /api/complaints/{n}/acknowledgement}: sends it (the one click where the
 *       customer is acknowledged manually, or after an address was added): 202, 200 when already
 *       sent, 409 without an address.
 *   <li>{@code POST /api/complaints/{n}/status-link/revoke}: the status page answers 404 from now
 *       on: 200, 409 when no link is active. Both writes: customer service, sales, sales management
 *       (security/WritePolicy).
 *   <li>{@code GET|PUT /api/customers/{code}/complainant-settings}: {@code {"acknowledgement":
 *       "AUTO"|"MANUAL", "contacts": [{"id": 1, "language": "zh"|"en"}]}}; the write for customer
 *       service and sales management, recorded in the master data change log.
 * </ul>
 */
@RestController
public class ComplainantController {

  /** An acknowledgement as staff see it. */
  public record View(
      String complaintNumber,
      String state,
      String mode,
      String contactName,
      String contactEmail,
      String language,
      Instant receivedAt,
      Instant contactBy,
      Instant sentAt,
      String sentBy,
      String link,
      Instant revokedAt,
      String revokedBy,
      List<Mail> mails) {}

  /** A mail to the customer of the complaint, from the outbox. */
  public record Mail(
      String kind, String to, String subject, String status, Instant createdAt, Instant sentAt) {}

  /** The complainant settings of a customer. */
  public record Settings(
      String customerCode, String acknowledgement, List<ContactLanguage> contacts) {}

  /** A contact's language. */
  public record ContactLanguage(long id, String name, String email, String language) {}

  private final AcknowledgementRepository repository;
  private final Acknowledgements acknowledgements;
  private final ComplaintRepository complaints;
  private final RecordAccess access;
  private final MasterDataChangeLog changeLog;
  private final IdentityService identityService;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ComplainantController(
      AcknowledgementRepository repository,
      Acknowledgements acknowledgements,
      ComplaintRepository complaints,
      RecordAccess access,
      MasterDataChangeLog changeLog,
      IdentityService identityService,
      JdbcClient jdbc,
      Clock clock) {
    this.repository = repository;
    this.acknowledgements = acknowledgements;
    this.complaints = complaints;
    this.access = access;
    this.changeLog = changeLog;
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @GetMapping(
      value = "/api/complaints/{complaintNumber}/acknowledgement",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public View get(@PathVariable String complaintNumber) {
    readable(complaintNumber);
    return view(complaintNumber);
  }

  @Transactional
  @PostMapping(
      value = "/api/complaints/{complaintNumber}/acknowledgement",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<View> send(@PathVariable String complaintNumber) {
    readable(complaintNumber);
    return switch (acknowledgements.send(complaintNumber, user().userId(), clock.instant())) {
      case QUEUED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(view(complaintNumber));
      case ALREADY_SENT -> ResponseEntity.ok(view(complaintNumber));
      case NO_ADDRESS -> throw new ConflictException("complainant.noAddress", complaintNumber);
      case UNKNOWN -> throw new NotFoundException("complainant.notFound", complaintNumber);
    };
  }

  @Transactional
  @PostMapping(
      value = "/api/complaints/{complaintNumber}/status-link/revoke",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public View revoke(@PathVariable String complaintNumber) {
    readable(complaintNumber);
    if (!repository.revoke(complaintNumber, clock.instant(), user().userId())) {
      throw new ConflictException("complainant.noLink", complaintNumber);
    }
    return view(complaintNumber);
  }

  @GetMapping(
      value = "/api/customers/{code}/complainant-settings",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Settings settings(@PathVariable String code) {
    Reader user = user();
    if (!user.inAny(CustomerAccess.READERS)) {
      throw new ForbiddenException(
          "customer.forbidden.read", user.userId(), String.join(", ", CustomerAccess.READERS));
    }
    return settingsOf(code);
  }

  @Transactional
  @PutMapping(
      value = "/api/customers/{code}/complainant-settings",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Settings change(@PathVariable String code, @RequestBody JsonNode body) {
    Settings before = settingsOf(code);
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "The request body must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    String mode = before.acknowledgement();
    JsonNode modeNode = body.get("acknowledgement");
    if (modeNode != null && !modeNode.isNull()) {
      if (!modeNode.isTextual()
          || !Set.of(Acknowledgement.AUTO, Acknowledgement.MANUAL).contains(modeNode.asText())) {
        errors.add(new FieldError("acknowledgement", "must be one of: AUTO, MANUAL"));
      } else {
        mode = modeNode.asText();
      }
    }
    Map<Long, ContactLanguage> contacts = new LinkedHashMap<>();
    before.contacts().forEach(c -> contacts.put(c.id(), c));
    Map<Long, String> languages = new HashMap<>();
    JsonNode list = body.get("contacts");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        errors.add(new FieldError("contacts", "must be a list of {id, language}"));
      } else {
        for (int i = 0; i < list.size(); i++) {
          JsonNode c = list.get(i);
          String field = "contacts[" + i + "]";
          if (!c.isObject()
              || !c.path("id").canConvertToLong()
              || !contacts.containsKey(c.path("id").asLong())) {
            errors.add(
                new FieldError(field + ".id", "must be the id of a contact of customer " + code));
          } else if (!Set.of("zh", "en").contains(c.path("language").asText(""))) {
            errors.add(new FieldError(field + ".language", "must be one of: zh, en"));
          } else {
            languages.put(c.path("id").asLong(), c.path("language").asText());
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String userId = user().userId();
    if (!mode.equals(before.acknowledgement())) {
      repository.setAcknowledgementMode(code, mode);
      changeLog.record(
          MasterDataChangeLog.CUSTOMER,
          code,
          userId,
          Map.of("acknowledgement", before.acknowledgement()),
          Map.of("acknowledgement", mode));
    }
    for (Map.Entry<Long, String> e : languages.entrySet()) {
      ContactLanguage old = contacts.get(e.getKey());
      if (!old.language().equals(e.getValue())) {
        repository.setContactLanguage(e.getKey(), e.getValue());
        changeLog.record(
            MasterDataChangeLog.CUSTOMER_CONTACT,
            code + "/" + e.getKey(),
            userId,
            Map.of("name", old.name(), "language", old.language()),
            Map.of("name", old.name(), "language", e.getValue()));
      }
    }
    return settingsOf(code);
  }

  private Settings settingsOf(String code) {
    String mode =
        repository
            .acknowledgementMode(code)
            .orElseThrow(() -> new NotFoundException("complainant.customerNotFound", code));
    List<ContactLanguage> contacts =
        repository.contacts(code).stream()
            .map((Contact c) -> new ContactLanguage(c.id(), c.name(), c.email(), c.language()))
            .toList();
    return new Settings(code, mode, contacts);
  }

  private View view(String complaintNumber) {
    Acknowledgement a =
        repository
            .find(complaintNumber)
            .orElseThrow(() -> new NotFoundException("complainant.notFound", complaintNumber));
    List<Mail> mails =
        jdbc.sql(
                """
                select kind, recipient_name, recipient_address, subject, status, created_at, sent_at
                from notification where business_key = ? and recipient_address is not null
                order by id\
                """)
            .param(complaintNumber)
            .query(
                (rs, i) ->
                    new Mail(
                        rs.getString("kind"),
                        rs.getString("recipient_name")
                            + " <"
                            + rs.getString("recipient_address")
                            + ">",
                        rs.getString("subject"),
                        rs.getString("status"),
                        AcknowledgementRepository.instant(rs, "created_at"),
                        AcknowledgementRepository.instant(rs, "sent_at")))
            .list();
    String link = a.tokenHash() == null ? "NONE" : a.revokedAt() == null ? "ACTIVE" : "REVOKED";
    return new View(
        a.complaintNumber(),
        a.state(),
        a.mode(),
        a.contactName(),
        a.contactEmail(),
        a.language(),
        a.receivedAt(),
        a.contactBy(),
        a.sentAt(),
        a.sentBy(),
        link,
        a.revokedAt(),
        a.revokedBy(),
        mails);
  }

  /** The complaint, if the caller may read its record; 404 unknown, 403 otherwise. */
  private Complaint readable(String complaintNumber) {
    Complaint complaint =
        complaints
            .findByNumber(complaintNumber)
            .orElseThrow(() -> new NotFoundException("complaint.notFound", complaintNumber));
    if (!access.mayReadComplaint(user(), complaint.complaintNumber())) {
      throw new ForbiddenException("complaint.forbidden", complaintNumber);
    }
    return complaint;
  }

  private Reader user() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new ForbiddenException("reply.loggedInOnly");
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
