package com.qmsflow.records;

import com.qmsflow.records.RecordRepository.StepRow;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes, once, the records of process instances that ran before the records existed, from
 * Camunda's history (still complete for them): the process, every task as a step (who, when, due,
 * on time) and the latest value of every variable (as set by the process: history does not say
 * which step set a value). A start-up runner rather than a Flyway Java migration because it needs
 * the engine's decoding of history (typed values, serialized objects), which does not exist while
 * Flyway runs before the engine; a marker row makes it run once, and each instance is written in
 * its own transaction and skipped when already recorded, so an interrupted run just continues.
 */
@Component
public class RecordBackfill implements ApplicationRunner {

  static final String MARKER = "history-backfill-1";
  private static final Logger log = LoggerFactory.getLogger(RecordBackfill.class);
  private static final int PAGE = 200;

  private final HistoryService history;
  private final RecordRepository records;
  private final TransactionTemplate transactions;
  private final RecordsProperties properties;
  private final Clock clock;

  public RecordBackfill(
      HistoryService history,
      RecordRepository records,
      TransactionTemplate transactions,
      RecordsProperties properties,
      Clock clock) {
    this.history = history;
    this.records = records;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.backfillEnabled() && !records.backfillDone(MARKER)) {
      int written = backfill();
      log.info("Backfilled the records of {} process instances from history", written);
    }
  }

  /** Records every historic instance not yet recorded; the number written now. */
  public int backfill() {
    int written = 0;
    for (int first = 0; ; first += PAGE) {
      List<HistoricProcessInstance> page =
          history
              .createHistoricProcessInstanceQuery()
              .orderByProcessInstanceStartTime()
              .asc()
              .orderByProcessInstanceId()
              .asc()
              .listPage(first, PAGE);
      for (HistoricProcessInstance instance : page) {
        if (Boolean.TRUE.equals(transactions.execute(tx -> backfill(instance)))) {
          written++;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    int total = written;
    transactions.executeWithoutResult(
        tx -> records.markBackfillDone(MARKER, clock.instant(), total));
    return written;
  }

  private boolean backfill(HistoricProcessInstance p) {
    if (records.isRecorded(p.getId())) {
      return false;
    }
    records.insertProcessIfAbsent(
        new RecordRepository.Process(
            p.getId(),
            p.getProcessDefinitionKey(),
            p.getProcessDefinitionId(),
            p.getBusinessKey(),
            p.getSuperProcessInstanceId(),
            p.getRootProcessInstanceId() == null ? p.getId() : p.getRootProcessInstanceId(),
            instant(p.getStartTime()),
            p.getStartUserId(),
            instant(p.getEndTime()),
            p.getEndTime() == null
                ? null
                : HistoricProcessInstance.STATE_COMPLETED.equals(p.getState())
                    ? ProcessRecorder.COMPLETED
                    : ProcessRecorder.CANCELLED));
    for (HistoricTaskInstance t :
        history.createHistoricTaskInstanceQuery().processInstanceId(p.getId()).list()) {
      Instant ended = instant(t.getEndTime());
      Instant due = instant(t.getDueDate());
      boolean completed = ended != null && "completed".equals(t.getDeleteReason());
      records.insertStepIfAbsent(
          new StepRow(
              t.getId(),
              p.getId(),
              t.getTaskDefinitionKey(),
              t.getName(),
              candidateGroups(t),
              t.getAssignee(),
              instant(t.getStartTime()),
              due,
              ended,
              completed ? t.getAssignee() : null,
              ended == null
                  ? null
                  : completed ? ProcessRecorder.COMPLETED : ProcessRecorder.CANCELLED,
              completed && due != null ? !ended.isAfter(due) : null));
      records.addParties(t.getId(), candidateUsers(t));
    }
    Map<String, RecordedValue> current = records.currentValues(p.getId());
    Map<String, RecordedValue> values = new TreeMap<>();
    for (HistoricVariableInstance v :
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(p.getId())
            .disableCustomObjectDeserialization()
            .list()) {
      RecordedValue value = RecordedValue.of(v.getTypedValue());
      if (value != null && !current.containsKey(v.getName())) {
        values.put(v.getName(), value);
      }
    }
    records.insertValues(p.getId(), null, values, clock.instant());
    return true;
  }

  private String candidateGroups(HistoricTaskInstance t) {
    String groups =
        history.createHistoricIdentityLinkLogQuery().taskId(t.getId()).list().stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .filter(link -> "add".equals(link.getOperationType()))
            .filter(link -> t.getStartTime() == null || !link.getTime().after(t.getStartTime()))
            .map(HistoricIdentityLinkLog::getGroupId)
            .filter(group -> group != null)
            .sorted()
            .distinct()
            .collect(Collectors.joining(","));
    return groups.isEmpty() ? null : groups;
  }

  /** The task's candidate users as parties (an 8D's team members). */
  private java.util.Set<String> candidateUsers(HistoricTaskInstance t) {
    return history.createHistoricIdentityLinkLogQuery().taskId(t.getId()).list().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .filter(link -> "add".equals(link.getOperationType()))
        .map(HistoricIdentityLinkLog::getUserId)
        .filter(user -> user != null)
        .map(Parties::user)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
