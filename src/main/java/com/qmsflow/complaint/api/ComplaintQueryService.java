package com.qmsflow.complaint.api;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.RecurrenceRepository;
import com.qmsflow.complaint.api.ComplaintView.EscalationEntry;
import com.qmsflow.complaint.api.ComplaintView.OpenTask;
import com.qmsflow.customer.Customer;
import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.deadline.EscalationRepository;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.AttachmentView;
import com.qmsflow.web.ForbiddenException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads a complaint's state for {@code GET /api/complaints/{complaintNumber}}. */
@Service
public class ComplaintQueryService {

  private static final List<String> VIEW_VARIABLES =
      List.of(TIER_VAR.name(), SEVERITY_VAR.name(), RECURRENCE_RESOLUTION.name());

  private final ComplaintRepository complaints;
  private final CustomerRepository customers;
  private final EscalationRepository escalations;
  private final RecurrenceRepository meetings;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final AttachmentRepository attachments;

  public ComplaintQueryService(
      ComplaintRepository complaints,
      CustomerRepository customers,
      EscalationRepository escalations,
      RecurrenceRepository meetings,
      RuntimeService runtimeService,
      HistoryService historyService,
      TaskService taskService,
      AttachmentRepository attachments) {
    this.complaints = complaints;
    this.customers = customers;
    this.escalations = escalations;
    this.meetings = meetings;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.attachments = attachments;
  }

  public Optional<ComplaintView> find(String complaintNumber) {
    return complaints.findByNumber(complaintNumber).map(this::view);
  }

  private ComplaintView view(Complaint c) {
    String processInstanceId = c.processInstanceId();
    if (processInstanceId != null && !mayRead(processInstanceId)) {
      throw new ForbiddenException("complaint.forbidden", c.complaintNumber());
    }
    boolean running =
        processInstanceId != null
            && runtimeService
                    .createProcessInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .singleResult()
                != null;
    Map<String, Object> variables = Map.of();
    if (running) {
      try {
        variables = runtimeVariables(processInstanceId);
      } catch (ProcessEngineException endedMeanwhile) {
        running = false;
      }
    }
    if (processInstanceId != null && !running) {
      variables = historicVariables(processInstanceId);
    }

    String tier = c.tier() != null ? c.tier() : string(TIER_VAR.rawFrom(variables));
    String severity = c.severity() != null ? c.severity() : string(SEVERITY_VAR.rawFrom(variables));
    String resolution = string(RECURRENCE_RESOLUTION.rawFrom(variables));
    if (resolution == null) {
      resolution =
          meetings
              .find(c.batchNumber(), c.defectCode())
              .map(RecurrenceRepository.Meeting::resolution)
              .orElse(null);
    }
    return new ComplaintView(
        c.complaintNumber(),
        c.customerCode(),
        customers.findByCode(c.customerCode()).map(Customer::name).orElse(null),
        tier,
        c.category(),
        severity,
        c.status(),
        c.receivedAt(),
        c.closedAt(),
        running ? openTasks(processInstanceId) : List.of(),
        escalations.findByBusinessKey(c.complaintNumber()).stream()
            .map(
                e ->
                    new EscalationEntry(
                        e.taskName(),
                        e.level(),
                        e.escalatedToGroup(),
                        e.escalatedAt(),
                        e.dueDate()))
            .toList(),
        resolution,
        attachments.findByComplaintWithItsEightD(c.complaintNumber()).stream()
            .map(AttachmentView::of)
            .toList());
  }

  /**
   * Whether the request's user may read the complaint's instance: the engine filters the history
   * query by the user's authorizations (READ_HISTORY on complaint-handling or READ on the
   * instance's history). Without an authenticated user (Java callers) everything is readable.
   */
  private boolean mayRead(String processInstanceId) {
    return historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .count()
        > 0;
  }

  private Map<String, Object> runtimeVariables(String processInstanceId) {
    return new HashMap<>(runtimeService.getVariables(processInstanceId, VIEW_VARIABLES));
  }

  /**
   * Variables of an ended instance; a variable of the process scope wins over a local one of the
   * same name.
   */
  private Map<String, Object> historicVariables(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    List<HistoricVariableInstance> found =
        historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableNameIn(VIEW_VARIABLES.toArray(String[]::new))
            .list();
    for (HistoricVariableInstance v : found) {
      boolean processScope = processInstanceId.equals(v.getActivityInstanceId());
      if (processScope || !values.containsKey(v.getName())) {
        values.put(v.getName(), v.getValue());
      }
    }
    return values;
  }

  /**
   * Open tasks of the instance and of the instances it called (the 8D sub-process), oldest first.
   */
  private List<OpenTask> openTasks(String processInstanceId) {
    Set<String> instanceIds = new LinkedHashSet<>();
    collectInstances(processInstanceId, instanceIds);
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processInstanceIdIn(instanceIds.toArray(String[]::new))
            .orderByTaskCreateTime()
            .asc()
            .list();
    List<OpenTask> open = new ArrayList<>();
    for (Task task : tasks) {
      open.add(
          new OpenTask(
              task.getId(),
              task.getName(),
              task.getTaskDefinitionKey(),
              candidateGroups(task.getId()),
              task.getAssignee(),
              instant(task.getDueDate()),
              task.getPriority()));
    }
    return open;
  }

  private void collectInstances(String processInstanceId, Collection<String> ids) {
    if (!ids.add(processInstanceId)) {
      return;
    }
    for (ProcessInstance sub :
        runtimeService
            .createProcessInstanceQuery()
            .superProcessInstanceId(processInstanceId)
            .list()) {
      collectInstances(sub.getId(), ids);
    }
  }

  private List<String> candidateGroups(String taskId) {
    return taskService.getIdentityLinksForTask(taskId).stream()
        .filter(
            link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .distinct()
        .sorted()
        .toList();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
