package com.qmsflow.deadline;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Deadline lookups that leave no decision history: while {@link #withoutHistory} runs, the engine's
 * history handler (wrapped by {@link DeadlineTaskPlugin}) drops the decision evaluation events, and
 * only those; every other history event of the command is written as before. The evaluation is
 * synchronous in the caller's thread, so a thread-local flag marks it exactly.
 */
final class RoutineLookups {

  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private RoutineLookups() {}

  static <T> T withoutHistory(Supplier<T> lookup) {
    boolean outer = ACTIVE.get();
    ACTIVE.set(true);
    try {
      return lookup.get();
    } finally {
      ACTIVE.set(outer);
    }
  }

  /** The engine's history handler, without the decision history of routine lookups. */
  static HistoryEventHandler filter(HistoryEventHandler engine) {
    return new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        if (!skipped(event)) {
          engine.handleEvent(event);
        }
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        engine.handleEvents(
            ACTIVE.get() ? events.stream().filter(e -> !skipped(e)).toList() : events);
      }
    };
  }

  private static boolean skipped(HistoryEvent event) {
    return ACTIVE.get() && event instanceof HistoricDecisionEvaluationEvent;
  }
}
