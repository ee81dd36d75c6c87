package com.qmsflow.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the records keep per transaction and per node to save statements (issue 21) keeps them
 * right: a business key is skipped only once a transaction that wrote it has committed, and a
 * step's values read once per transaction still see what the transaction inserted.
 */
@SpringBootTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:process-records-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class RecordRepositoryTest {

  private static final Instant STARTED = Instant.parse("2026-03-02T01:00:00Z");

  @Autowired RecordRepository records;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  @Test
  void aBusinessKeyWhoseTransactionRolledBackIsWrittenAgainByTheNextAttempt() {
    String instance = recordedInstance();

    assertThatThrownBy(
            () ->
                transaction.executeWithoutResult(
                    status -> {
                      records.updateBusinessKey(instance, "CC-2026-000777");
                      throw new IllegalStateException("the command failed");
                    }))
        .hasMessage("the command failed");
    assertThat(businessKey(instance)).isNull();

    transaction.executeWithoutResult(
        status -> records.updateBusinessKey(instance, "CC-2026-000777"));
    assertThat(businessKey(instance)).isEqualTo("CC-2026-000777");

    // a later key (another number) is written although one is known
    transaction.executeWithoutResult(
        status -> records.updateBusinessKey(instance, "CC-2026-000778"));
    assertThat(businessKey(instance)).isEqualTo("CC-2026-000778");
  }

  @Test
  void valuesReadOnceInATransactionSeeWhatItInsertedAndAStepRecordsANameOnce() {
    String instance = recordedInstance();
    RecordedValue first = new RecordedValue("string", "first");
    RecordedValue second = new RecordedValue("string", "second");

    transaction.executeWithoutResult(
        status -> {
          assertThat(records.currentValues(instance)).isEmpty();
          records.insertValues(instance, null, Map.of("decision", first), STARTED);
          assertThat(records.currentValues(instance)).containsEntry("decision", first);
          records.insertValues(instance, "task-1", Map.of("finding", first), STARTED);
          // the same step again (a completion recorded twice): not recorded twice
          records.insertValues(instance, "task-1", Map.of("finding", second), STARTED);
          records.insertValues(instance, "task-2", Map.of("finding", second), STARTED);
          assertThat(records.currentValues(instance))
              .containsEntry("decision", first)
              .containsEntry("finding", second);
        });

    assertThat(
            jdbc.sql(
                    "select task_id || ':' || text_value from record_value"
                        + " where process_instance_id = ? and name = 'finding' order by id")
                .param(instance)
                .query(String.class)
                .list())
        .containsExactly("task-1:first", "task-2:second");
    // a new transaction reads what the last one committed
    transaction.executeWithoutResult(
        status -> {
          records.insertValues(instance, "task-2", Map.of("finding", first), STARTED);
          assertThat(records.currentValues(instance)).containsEntry("finding", second);
        });
  }

  private String recordedInstance() {
    String instance = UUID.randomUUID().toString();
    records.insertProcessIfAbsent(
        new RecordRepository.Process(
            instance, "test", "test:1", null, null, instance, STARTED, "clerk", null, null));
    return instance;
  }

  private String businessKey(String instance) {
    return jdbc.sql("select business_key from process_record where process_instance_id = ?")
        .param(instance)
        .query((rs, row) -> rs.getString(1))
        .list()
        .get(0);
  }
}
