package com.qmsflow.feedback;

import com.qmsflow.customer.CustomerAccess;
import com.qmsflow.customer.CustomerArchive;
import com.qmsflow.feedback.CustomerFeedback.ChangeEntry;
import com.qmsflow.feedback.CustomerFeedback.ComplaintEntry;
import com.qmsflow.feedback.CustomerFeedback.SurveyEntry;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/customers/{code}/history}: the customer's feedback history for the customer page
 * (issue 15 point 4): every complaint (number, date, product, batch, defect, severity, status, on
 * time or late), every contract change the caller may read, every satisfaction answer. Readable by
 * the customer archive's readers ({@link CustomerAccess#READERS}); 403 for everyone else, 404 for
 * an unknown customer.
 *
 * <p>Change records are confidential [002 §4.2 C]: a change is listed only when the caller may read
 * its process instance (the rule of {@code GET /api/changes/{number}}, change/ChangeAccess); the
 * others are counted in {@code changesNotShown}.
 */
@RestController
public class CustomerFeedbackController {

  /** The answer. */
  public record History(
      String customerCode,
      List<ComplaintEntry> complaints,
      List<ChangeView> changes,
      int changesNotShown,
      List<SurveyEntry> surveys) {}

  /** A change as listed (without its process instance id). */
  public record ChangeView(
      String changeNumber,
      Instant raisedAt,
      String changeType,
      String description,
      String state,
      LocalDate effectiveDate,
      Instant closedAt) {
    static ChangeView of(ChangeEntry c) {
      return new ChangeView(
          c.changeNumber(),
          c.raisedAt(),
          c.changeType(),
          c.description(),
          c.state(),
          c.effectiveDate(),
          c.closedAt());
    }
  }

  private final CustomerArchive archive;
  private final CustomerFeedback feedback;
  private final HistoryService history;

  public CustomerFeedbackController(
      CustomerArchive archive, CustomerFeedback feedback, HistoryService history) {
    this.archive = archive;
    this.feedback = feedback;
    this.history = history;
  }

  @GetMapping(value = "/api/customers/{code}/history", produces = MediaType.APPLICATION_JSON_VALUE)
  public History history(@PathVariable("code") String code, HttpServletRequest request) {
    if (CustomerAccess.READERS.stream().noneMatch(request::isUserInRole)) {
      throw new ForbiddenException(
          "customer.forbidden.read",
          request.getRemoteUser(),
          String.join(", ", CustomerAccess.READERS));
    }
    archive.find(code).orElseThrow(() -> new NotFoundException("customer.notFound", code));
    List<ChangeEntry> changes = feedback.changes(code);
    Set<String> readable = readable(changes);
    List<ChangeView> shown =
        changes.stream()
            .filter(c -> readable.contains(c.processInstanceId()))
            .map(ChangeView::of)
            .toList();
    return new History(
        code,
        feedback.complaints(code),
        shown,
        changes.size() - shown.size(),
        feedback.surveys(code));
  }

  /**
   * The process instances of these changes the caller may read: the engine applies the caller's
   * authorizations (set for {@code /api} by security/RestAuthenticationFilter) to this query.
   */
  private Set<String> readable(List<ChangeEntry> changes) {
    Set<String> ids =
        changes.stream()
            .map(ChangeEntry::processInstanceId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    if (ids.isEmpty()) {
      return Set.of();
    }
    return history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list().stream()
        .map(HistoricProcessInstance::getId)
        .collect(Collectors.toSet());
  }
}
