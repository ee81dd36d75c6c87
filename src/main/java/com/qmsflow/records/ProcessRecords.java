package com.qmsflow.records;

import com.qmsflow.deadline.EscalationRepository;
import com.qmsflow.records.ProcessRecord.Escalation;
import com.qmsflow.records.ProcessRecord.Step;
import com.qmsflow.records.RecordRepository.StepRow;
import com.qmsflow.records.RecordRepository.ValueRow;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Reads process records (never Camunda's history): for the complaint record, the 8D report and the
 * contract change record.
 */
@Service
public class ProcessRecords {

  private final RecordRepository records;
  private final EscalationRepository escalations;

  public ProcessRecords(RecordRepository records, EscalationRepository escalations) {
    this.records = records;
    this.escalations = escalations;
  }

  public Optional<ProcessRecord> byInstance(String processInstanceId) {
    return records.process(processInstanceId).map(this::assemble);
  }

  /** The instance of the process with this business key (complaint, 8D or change number). */
  public Optional<ProcessRecord> byBusinessKey(String processKey, String businessKey) {
    return records.processByBusinessKey(processKey, businessKey).map(this::assemble);
  }

  /** The instances started by a call activity of this one (a serious complaint's 8D). */
  public List<ProcessRecord> calledBy(String processInstanceId) {
    return records.calledBy(processInstanceId).stream().map(this::assemble).toList();
  }

  private ProcessRecord assemble(RecordRepository.Process p) {
    Map<String, Object> current = new TreeMap<>();
    Map<String, Map<String, Object>> byStep = new HashMap<>();
    for (ValueRow row : records.values(p.processInstanceId())) {
      Object value = row.value().value();
      current.put(row.name(), value);
      if (row.taskId() != null) {
        byStep.computeIfAbsent(row.taskId(), id -> new TreeMap<>()).put(row.name(), value);
      }
    }
    Map<String, List<Escalation>> escalationsByTask =
        p.businessKey() == null
            ? Map.of()
            : escalations.findByBusinessKey(p.businessKey()).stream()
                .collect(
                    Collectors.groupingBy(
                        EscalationRepository.Escalation::taskId,
                        Collectors.mapping(
                            e ->
                                new Escalation(
                                    e.level(), e.escalatedToGroup(), e.dueDate(), e.escalatedAt()),
                            Collectors.toList())));
    List<Step> steps =
        records.steps(p.processInstanceId()).stream()
            .map(
                (StepRow s) ->
                    new Step(
                        s.taskId(),
                        s.taskDefinitionKey(),
                        s.taskName(),
                        s.candidateGroups(),
                        s.assignee(),
                        s.createdAt(),
                        s.dueAt(),
                        s.endedAt(),
                        s.completedBy(),
                        s.outcome(),
                        s.onTime(),
                        Collections.unmodifiableMap(byStep.getOrDefault(s.taskId(), Map.of())),
                        escalationsByTask.getOrDefault(s.taskId(), List.of())))
            .toList();
    return new ProcessRecord(
        p.processInstanceId(),
        p.processKey(),
        p.businessKey(),
        p.superProcessInstanceId(),
        p.startedAt(),
        p.startedBy(),
        p.endedAt(),
        p.endState(),
        Collections.unmodifiableMap(current),
        steps);
  }
}
