package com.qmsflow.complaint.api;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintIntake;
import com.qmsflow.complaint.ComplaintNumbers;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.forms.FormSubmissionValidator;
import com.qmsflow.web.InvalidRequestException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake behind {@code POST /api/complaints}: validates a complaint with the rules of the
 * deployed register-complaint start form, then, in one transaction, numbers it, enters it in the
 * register and starts {@code complaint-handling} with the number as business key. The engine joins
 * the Spring transaction, so a failure anywhere leaves neither a register row nor an instance.
 */
@Service
public class ComplaintApiService {

  /**
   * A registered complaint; {@code created} is false when an earlier request already registered it.
   */
  public record Registration(String complaintNumber, String processInstanceId, boolean created) {}

  /**
   * How long to wait for a concurrent request's complaint with the same external reference to
   * commit.
   */
  private static final int RACE_POLLS = 20;

  private static final long RACE_POLL_MILLIS = 100;

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final FormSubmissionValidator validator;
  private final ComplaintNumbers numbers;
  private final ComplaintIntake intake;
  private final ComplaintRepository complaints;
  private final CustomerRepository customers;
  private final Clock clock;
  private final ZoneId zone;

  public ComplaintApiService(
      RepositoryService repositoryService,
      RuntimeService runtimeService,
      HistoryService historyService,
      FormSubmissionValidator validator,
      ComplaintNumbers numbers,
      ComplaintIntake intake,
      ComplaintRepository complaints,
      CustomerRepository customers,
      Clock clock,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.validator = validator;
    this.numbers = numbers;
    this.intake = intake;
    this.complaints = complaints;
    this.customers = customers;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /**
   * Registers the complaint and starts its process, or returns the complaint registered earlier
   * under the same external reference. A concurrent request with the same external reference makes
   * the insert fail with a {@link org.springframework.dao.DuplicateKeyException} after this
   * transaction has rolled back; the caller then answers with {@link #awaitExisting}.
   *
   * @throws InvalidRequestException when the request breaks a rule of the JSON or of the form
   */
  @Transactional
  public Registration submit(ComplaintRequest request) {
    String externalReference = request.externalReference();
    if (externalReference != null) {
      Optional<Registration> existing = findByExternalReference(externalReference);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>(request.variables());
    fillContactName(variables);
    List<FieldError> errors = merge(request.errors(), validateAgainstStartForm(variables));
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String number = numbers.next();
    intake.preRegister(number, variables, clock.instant());
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(PROCESS_KEY, number, variables);
    return new Registration(number, instance.getId(), true);
  }

  /** The complaint registered under the external reference, if any. */
  public Optional<Registration> findByExternalReference(String externalReference) {
    return complaints
        .findByExternalReference(externalReference)
        .map(c -> new Registration(c.complaintNumber(), processInstanceId(c), false));
  }

  /**
   * After a unique-key violation on the external reference: the complaint the concurrent request
   * registered, waiting briefly for its transaction to commit.
   */
  public Optional<Registration> awaitExisting(String externalReference) {
    for (int i = 0; i < RACE_POLLS; i++) {
      Optional<Registration> existing = findByExternalReference(externalReference);
      if (existing.isPresent()) {
        return existing;
      }
      try {
        Thread.sleep(RACE_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * The contact person is optional in the API: absent, it is the customer's first archived contact.
   */
  private void fillContactName(Map<String, Object> variables) {
    Object contact = CONTACT_NAME.rawFrom(variables);
    Object customer = CUSTOMER_CODE.rawFrom(variables);
    if ((contact == null || contact.toString().isBlank())
        && customer instanceof String code
        && !code.isBlank()) {
      customers
          .primaryContactName(code.trim())
          .ifPresent(name -> variables.put(CONTACT_NAME.name(), name));
    }
  }

  /** The deployed start form of the latest complaint-handling definition and its form rules. */
  private List<FieldError> validateAgainstStartForm(Map<String, Object> variables) {
    ProcessDefinition definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_KEY)
            .latestVersion()
            .singleResult();
    if (definition == null) {
      throw new IllegalStateException("Process " + PROCESS_KEY + " is not deployed");
    }
    return validator.validate(
        validator.startForm(definition.getId()),
        new FormRule.Submission(new HashMap<>(variables), null, clock.instant()));
  }

  /** JSON errors first; a field already named there is not named again by the form's rules. */
  private static List<FieldError> merge(List<FieldError> jsonErrors, List<FieldError> formErrors) {
    Set<String> named = jsonErrors.stream().map(FieldError::field).collect(Collectors.toSet());
    List<FieldError> all = new ArrayList<>(jsonErrors);
    formErrors.stream().filter(e -> !named.contains(e.field())).forEach(all::add);
    return all;
  }

  private String processInstanceId(Complaint complaint) {
    if (complaint.processInstanceId() != null) {
      return complaint.processInstanceId();
    }
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(complaint.complaintNumber())
        .orderByProcessInstanceStartTime()
        .asc()
        .list()
        .stream()
        .map(HistoricProcessInstance::getId)
        .findFirst()
        .orElse(null);
  }
}
