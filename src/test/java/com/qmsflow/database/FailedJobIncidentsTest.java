package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deleted job with retries left is not looked up in the incidents ({@link FailedJobIncidents}); a
 * job whose retries ran out still has its incident, resolved or removed with the job as before.
 */
class FailedJobIncidentsTest extends EngineStatementsTestBase {

  private static final String TIMERS = "failed-job-incidents-timers-test";
  private static final String FAILING = "failed-job-incidents-failing-test";

  @BeforeAll
  void deployModels() {
    deploy(
        userTaskWithReminders(TIMERS, "userTaskWithReminder", "PT1H"),
        Bpmn.createExecutableProcess(FAILING)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("serviceTaskFailing")
            .camundaAsyncBefore()
            .camundaFailedJobRetryTimeCycle("R2/PT0S")
            .camundaExpression("${execution.getVariable('missing').length()}")
            .userTask("userTaskAfter")
            .camundaCandidateGroups("quality")
            .endEvent()
            .done());
  }

  @Test
  void aTimerDeletedWithItsCompletedTaskIsNotLookedUpInTheIncidents() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(TIMERS);
    statements.reset();

    engine.getTaskService().complete(task(instance).getId());

    assertThat(jobs().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(statements.count("selectIncidentsByConfiguration")).isZero();
  }

  @Test
  void aJobWhoseRetriesRanOutKeepsItsIncidentUntilItIsRetriedOrDeleted() {
    ProcessInstance retried = failedTwice();
    Job job = jobs().createJobQuery().processInstanceId(retried.getId()).singleResult();
    assertThat(job.getRetries()).isZero();
    assertThat(incident(retried)).isNotNull();

    // retried by an operator: the incident is resolved, and the job fails again into a new one
    jobs().setJobRetries(job.getId(), 1);
    assertThat(incident(retried)).isNull();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricIncidentQuery()
                .processInstanceId(retried.getId())
                .resolved()
                .count())
        .isOne();

    // the instance deleted with the job at 0 retries: its incident goes too
    ProcessInstance deleted = failedTwice();
    assertThat(incident(deleted)).isNotNull();
    engine.getRuntimeService().deleteProcessInstance(deleted.getId(), "test");
    assertThat(
            engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(deleted.getId())
                .count())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricIncidentQuery()
                .processInstanceId(deleted.getId())
                .deleted()
                .count())
        .isOne();
  }

  /** An instance whose failing job has used its two attempts: retries 0 and an incident. */
  private ProcessInstance failedTwice() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(FAILING);
    for (int attempt = 0; attempt < 2; attempt++) {
      Job job = jobs().createJobQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(catchThrowable(() -> jobs().executeJob(job.getId()))).isNotNull();
    }
    return instance;
  }

  private Incident incident(ProcessInstance instance) {
    return engine
        .getRuntimeService()
        .createIncidentQuery()
        .processInstanceId(instance.getId())
        .singleResult();
  }

  private ManagementService jobs() {
    return engine.getManagementService();
  }
}
