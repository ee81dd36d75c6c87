package com.qmsflow.database;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value kept for the current Spring transaction (the engine's commands run in one): created at
 * the first {@link #get()} of the transaction, handed to {@code beforeCommit} just before the
 * transaction commits (still inside it), and forgotten when it ends, committed or rolled back.
 * Outside a transaction {@link #get()} gives null: the caller does its work at once.
 *
 * @param <T> what is kept
 */
public final class PerTransaction<T> {

  private final Supplier<T> initial;
  private final Consumer<T> beforeCommit;

  /** Kept for the transaction; {@code beforeCommit} may be null. */
  public PerTransaction(Supplier<T> initial, Consumer<T> beforeCommit) {
    this.initial = initial;
    this.beforeCommit = beforeCommit;
  }

  /** The transaction's value; null outside a transaction. */
  @SuppressWarnings("unchecked")
  public T get() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    T value = (T) TransactionSynchronizationManager.getResource(this);
    if (value == null) {
      T created = initial.get();
      TransactionSynchronizationManager.bindResource(this, created);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              if (beforeCommit != null) {
                beforeCommit.accept(created);
              }
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
            }
          });
      value = created;
    }
    return value;
  }
}
