package com.qmsflow.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The complete record of one process instance, read only from the project's tables: it stays the
 * same after Camunda's history cleanup.
 *
 * @param values the current value of every finding and decision, by variable name (sorted)
 * @param steps every user task in the order created: who, when, due, on time, escalations, and the
 *     values its completion set
 */
public record ProcessRecord(
    String processInstanceId,
    String processKey,
    String businessKey,
    String superProcessInstanceId,
    Instant startedAt,
    String startedBy,
    Instant endedAt,
    String endState,
    Map<String, Object> values,
    List<Step> steps) {

  /** True once the instance ended (completed or cancelled). */
  public boolean ended() {
    return endedAt != null;
  }

  /** The current value of a variable, or null. */
  public Object value(String name) {
    return values.get(name);
  }

  /** The steps of one task of the model, in order (a task run again in a loop appears again). */
  public List<Step> steps(String taskDefinitionKey) {
    return steps.stream().filter(s -> s.taskDefinitionKey().equals(taskDefinitionKey)).toList();
  }

  /**
   * One user task.
   *
   * @param name the task's name as modelled, "English (中文)"
   * @param outcome COMPLETED, CANCELLED (ended without completion), null while open
   * @param onTime whether it was completed by its due date; null without a due date or while open
   * @param values the findings and decisions its completion set, by variable name (sorted)
   */
  public record Step(
      String taskId,
      String taskDefinitionKey,
      String name,
      String candidateGroups,
      String assignee,
      Instant createdAt,
      Instant dueAt,
      Instant endedAt,
      String completedBy,
      String outcome,
      Boolean onTime,
      Map<String, Object> values,
      List<Escalation> escalations) {

    private static final Pattern BILINGUAL = Pattern.compile("^(.*\\S)\\s*[(（]([^()（）]*)[)）]$");

    /** The English part of a bilingual name "English (中文)", or the whole name. */
    public String nameEn() {
      Matcher m = name == null ? null : BILINGUAL.matcher(name);
      return m != null && m.matches() ? m.group(1) : name;
    }

    /** The Chinese part of a bilingual name "English (中文)", or the whole name. */
    public String nameZh() {
      Matcher m = name == null ? null : BILINGUAL.matcher(name);
      return m != null && m.matches() ? m.group(2) : name;
    }
  }

  /** An escalation of a step: the level, to whom, when, against which due date. */
  public record Escalation(int level, String escalatedToGroup, Instant dueDate, Instant at) {}
}
