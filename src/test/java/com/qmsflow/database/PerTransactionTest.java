package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A value per transaction: its own in each, none outside or in one started inside another. */
class PerTransactionTest {

  private final DataSourceTransactionManager manager =
      new DataSourceTransactionManager(
          new DriverManagerDataSource("jdbc:h2:mem:per-transaction-test;DB_CLOSE_DELAY=-1"));
  private final TransactionTemplate transaction = new TransactionTemplate(manager);
  private final List<List<String>> committed = new ArrayList<>();
  private final PerTransaction<List<String>> kept =
      new PerTransaction<>(ArrayList::new, committed::add);

  @Test
  void eachTransactionKeepsItsOwnValueAndHandsItOverJustBeforeItCommits() {
    assertThat(kept.get()).isNull();

    transaction.executeWithoutResult(
        status -> {
          kept.get().add("a");
          assertThat(kept.get()).containsExactly("a");
          kept.get().add("b");
          assertThat(committed).isEmpty();
        });
    assertThat(committed).containsExactly(List.of("a", "b"));

    transaction.executeWithoutResult(status -> assertThat(kept.get()).isEmpty());
    assertThat(committed).hasSize(2);
    assertThat(kept.get()).isNull();
  }

  @Test
  void aRolledBackTransactionHandsNothingOver() {
    assertThatThrownBy(
            () ->
                transaction.executeWithoutResult(
                    status -> {
                      kept.get().add("lost");
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");

    assertThat(committed).isEmpty();
    transaction.executeWithoutResult(status -> assertThat(kept.get()).isEmpty());
  }

  @Test
  void aTransactionStartedInsideAnotherHasNoValueAndLeavesTheOuterOnesAlone() {
    TransactionTemplate inner = new TransactionTemplate(manager);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    transaction.executeWithoutResult(
        status -> {
          kept.get().add("outer");
          inner.executeWithoutResult(innerStatus -> assertThat(kept.get()).isNull());
          assertThat(kept.get()).containsExactly("outer");
        });

    assertThat(committed).containsExactly(List.of("outer"));
  }
}
