package com.qmsflow.security;

import com.qmsflow.config.EngineCommands;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Stored task-filter queries may contain expressions ({@code enableExpressionsInStoredQueries}),
 * which the engine evaluates when anyone opens the filter: a user allowed to create filters could
 * otherwise store arbitrary EL (method calls on beans, {@code Runtime}, ...). Only the expressions
 * Tasklist's own filters need are accepted: {@code ${currentUser()}}, {@code
 * ${currentUserGroups()}}, {@code ${now()}} and {@code ${dateTime()}} with plus/minus of a whole
 * number of units, {@code withTimeAtStartOfDay()} and {@code toDate()}. Saving a filter with any
 * other expression (through the REST API, Tasklist or Java) fails with a {@link
 * BadUserRequestException} (REST: 400) and stores nothing. Ad-hoc queries may not use expressions
 * at all (the engine's default {@code enableExpressionsInAdhocQueries=false}).
 */
@Component
public class SafeFilterExpressionsPlugin extends AbstractProcessEnginePlugin {

  private static final String DATE_CHAIN =
      "(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\d{1,6}\\)|\\.withTimeAtStartOfDay\\(\\))*"
          + "(\\.toDate\\(\\))?";
  static final Pattern SAFE_EXPRESSION =
      Pattern.compile(
          "\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)|dateTime\\(\\)"
              + DATE_CHAIN
              + ")\\s*}");

  private static final Field FILTER_OF_COMMAND =
      EngineCommands.field(SaveFilterCmd.class, "filter");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineCommands.preInterceptors(configuration).add(new Interceptor());
    configuration.setEnableExpressionsInAdhocQueries(false);
  }

  /** Whether an expression is one of the allowed ones. */
  public static boolean isSafe(String expression) {
    return expression != null && SAFE_EXPRESSION.matcher(expression.strip()).matches();
  }

  /** Throws when the filter's query contains an expression that is not allowed. */
  static void check(Filter filter) {
    if (filter == null || !(filter.getQuery() instanceof TaskQueryImpl query)) {
      return;
    }
    List<TaskQueryImpl> queries = new ArrayList<>();
    queries.add(query);
    if (query.getQueries() != null) {
      queries.addAll(query.getQueries());
    }
    for (TaskQueryImpl part : queries) {
      for (Map.Entry<String, String> expression : part.getExpressions().entrySet()) {
        if (!isSafe(expression.getValue())) {
          throw new BadUserRequestException(
              "Filter '"
                  + filter.getName()
                  + "' is not saved: the expression of "
                  + expression.getKey()
                  + " is not allowed. Filters may only use ${currentUser()},"
                  + " ${currentUserGroups()}, ${now()} and ${dateTime()} with plus/minus of whole"
                  + " units.");
        }
      }
    }
  }

  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof SaveFilterCmd save) {
        try {
          check((Filter) FILTER_OF_COMMAND.get(save));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
      return next.execute(command);
    }
  }
}
