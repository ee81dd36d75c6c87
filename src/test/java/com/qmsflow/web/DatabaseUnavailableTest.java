package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures answer 503 (database unreachable, retry) and which stay what they are. */
class DatabaseUnavailableTest {

  @Test
  void noConnectionFromThePoolWithinTheTimeoutIsUnavailable() {
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 5000ms",
            "08001",
            new SQLException(
                "Connection to localhost:5432 refused",
                "08001",
                new ConnectException("Connection refused")));
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction", timeout)))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))
        .isTrue();
  }

  @Test
  void aConnectionBrokenInsideTheEngineIsUnavailable() {
    SQLException ioError =
        new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new ProcessEngineException(
                    "ENGINE-03083 Exception while executing Batch Database Operations",
                    new PersistenceException("### Error flushing statements", ioError))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new ProcessEngineException(
                    "query failed",
                    new SQLException(
                        "FATAL: terminating connection due to administrator command", "57P01"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new ProcessEngineException(
                    "query failed",
                    new SQLException("FATAL: the database system is starting up", "57P03"))))
        .isTrue();
  }

  @Test
  void aRollbackThatFailedAfterTheConnectionBrokeIsUnavailable() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new org.springframework.dao.DataAccessResourceFailureException(
            "PreparedStatementCallback", new SQLException("An I/O error occurred", "08006")));
    assertThat(DatabaseUnavailable.isCauseOf(rollback)).isTrue();
  }

  @Test
  void everyOtherFailureIsNot() {
    assertThat(
            DatabaseUnavailable.isCauseOf(new ProcessEngineException("Cannot find task with id x")))
        .isFalse();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new OptimisticLockingException("updated by another transaction")))
        .isFalse();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new DuplicateKeyException(
                    "duplicate external reference",
                    new SQLException("duplicate key value violates unique constraint", "23505"))))
        .isFalse();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new DataIntegrityViolationException(
                    "value too long",
                    new SQLException("value too long for type character varying(40)", "22001"))))
        .isFalse();
    assertThat(
            DatabaseUnavailable.isCauseOf(
                new TransactionSystemException(
                    "JDBC rollback failed", new SQLException("Connection is closed"))))
        .isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("loop", null))).isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(null)).isFalse();
  }
}
