package com.qmsflow.database;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.processtest.EscalationTimers;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an escalation timer's job reads: the escalation takes its deadline rule's inputs and the
 * customer's name from the process's variables, as the task's creation did, and does not load the
 * task's own variables.
 */
class EscalationStatementsTest extends EngineStatementsTestBase {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CONFIRM = "userTaskConfirmWithCustomer";

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anEscalationReadsTheProcessVariablesAndNotTheTasksOwn() {
    ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, SHANGHAI);
    ClockUtil.setCurrentTime(Date.from(monday.toInstant()));
    ComplaintScenario complaint =
        ComplaintScenario.start(engine, intake("C010", "ESCALATION-READS", "BREAKAGE"));
    String instanceId = complaint.instance().getId();
    ClockUtil.setCurrentTime(Date.from(monday.plusHours(5).toInstant()));
    statements.reset();

    EscalationTimers.fire(engine.getManagementService(), instanceId, CONFIRM, 1);

    assertThat(statements.count("selectVariablesByTaskId")).isZero();
    assertThat(statements.count("selectVariablesByExecutionId")).isPositive();
    Task task = task(complaint.instance());
    assertThat(task.getPriority()).isEqualTo(90);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .filteredOn(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .extracting(IdentityLink::getGroupId)
        .contains("customer-service", "sales-management");
  }
}
