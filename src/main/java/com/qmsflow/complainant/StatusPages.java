package com.qmsflow.complainant;

import com.qmsflow.complainant.ComplaintStatus.Commitment;
import com.qmsflow.complainant.ComplaintStatus.Reply;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.complaint.CustomerDecisions;
import com.qmsflow.complaint.CustomerDecisions.CustomerDecision;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.web.PlantTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The complaint behind a status link and what the customer may see of it. A token that is not
 * well-formed, unknown, revoked, or whose complaint closed longer ago than {@code
 * qms.complainant.status-link.valid-after-closure} gives nothing.
 */
@Service
public class StatusPages {

  static final String CONFIRM_TASK = "userTaskConfirmWithCustomer";
  static final String ENVIRONMENTAL_TASK = "userTaskInvestigateEnvironmentalComplaint";

  private final AcknowledgementRepository acknowledgements;
  private final ComplaintRepository complaints;
  private final ComplainantSettings settings;
  private final PlantTime plantTime;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final CustomerAnswers answers;

  public StatusPages(
      CustomerAnswers answers,
      AcknowledgementRepository acknowledgements,
      ComplaintRepository complaints,
      ComplainantSettings settings,
      PlantTime plantTime,
      JdbcClient jdbc,
      Clock clock) {
    this.answers = answers;
    this.acknowledgements = acknowledgements;
    this.complaints = complaints;
    this.settings = settings;
    this.plantTime = plantTime;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The acknowledgement whose link this token is, if the link works now. */
  public Optional<Acknowledgement> byToken(String token) {
    if (!StatusTokens.wellFormed(token)) {
      return Optional.empty();
    }
    return acknowledgements
        .findByTokenHash(StatusTokens.hash(token))
        .filter(Acknowledgement::linkActive)
        .filter(a -> !expired(a));
  }

  private boolean expired(Acknowledgement a) {
    Instant closedAt =
        complaints.findByNumber(a.complaintNumber()).map(Complaint::closedAt).orElse(null);
    return closedAt != null
        && clock.instant().isAfter(closedAt.plus(settings.linkValidAfterClosure()));
  }

  /** The status as the customer sees it. */
  public Optional<ComplaintStatus> status(String token) {
    return byToken(token).flatMap(this::status);
  }

  Optional<ComplaintStatus> status(Acknowledgement a) {
    Optional<Complaint> found = complaints.findByNumber(a.complaintNumber());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Complaint complaint = found.get();
    List<Step> steps = a.processInstanceId() == null ? List.of() : steps(a.processInstanceId());
    Optional<Step> contact =
        steps.stream()
            .filter(s -> CONFIRM_TASK.equals(s.key()) || ENVIRONMENTAL_TASK.equals(s.key()))
            .findFirst();
    Optional<Step> reply =
        steps.stream()
            .filter(s -> ComplaintVariables.REPLY_TASK.equals(s.key()))
            .reduce((x, y) -> y);
    Optional<Reply> sentReply = sentReply(a.complaintNumber());

    List<Commitment> commitments = new ArrayList<>();
    Instant contactBy = a.contactBy() != null ? a.contactBy() : contact.map(Step::due).orElse(null);
    if (contactBy != null) {
      Instant met = contact.map(Step::ended).orElse(null);
      commitments.add(
          new Commitment(
              "contact",
              plantTime.dateTime(contactBy),
              met == null ? null : plantTime.dateTime(met),
              late(contactBy, met),
              null));
    }
    reply
        .filter(s -> s.due() != null)
        .ifPresent(
            s ->
                commitments.add(
                    new Commitment(
                        "reply",
                        plantTime.dateTime(s.due()),
                        s.ended() == null ? null : plantTime.dateTime(s.ended()),
                        late(s.due(), s.ended()),
                        null)));
    String improvement =
        value(a.processInstanceId(), ComplaintVariables.COMMITTED_IMPROVEMENT_DATE.name());
    if (improvement != null) {
      boolean agreed =
          "true"
              .equals(
                  value(
                      a.processInstanceId(),
                      ComplaintVariables.CUSTOMER_CONSENT_TO_LATER_DATE.name()));
      commitments.add(
          new Commitment(
              "improvement",
              improvement.length() >= 10 ? improvement.substring(0, 10) : improvement,
              null,
              false,
              agreed
                  ? Optional.ofNullable(
                          value(
                              a.processInstanceId(),
                              ComplaintVariables.CUSTOMER_CONSENT_REFERENCE.name()))
                      .orElse("")
                  : null));
    }

    boolean closed = "CLOSED".equals(complaint.status()) || complaint.closedAt() != null;
    String stage;
    if (closed) {
      stage = "CLOSED";
    } else if (sentReply.isPresent() || reply.map(s -> s.ended() != null).orElse(false)) {
      stage = "REPLIED";
    } else if (reply.isPresent()) {
      stage = "REPLYING";
    } else if (contact.map(s -> s.ended() != null).orElse(false)
        || steps.stream().anyMatch(s -> !CONFIRM_TASK.equals(s.key()))) {
      stage = "INVESTIGATING";
    } else {
      stage = "RECEIVED";
    }
    return Optional.of(
        new ComplaintStatus(
            a.complaintNumber(),
            a.language(),
            a.contactName(),
            plantTime.dateTime(complaint.receivedAt()),
            stage,
            commitments,
            sentReply.orElse(null),
            complaint.closedAt() == null ? null : plantTime.dateTime(complaint.closedAt()),
            answer(a)));
  }

  /** What the page shows and asks about the customer's answer to the reply. */
  private ComplaintStatus.Answer answer(Acknowledgement a) {
    boolean open = answers.waiting(a);
    Optional<CustomerDecision> latest = answers.latest(a);
    if (!open && latest.isEmpty()) {
      return null;
    }
    if (open) {
      String proposal =
          latest
              .filter(d -> CustomerDecisions.ASK_AGAIN.equals(d.outcome()))
              .map(CustomerDecision::settlement)
              .orElse(null);
      return new ComplaintStatus.Answer(true, null, null, proposal, null);
    }
    CustomerDecision d = latest.get();
    return new ComplaintStatus.Answer(
        false,
        d.decision(),
        plantTime.dateTime(d.recordedAt()),
        null,
        CustomerDecisions.FINAL_RULING.equals(d.outcome()) ? d.settlement() : null);
  }

  private static boolean late(Instant committed, Instant met) {
    return met != null && met.isAfter(committed);
  }

  private record Step(String key, Instant due, Instant ended) {}

  private List<Step> steps(String processInstanceId) {
    return jdbc.sql(
            "select task_definition_key, due_at, ended_at from process_step where"
                + " process_instance_id = ? order by created_at, id")
        .param(processInstanceId)
        .query(
            (rs, i) ->
                new Step(
                    rs.getString(1),
                    AcknowledgementRepository.instant(rs, "due_at"),
                    AcknowledgementRepository.instant(rs, "ended_at")))
        .list();
  }

  /** The latest recorded value of a variable of the complaint (records/ProcessRecorder). */
  private String value(String processInstanceId, String name) {
    if (processInstanceId == null) {
      return null;
    }
    return jdbc
        .sql(
            "select text_value from record_value where process_instance_id = ? and name = ? order"
                + " by id desc")
        .params(processInstanceId, name)
        .query(String.class)
        .list()
        .stream()
        .findFirst()
        .filter(v -> !v.isBlank())
        .orElse(null);
  }

  /** The written reply mailed to the customer ({@code POST /api/complaints/{n}/reply-mail}). */
  private Optional<Reply> sentReply(String complaintNumber) {
    return jdbc
        .sql(
            """
            select subject, body, coalesce(sent_at, created_at) as delivered_at from notification
            where business_key = ? and kind = ? and status in ('SENT', 'LOGGED') order by id desc\
            """)
        .params(complaintNumber, NotificationService.CUSTOMER_REPLY)
        .query(
            (rs, i) ->
                new Reply(
                    plantTime.dateTime(AcknowledgementRepository.instant(rs, "delivered_at")),
                    rs.getString("subject"),
                    rs.getString("body")))
        .list()
        .stream()
        .findFirst();
  }
}
