package com.qmsflow.operations;

import com.qmsflow.config.EngineCommands;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How a failed engine command is logged. The engine logs every failed command as ERROR {@code
 * ENGINE-16004} with the whole stack trace (about 100 lines), also when the caller only sent a form
 * that breaks its rules or asked for an instance that has ended: an administrator cannot tell a
 * defect from an ordinary refusal. Here the engine's own command logging is off ({@code
 * enableCmdExceptionLogging=false}) and the outermost command logs instead:
 *
 * <ul>
 *   <li>refused by an authorization: one WARN line with user and what was refused;
 *   <li>refused input (form rules, bad request, something that does not exist, a task claimed by
 *       someone else): one INFO line, no stack trace;
 *   <li>optimistic locking (the job is retried): DEBUG;
 *   <li>anything else: ERROR with the stack trace, as before.
 * </ul>
 */
@Component
public class CommandFailureLogging extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger("com.qmsflow.engine.commands");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableCmdExceptionLogging(false);
    EngineCommands.preInterceptors(configuration).add(0, new LoggingInterceptor());
    EngineCommands.preInterceptorsRequiresNew(configuration).add(0, new LoggingInterceptor());
  }

  /** Logs a failure once, where it leaves the outermost command of the thread. */
  static final class LoggingInterceptor extends CommandInterceptor {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public <T> T execute(Command<T> command) {
      int[] depth = DEPTH.get();
      depth[0]++;
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        if (depth[0] == 1) {
          log(command, e);
        }
        throw e;
      } finally {
        depth[0]--;
      }
    }
  }

  static void log(Command<?> command, RuntimeException e) {
    String name = command.getClass().getSimpleName();
    if (e instanceof AuthorizationException refused) {
      LOG.warn("Refused {} for user {}: {}", name, refused.getUserId(), oneLine(e));
    } else if (e instanceof OptimisticLockingException) {
      LOG.debug("{} lost a concurrent update and is retried: {}", name, oneLine(e));
    } else if (isRefusedInput(e)) {
      LOG.info("{} refused: {}", name, oneLine(e));
    } else {
      LOG.error("{} failed", name, e);
    }
  }

  /** Exceptions that describe the request, not a defect of the application. */
  public static boolean isRefusedInput(Throwable e) {
    return e instanceof BadUserRequestException
        || e instanceof FormException
        || e instanceof TaskAlreadyClaimedException
        || isMissingRecord(e);
  }

  /**
   * Whether the engine failed because what the request names does not exist (any more): an ended
   * instance, a completed task. The engine says so only in the message of a {@code
   * NullValueException}.
   */
  public static boolean isMissingRecord(Throwable e) {
    for (Throwable cause = e;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.camunda.bpm.engine.exception.NotFoundException) {
        return true;
      }
      if (cause instanceof NullValueException && cause.getMessage() != null) {
        String message = cause.getMessage();
        if (message.contains("doesn't exist")
            || message.contains("does not exist")
            || message.contains("not found")
            || message.contains("Cannot find")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String oneLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.length() > 500 ? message.substring(0, 500) + "…" : message.replace('\n', ' ');
  }
}
