package com.qmsflow.deadline;

import static com.qmsflow.deadline.DeadlineVariables.*;

import com.qmsflow.calendar.BusinessCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Due dates of deadline tasks: a deadline task ({@link DeadlineTaskPlugin}) gets {@code
 * ${deadlines.dueAt(execution, 'complaint-deadlines', 'confirm')}} as its due date and first
 * escalation timer, and {@code escalationAt(…)} as its second. The rule comes from the named
 * decision (latest deployed version, so a process owner's change applies to every step that starts
 * after it is deployed); working days come from the {@link BusinessCalendar}. This is the one place
 * that evaluates the deadline decisions.
 *
 * <p>The task's due date and its two timeout timers are evaluated at slightly different moments of
 * the same engine command, so the decision is evaluated once per step and command and both instants
 * are kept for the rest of the command ({@link StepDeadlines}): the timer fires exactly at the due
 * date shown in Tasklist, and the decision runs once per task instead of twice. Nothing of this is
 * stored: the due date is kept by the task (and in {@code process_step}), the timers by their jobs.
 *
 * <p>A deadline lookup is not recorded in the decision history unless {@code
 * qms.deadline.decision-history} is true ({@link RoutineLookups}): its result is the task's due
 * date and its timers, which the task, its history and the project's records keep; its inputs
 * (tier, urgent, cause origin) are process variables with full history; and the version that
 * applied is the latest deployed at the task's creation time. Decisions of the models (business
 * rule tasks) are recorded as before.
 */
@Service("deadlines")
public class DeadlineService {

  /** Base times a rule may count from. */
  public static final String BASE_STEP_START = "stepStart";

  public static final String BASE_SAMPLE_RECEIVED = "sampleReceived";
  public static final String BASE_COMMITTED_DATE = "committedDate";
  public static final String BASE_RAISED = "raised";

  private final DecisionService decisions;
  private final BusinessCalendar calendar;
  private final ZoneId zone;
  private final Clock clock;
  private final boolean decisionHistory;

  /**
   * Rules of lookups that leave no decision history, by decision definition id (one per deployed
   * version) and inputs: a decision table's result depends on nothing else, and feel-scala spends
   * milliseconds per evaluation (it builds its built-in functions and parses the table's
   * expressions every time), two thirds of an escalation job's CPU in the timer storm. A newly
   * deployed version has a new id, so it applies from the next lookup on.
   */
  private final Map<List<Object>, DeadlineRule> rules = new ConcurrentHashMap<>();

  /** More distinct lookups than any deployed tables have rows and inputs: start again. */
  static final int MAX_REMEMBERED_RULES = 10_000;

  public DeadlineService(
      @Lazy DecisionService decisions,
      BusinessCalendar calendar,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone,
      Clock clock,
      @Value("${qms.deadline.decision-history:false}") boolean decisionHistory) {
    this.clock = clock;
    this.decisions = decisions;
    this.calendar = calendar;
    this.zone = ZoneId.of(zone);
    this.decisionHistory = decisionHistory;
  }

  /** The step's due date (first escalation level). */
  public Date dueAt(DelegateExecution execution, String decisionKey, String step) {
    return deadline(execution, decisionKey, step).dueAt();
  }

  /** When the step escalates a second time (counted from the same base as the due date). */
  public Date escalationAt(DelegateExecution execution, String decisionKey, String step) {
    return deadline(execution, decisionKey, step).secondLevelAt();
  }

  /** Both instants of the step, from one evaluation of the decision per step and command. */
  private StepDeadlines.Deadline deadline(
      DelegateExecution execution, String decisionKey, String step) {
    return StepDeadlines.current()
        .computeIfAbsent(
            execution,
            decisionKey,
            step,
            () -> {
              DeadlineRule rule = rule(decisionKey, execution, step);
              Instant base = base(execution, rule.dueBase());
              return new StepDeadlines.Deadline(
                  Date.from(calendar.plus(base, rule.dueAmount(), rule.dueUnit())),
                  Date.from(calendar.plus(base, rule.secondLevelAmount(), rule.secondLevelUnit())));
            });
  }

  /** The due date as a calendar date text ({@code yyyy-MM-dd}), for forms that propose a date. */
  public String dueDateText(DelegateExecution execution, String decisionKey, String step) {
    return LocalDate.ofInstant(dueAt(execution, decisionKey, step).toInstant(), zone).toString();
  }

