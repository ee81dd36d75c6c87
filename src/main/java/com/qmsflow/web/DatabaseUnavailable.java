package com.qmsflow.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure because the database cannot be reached (stopped, restarting, network gone, pool
 * timed out waiting for a connection) from every other failure. Such a request changed nothing (its
 * transaction never committed), so the caller may simply retry it later: the answer is {@code 503},
 * not {@code 500}. The exception usually arrives wrapped several times (Spring's {@code
 * CannotCreateTransactionException}, Camunda's {@code ProcessEngineException}, MyBatis' {@code
 * PersistenceException}), so the whole cause chain is searched.
 */
public final class DatabaseUnavailable {

  /** Body of every 503 answer. */
  public static final String MESSAGE = "database unavailable, retry later";

  /** Seconds a client should wait before retrying (the {@code Retry-After} header). */
  public static final int RETRY_AFTER_SECONDS = 10;

  private DatabaseUnavailable() {}

  /** True if the failure, or any of its causes, says the database could not be reached. */
  public static boolean isCauseOf(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> toSee = new ArrayDeque<>();
    if (failure != null) {
      toSee.add(failure);
    }
    while (!toSee.isEmpty()) {
      Throwable t = toSee.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        toSee.add(t.getCause());
      }
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null) {
        // the rollback failed too (the connection was gone); what made it roll back is the
        // application exception
        toSee.add(rollback.getApplicationException());
      }
      if (t instanceof DataAccessResourceFailureException // incl. CannotGetJdbcConnectionException
          || t
              instanceof
              SQLTransientConnectionException // Hikari: no connection within connectionTimeout
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && isConnectionFailure(sql)) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception: refused, broken, I/O error) and 57P01-57P03 (the
   * server is shutting down, crashed or still starting: PostgreSQL's answers around a restart).
   */
  private static boolean isConnectionFailure(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  /** The JSON body of a 503 answer. */
  public static String json() {
    return "{\"error\":\"" + MESSAGE + "\"}";
  }
}
