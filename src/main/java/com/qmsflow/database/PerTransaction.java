package com.qmsflow.database;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value kept for the current Spring transaction (the engine's commands run in one): created at
 * the first {@link #get()} of the transaction, handed to {@code beforeCommit} just before the
 * transaction commits (still inside it), and forgotten when it ends, committed or rolled back.
 * Outside a transaction {@link #get()} gives null: the caller does its work at once. So does a
 * transaction started inside another one ({@code REQUIRES_NEW}): the outer transaction's value is
 * not its own, and it keeps none of its own.
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

  /** The transaction's value; null outside a transaction or in one inside another. */
  public T get() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Kept kept = (Kept) TransactionSynchronizationManager.getResource(this);
    if (kept == null) {
      kept = new Kept(initial.get());
      TransactionSynchronizationManager.bindResource(this, kept);
      TransactionSynchronizationManager.registerSynchronization(kept);
      return kept.value;
    }
    // bound by a suspended outer transaction: its synchronizations are not the current ones
    return TransactionSynchronizationManager.getSynchronizations().contains(kept)
        ? kept.value
        : null;
  }

  /** The value and what is done with it when its transaction commits and ends. */
  private final class Kept implements TransactionSynchronization {

    final T value;

    Kept(T value) {
      this.value = value;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (beforeCommit != null) {
        beforeCommit.accept(value);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
    }
  }
}
