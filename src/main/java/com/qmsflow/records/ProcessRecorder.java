package com.qmsflow.records;

import com.qmsflow.records.RecordRepository.StepRow;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * Writes the record of a process instance as it runs, called by the listeners {@link RecordsPlugin}
 * adds to every process and user task: in the engine's transaction, so a command that rolls back (a
 * refused submission, a failed job that is retried) leaves no record, and the record can never
 * disagree with the process.
 *
 * <p>Values are recorded as changes: on each event the visible variables are compared with the
 * latest recorded value of each name and only what changed is written, attributed to the step whose
 * completion set it, or to the process (start form, service tasks, decisions, a called 8D's
 * results) when it changed between steps. Recording the same event twice therefore writes nothing
 * the second time; steps and process rows are inserted only when absent and ended only once.
 */
@Component
public class ProcessRecorder {

  static final String COMPLETED = "COMPLETED";
  static final String CANCELLED = "CANCELLED";

  private final RecordRepository records;
  private final OnTimeCounts onTimeCounts;
  private final Clock clock;

  public ProcessRecorder(RecordRepository records, OnTimeCounts onTimeCounts, Clock clock) {
    this.records = records;
    this.onTimeCounts = onTimeCounts;
    this.clock = clock;
  }

  public void processStarted(DelegateExecution execution) {
    ExecutionEntity instance = processInstance(execution);
    records.insertProcessIfAbsent(
        new RecordRepository.Process(
            instance.getId(),
            instance.getProcessDefinition().getKey(),
            instance.getProcessDefinitionId(),
            instance.getBusinessKey(),
            instance.getSuperExecution() == null
                ? null
                : instance.getSuperExecution().getProcessInstanceId(),
            instance.getRootProcessInstanceId(),
            clock.instant(),
            currentUser(execution),
            null,
            null));
    recordChanges(instance.getId(), null, instance.getVariablesTyped(false));
  }

  public void processEnded(DelegateExecution execution) {
    ExecutionEntity instance = processInstance(execution);
    records.updateBusinessKey(instance.getId(), instance.getBusinessKey());
    recordChanges(instance.getId(), null, instance.getVariablesTyped(false));
    records.endProcess(
        instance.getId(), clock.instant(), execution.isCanceled() ? CANCELLED : COMPLETED);
  }

  public void taskCreated(DelegateTask task) {
    ExecutionEntity instance = processInstance(task.getExecution());
    records.updateBusinessKey(instance.getId(), instance.getBusinessKey());
    // what the process set since the last step (registration, decisions, a called 8D's results)
    recordChanges(instance.getId(), null, instance.getVariablesTyped(false));
    records.insertStepIfAbsent(openStep(task));
    records.addParties(task.getId(), candidateUsers(task));
  }

  public void taskAssigned(DelegateTask task) {
    records.assign(task.getId(), task.getAssignee());
  }

  /**
   * A changed due date of an open task (Tasklist, REST, {@code TaskService#saveTask}) is the step's
   * due date from now on; other changes (priority, name, owner) are not recorded.
   */
  public void taskUpdated(DelegateTask task) {
    if (task instanceof TaskEntity entity
        && entity.getPropertyChanges().containsKey(TaskEntity.DUE_DATE)) {
      records.changeDueDate(task.getProcessInstanceId(), task.getId(), instant(task.getDueDate()));
    }
  }

  /**
   * Records who completed the task, when, against which due date, and the values its submission set
   * (the findings and decisions of the step).
   */
  public void taskCompleted(DelegateTask task) {
    Instant now = clock.instant();
    // the task's own (local) variables are what other features show with it (list columns, form
    // context), never findings: a submission sets its values in the task's execution and above
    recordChanges(
        task.getProcessInstanceId(), task.getId(), task.getExecution().getVariablesTyped(false));
    Instant due = instant(task.getDueDate());
    String user = currentUser(task);
    boolean onTime = due != null && !now.isAfter(due);
    Supplier<Boolean> end =
        () ->
            records.endStep(
                task.getProcessInstanceId(),
                task.getId(),
                task.getAssignee(),
                due,
                now,
                user != null ? user : task.getAssignee(),
                COMPLETED,
                due == null ? null : onTime);
    boolean endedNow = end.get();
    // not ended now: ended before (nothing to do), or a task created before the records existed,
    // which is recorded at its completion
    if (!endedNow && records.insertStepIfAbsent(openStep(task))) {
      endedNow = end.get();
    }
    records.addParties(task.getId(), candidateUsers(task));
    // the on-time summary counts the completion once: when the step ends now
    if (endedNow && due != null) {
      ExecutionEntity instance = processInstance(task.getExecution());
      onTimeCounts.count(
          task.getId(),
          instance.getProcessDefinition().getKey(),
          instance.getRootProcessInstanceId(),
          task.getName(),
          now,
          onTime);
    }
  }

  /** A task that ended without completion: the process moved on (cancelled, interrupted). */
  public void taskDeleted(DelegateTask task) {
    records.insertStepIfAbsent(openStep(task));
    records.endStep(
        task.getProcessInstanceId(),
        task.getId(),
        task.getAssignee(),
        instant(task.getDueDate()),
        clock.instant(),
        null,
        CANCELLED,
        null);
  }

  private StepRow openStep(DelegateTask task) {
    return new StepRow(
        task.getId(),
        task.getProcessInstanceId(),
        task.getTaskDefinitionKey(),
        task.getName(),
        candidateGroups(task),
        task.getAssignee(),
        task.getCreateTime() == null ? clock.instant() : task.getCreateTime().toInstant(),
        instant(task.getDueDate()),
        null,
        null,
        null,
        null);
  }

  private void recordChanges(String processInstanceId, String taskId, VariableMap visible) {
    Map<String, RecordedValue> current = records.currentValues(processInstanceId);
    Map<String, RecordedValue> changed = new TreeMap<>();
    for (String name : visible.keySet()) {
      RecordedValue value = RecordedValue.of(visible.getValueTyped(name));
      if (value != null && !value.equals(current.get(name))) {
        changed.put(name, value);
      }
    }
    if (!changed.isEmpty()) {
      records.insertValues(processInstanceId, taskId, changed, clock.instant());
    }
  }

  static String candidateGroups(DelegateTask task) {
    String groups =
        task.getCandidates().stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(link -> link.getGroupId())
            .filter(group -> group != null)
            .sorted()
            .distinct()
            .collect(Collectors.joining(","));
    return groups.isEmpty() ? null : groups;
  }

  /** The task's candidate users as parties (an 8D's team members on its steps). */
  static Set<String> candidateUsers(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(link -> link.getUserId())
        .filter(user -> user != null)
        .map(Parties::user)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static ExecutionEntity processInstance(DelegateExecution execution) {
    return ((ExecutionEntity) execution).getProcessInstance();
  }

  private static String currentUser(VariableScope scope) {
    Authentication authentication =
        scope instanceof DelegateTask task
            ? task.getProcessEngineServices().getIdentityService().getCurrentAuthentication()
            : ((DelegateExecution) scope)
                .getProcessEngineServices()
                .getIdentityService()
                .getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