  /**
   * Evaluates the deadline decision for a step with the process's variables (tier, urgent,
   * causeOrigin …).
   */
  public DeadlineRule rule(String decisionKey, VariableScope variables, String step) {
    VariableMap input =
        Variables.createVariables()
            .putValue("step", step)
            .putValue(TIER.name(), TIER.raw(variables))
            .putValue(URGENT.name(), URGENT.isTrue(variables))
            .putValue(CAUSE_ORIGIN.name(), CAUSE_ORIGIN.raw(variables));
    CommandContext context = Context.getCommandContext();
    if (decisionHistory || context == null) {
      return evaluateRule(decisionKey, step, input);
    }
    // the same query for the latest version as the evaluation by key makes
    String version =
        context
            .getProcessEngineConfiguration()
            .getDeploymentCache()
            .findDeployedLatestDecisionDefinitionByKey(decisionKey)
            .getId();
    List<Object> key =
        Arrays.asList(
            version,
            step,
            input.get(TIER.name()),
            input.get(URGENT.name()),
            input.get(CAUSE_ORIGIN.name()));
    DeadlineRule rule = rules.get(key);
    if (rule == null) {
      rule = evaluateRule(decisionKey, step, input);
      if (rules.size() >= MAX_REMEMBERED_RULES) {
        rules.clear();
      }
      rules.put(key, rule);
    }
    return rule;
  }

  private DeadlineRule evaluateRule(String decisionKey, String step, VariableMap input) {
    DmnDecisionResultEntries first = evaluate(decisionKey, input);
    if (first == null) {
      throw new IllegalStateException(
          "Decision " + decisionKey + " has no deadline for step '" + step + "'");
    }
    Map<String, Object> row = first.getEntryMap();
    return new DeadlineRule(
        (String) row.get("dueBase"),
        number(row.get("dueAmount")),
        (String) row.get("dueUnit"),
        number(row.get("secondLevelAmount")),
        (String) row.get("secondLevelUnit"),
        (String) row.get("escalationGroup"),
        (String) row.get("secondEscalationGroup"));
  }

  /**
   * The deadline table is the process's own configuration, not something the user who completed the
   * previous step is asked for: with authorization checks on, a clerk needs no permission on the
   * decision for the process to compute the next step's due date.
   */
  private DmnDecisionResultEntries evaluate(String decisionKey, VariableMap input) {
    CommandContext context = Context.getCommandContext();
    Supplier<DmnDecisionResultEntries> evaluation =
        () ->
            decisions
                .evaluateDecisionByKey(decisionKey)
                .variables(input)
                .evaluate()
                .getFirstResult();
    Supplier<DmnDecisionResultEntries> lookup =
        decisionHistory ? evaluation : () -> RoutineLookups.withoutHistory(evaluation);
    if (context == null) {
      return lookup.get();
    }
    return context.runWithoutAuthorization(lookup::get);
  }

  private Instant base(DelegateExecution execution, String dueBase) {
    Instant now = clock.instant();
    return switch (dueBase == null ? BASE_STEP_START : dueBase) {
      case BASE_STEP_START -> now;
      // a sample received on a day counts from the start of that day; without a sample, from now
      case BASE_SAMPLE_RECEIVED ->
          date(SAMPLE_RECEIVED_DATE.raw(execution))
              .map(d -> d.atStartOfDay(zone).toInstant())
              .orElse(now);
      // the committed improvement date is due at the end of that day
      case BASE_COMMITTED_DATE ->
          date(COMMITTED_IMPROVEMENT_DATE.raw(execution))
              .map(d -> d.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1))
              .orElse(now);
      // counted from the moment the 8D report was raised (D0-D3 within 24 h of it)
      case BASE_RAISED ->
          RAISED_AT.raw(execution) instanceof Date raised ? raised.toInstant() : now;
      default -> throw new IllegalStateException("Unknown deadline base '" + dueBase + "'");
    };
  }

  private static java.util.Optional<LocalDate> date(Object value) {
    if (value == null || value.toString().isBlank()) {
      return java.util.Optional.empty();
    }
    if (value instanceof Date d) {
      return java.util.Optional.of(LocalDate.ofInstant(d.toInstant(), ZoneId.systemDefault()));
    }
    String text = value.toString();
    try {
      return java.util.Optional.of(
          LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
