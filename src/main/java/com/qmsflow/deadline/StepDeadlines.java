package com.qmsflow.deadline;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * The deadlines computed in one engine command: a session of the command ({@link
 * DeadlineTaskPlugin} registers its factory), so the due date and the two timers of a task that the
 * engine evaluates one after the other in the command that creates the task come from one
 * evaluation of the decision and one "now". Keyed by execution, activity instance, decision and
 * step, so a step entered again gets its own deadlines; gone when the command ends.
 */
final class StepDeadlines implements Session {

  /** The due date (first escalation level) and the second escalation level of a step. */
  record Deadline(Date dueAt, Date secondLevelAt) {}

  static final SessionFactory FACTORY =
      new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
          return StepDeadlines.class;
        }

        @Override
        public Session openSession() {
          return new StepDeadlines();
        }
      };

  private final Map<String, Deadline> computed = new HashMap<>();

  /**
   * The deadlines of the current command; outside a command, or in an engine without the plugin, an
   * empty one that keeps nothing beyond the call.
   */
  static StepDeadlines current() {
    CommandContext context = Context.getCommandContext();
    if (context == null || !context.getSessionFactories().containsKey(StepDeadlines.class)) {
      return new StepDeadlines();
    }
    return context.getSession(StepDeadlines.class);
  }

  Deadline computeIfAbsent(
      DelegateExecution execution, String decision, String step, Supplier<Deadline> compute) {
    String key =
        execution.getId() + '/' + execution.getActivityInstanceId() + '/' + decision + '/' + step;
    Deadline deadline = computed.get(key);
    if (deadline == null) {
      deadline = compute.get();
      computed.put(key, deadline);
    }
    return deadline;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    computed.clear();
  }
}
