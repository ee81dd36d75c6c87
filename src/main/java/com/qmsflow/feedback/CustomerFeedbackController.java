package com.qmsflow.feedback;

import com.qmsflow.customer.CustomerAccess;
import com.qmsflow.customer.CustomerArchive;
import com.qmsflow.feedback.CustomerFeedback.ChangeEntry;
import com.qmsflow.feedback.CustomerFeedback.ChangeKey;
import com.qmsflow.feedback.CustomerFeedback.ComplaintEntry;
import com.qmsflow.feedback.CustomerFeedback.Page;
import com.qmsflow.feedback.CustomerFeedback.SurveyEntry;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's feedback history for the customer page (issue 15 point 4): complaints (number,
 * date, product, batch, defect, severity, status, on time or late), the contract changes the caller
 * may read, satisfaction answers. Each section is paged newest first with the customer list's and
 * the registers' parameters and answer (issue 21 point 4: a tier-A customer has thousands of
 * complaints):
 *
 * <ul>
 *   <li>{@code GET /api/customers/{code}/history/complaints}, {@code …/changes}, {@code …/surveys}:
 *       one page ({@code page} from 0, {@code size} 1–200, default 20): {@code {items, page, size,
 *       total}}, the changes also {@code notShown}.
 *   <li>{@code GET /api/customers/{code}/history}: the first page of each ({@code size} only),
 *       {@code {customerCode, complaints, changes, changesNotShown, surveys}}.
 * </ul>
 *
 * Readable by the customer archive's readers ({@link CustomerAccess#READERS}); 403 for everyone
 * else, 404 for an unknown customer, 400 with one field error per bad or unknown parameter.
 *
 * <p>Change records are confidential [002 §4.2 C]: a change is listed only when the caller may read
 * its process instance (the rule of {@code GET /api/changes/{number}}, change/ChangeAccess); the
 * others are counted in {@code notShown} and not in {@code total}.
 */
@RestController
public class CustomerFeedbackController {

  /** The first page of every section. */
  public record History(
      String customerCode,
      Page<ComplaintEntry> complaints,
      ChangePage changes,
      int changesNotShown,
      Page<SurveyEntry> surveys) {}

  /** A page of the changes the caller may read, and how many others the customer has. */
  public record ChangePage(List<ChangeView> items, int page, int size, long total, int notShown) {}

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

  /** The engine's query takes the ids in chunks of this many (an IN list each). */
  private static final int IDS_PER_QUERY = 1_000;

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
    check(code, request);
    HistoryParams params = HistoryParams.firstPages(request.getParameterMap());
    ChangePage changes = changes(code, 0, params.size());
    return new History(
        code,
        feedback.complaints(code, 0, params.size()),
        changes,
        changes.notShown(),
        feedback.surveys(code, 0, params.size()));
  }

  @GetMapping(
      value = "/api/customers/{code}/history/complaints",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Page<ComplaintEntry> complaints(
      @PathVariable("code") String code, HttpServletRequest request) {
    check(code, request);
    HistoryParams params = HistoryParams.of(request.getParameterMap());
    return feedback.complaints(code, params.page(), params.size());
  }

  @GetMapping(
      value = "/api/customers/{code}/history/changes",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ChangePage changes(@PathVariable("code") String code, HttpServletRequest request) {
    check(code, request);
    HistoryParams params = HistoryParams.of(request.getParameterMap());
    return changes(code, params.page(), params.size());
  }

  @GetMapping(
      value = "/api/customers/{code}/history/surveys",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Page<SurveyEntry> surveys(@PathVariable("code") String code, HttpServletRequest request) {
    check(code, request);
    HistoryParams params = HistoryParams.of(request.getParameterMap());
    return feedback.surveys(code, params.page(), params.size());
  }

  private void check(String code, HttpServletRequest request) {
    if (CustomerAccess.READERS.stream().noneMatch(request::isUserInRole)) {
      throw new ForbiddenException(
          "customer.forbidden.read",
          request.getRemoteUser(),
          String.join(", ", CustomerAccess.READERS));
    }
    archive.find(code).orElseThrow(() -> new NotFoundException("customer.notFound", code));
  }

  /**
   * The page of the changes the caller may read: which ones the engine decides (authorizations), so
   * the customer's change keys are read whole and only the page's changes in full.
   */
  private ChangePage changes(String code, int page, int size) {
    List<ChangeKey> keys = feedback.changeKeys(code);
    Set<String> readable = readable(keys);
    List<String> shown =
        keys.stream()
            .filter(k -> readable.contains(k.processInstanceId()))
            .map(ChangeKey::changeNumber)
            .toList();
    long from = Math.min((long) page * size, shown.size());
    List<ChangeView> items =
        feedback
            .changes(shown.subList((int) from, (int) Math.min(from + size, shown.size())))
            .stream()
            .map(ChangeView::of)
            .toList();
    return new ChangePage(items, page, size, shown.size(), keys.size() - shown.size());
  }

  /**
   * The process instances of these changes the caller may read: the engine applies the caller's
   * authorizations (set for {@code /api} by security/RestAuthenticationFilter) to this query.
   */
  private Set<String> readable(List<ChangeKey> changes) {
    List<String> ids =
        changes.stream().map(ChangeKey::processInstanceId).filter(Objects::nonNull).toList();
    Set<String> readable = new HashSet<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      Set<String> chunk = Set.copyOf(ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size())));
      history.createHistoricProcessInstanceQuery().processInstanceIds(chunk).list().stream()
          .map(HistoricProcessInstance::getId)
          .forEach(readable::add);
    }
    return readable;
  }
}
