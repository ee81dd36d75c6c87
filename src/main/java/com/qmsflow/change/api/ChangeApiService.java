package com.qmsflow.change.api;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository;
import com.qmsflow.change.ChangeRequestRepository.ChangeRequest;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.forms.FormSchema;
import com.qmsflow.forms.FormSubmissionValidator;
import com.qmsflow.web.InvalidRequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Behind {@code /api/changes}: validates a change request with the rules of the deployed
 * change-request start form and starts {@code contract-change} as the calling user (who becomes the
 * requester); reads a change for whoever may read its process instance.
 */
@Service
public class ChangeApiService {

  /**
   * A registered change; {@code created} is false when an earlier request registered it already.
   */
  public record Registration(String changeNumber, String processInstanceId, boolean created) {}

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final FormSubmissionValidator validator;
  private final ChangeRequestRepository register;
  private final Clock clock;

  public ChangeApiService(
      RepositoryService repositoryService,
      RuntimeService runtimeService,
      HistoryService historyService,
      TaskService taskService,
      IdentityService identityService,
      FormSubmissionValidator validator,
      ChangeRequestRepository register,
      Clock clock) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.validator = validator;
    this.register = register;
    this.clock = clock;
  }

  /**
   * Starts the change, or returns the change registered earlier under the same external reference.
   *
   * @throws InvalidRequestException when the request breaks a rule of the JSON or of the form
   */
  @Transactional
  public Registration submit(ChangeRequestBody request) {
    String externalReference = request.externalReference();
    if (externalReference != null) {
      Optional<ChangeRequest> existing = register.findByExternalReference(externalReference);
      if (existing.isPresent()) {
        return new Registration(
            existing.get().changeNumber(), existing.get().processInstanceId(), false);
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>(request.variables());
    List<FieldError> errors = merge(request.errors(), validateAgainstStartForm(variables));
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    // started as the calling user (camunda:initiator = requester), with the engine's permission
    // check
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables);
    ChangeRequest change =
        register
            .findByProcessInstance(instance.getId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The change of instance " + instance.getId() + " was not registered"));
    return new Registration(change.changeNumber(), instance.getId(), true);
  }

  /** The change registered under the external reference, if any (after a concurrent duplicate). */
  public Optional<Registration> findByExternalReference(String externalReference) {
    return register
        .findByExternalReference(externalReference)
        .map(c -> new Registration(c.changeNumber(), c.processInstanceId(), false));
  }

  /**
   * The change, if the caller may read it: change records are confidential, so a change whose
   * process instance the caller cannot read is answered like an unknown one.
   */
  public Optional<ChangeView> find(String changeNumber) {
    Optional<ChangeRequest> found = register.findByNumber(changeNumber);
    if (found.isEmpty() || !mayRead(found.get().processInstanceId())) {
      return Optional.empty();
    }
    ChangeRequest c = found.get();
    // the caller may read the change: show all of it (also tasks of other groups)
    return Optional.of(
        asProcess(
            () ->
                new ChangeView(
                    c.changeNumber(),
                    c.state(),
                    c.changeType(),
                    c.contractReference(),
                    c.customerCode(),
                    c.tier(),
                    c.description(),
                    c.reason(),
                    c.requestedEffectiveDate(),
                    c.aspects() == null || c.aspects().isBlank()
                        ? List.of()
                        : Arrays.asList(c.aspects().split(",")),
                    c.costImpact(),
                    c.requester(),
                    c.correctiveActionNumber(),
                    c.approverGroup(),
                    c.decisionReason(),
                    c.identificationRule(),
                    c.effectiveLot(),
                    c.effectiveDate(),
                    c.externalReference(),
                    register.reviews(c.changeNumber()).stream()
                        .map(
                            r ->
                                new ChangeView.Review(
                                    r.round(),
                                    r.reviewerGroup(),
                                    r.verdict(),
                                    r.comments(),
                                    r.reviewedBy(),
                                    r.reviewedAt()))
                        .toList(),
                    register.implementations(c.changeNumber()).stream()
                        .map(
                            i ->
                                new ChangeView.Implementation(
                                    i.round(),
                                    i.department(),
                                    i.record(),
                                    i.implementedBy(),
                                    i.implementedAt()))
                        .toList(),
                    openTasks(c.processInstanceId()))));
  }

  private boolean mayRead(String processInstanceId) {
    return historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .count()
        == 1;
  }

  private List<ChangeView.OpenTask> openTasks(String processInstanceId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .orderByTaskCreateTime()
        .asc()
        .list()
        .stream()
        .map(
            t ->
                new ChangeView.OpenTask(
                    t.getId(),
                    t.getName(),
                    t.getTaskDefinitionKey(),
                    taskService.getIdentityLinksForTask(t.getId()).stream()
                        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                        .map(IdentityLink::getGroupId)
                        .sorted()
                        .toList(),
                    t.getAssignee(),
                    t.getDueDate() == null ? null : t.getDueDate().toInstant(),
                    t.getPriority()))
        .toList();
  }

  /**
   * Reads without the caller's authorization checks (after {@link #mayRead} allowed it); restores
   * the caller.
   */
  private <T> T asProcess(Supplier<T> read) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private List<FieldError> validateAgainstStartForm(Map<String, Object> variables) {
    ProcessDefinition definition =
        asProcess(
            () ->
                repositoryService
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(PROCESS_KEY)
                    .latestVersion()
                    .singleResult());
    if (definition == null) {
      throw new IllegalStateException("Process " + PROCESS_KEY + " is not deployed");
    }
    FormSchema form = asProcess(() -> validator.startForm(definition.getId()));
    return validator.validate(
        form, new FormRule.Submission(new HashMap<>(variables), null, clock.instant()));
  }

  private static List<FieldError> merge(List<FieldError> jsonErrors, List<FieldError> formErrors) {
    Set<String> named = jsonErrors.stream().map(FieldError::field).collect(Collectors.toSet());
    List<FieldError> all = new ArrayList<>(jsonErrors);
    formErrors.stream().filter(e -> !named.contains(e.field())).forEach(all::add);
    return all;
  }
}
