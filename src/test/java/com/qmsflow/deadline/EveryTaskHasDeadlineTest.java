package com.qmsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.calendar.BusinessCalendar;
import com.qmsflow.processtest.EscalationTimers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Every user task of every deployed process has a due date and both escalation levels from a row of
 * its process's deadlines decision (issue 18 point 3), and a task a process owner adds without the
 * "Deadline task" template gets the decision's {@code default} row instead of none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:task-deadlines-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class EveryTaskHasDeadlineTest {

  private static final Pattern DUE_AT =
      Pattern.compile("\\$\\{deadlines\\.dueAt\\(execution, '([^']+)', '([^']+)'\\)}");

  private static final Set<String> TEST_PROCESSES =
      Set.of("deadline-default-test", "no-deadline-decision-test");

  @Autowired private ProcessEngine engine;
  @Autowired private BusinessCalendar calendar;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyUserTaskOfEveryDeployedProcessHasADueDateAndTwoEscalationLevels() {
    List<String> processes = new ArrayList<>();
    List<String> withoutDeadline = new ArrayList<>();
    Set<String> withoutRow = new TreeSet<>();
    int tasks = 0;
    for (ProcessDefinition definition :
        engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
      if (TEST_PROCESSES.contains(definition.getKey())) {
        continue; // deployed by the other tests of this class
      }
      processes.add(definition.getKey());
      ProcessDefinitionEntity parsed =
          (ProcessDefinitionEntity)
              ((RepositoryServiceImpl) engine.getRepositoryService())
                  .getDeployedProcessDefinition(definition.getId());
      for (ActivityImpl task : userTasks(parsed)) {
        tasks++;
        String name = definition.getKey() + "/" + task.getId();
        TaskDefinition taskDefinition =
            ((UserTaskActivityBehavior) task.getActivityBehavior()).getTaskDefinition();
        Matcher due =
            taskDefinition.getDueDateExpression() == null
                ? null
                : DUE_AT.matcher(taskDefinition.getDueDateExpression().getExpressionText());
        if (due == null
            || !due.matches()
            || taskDefinition.getTimeoutTaskListener(DeadlineTaskPlugin.LEVEL_ONE_LISTENER) == null
            || taskDefinition.getTimeoutTaskListener(DeadlineTaskPlugin.LEVEL_TWO_LISTENER)
                == null) {
          withoutDeadline.add(name);
          continue;
        }
        // the row exists for every tier and both cause origins the inputs can take
        for (String tier : new String[] {"A", "B", "C", null}) {
          for (String origin : new String[] {"ownPlant", "supplier", null}) {
            boolean hasRow =
                engine
                        .getDecisionService()
                        .evaluateDecisionByKey(due.group(1))
                        .variables(
                            Variables.createVariables()
                                .putValue("step", due.group(2))
                                .putValue(DeadlineVariables.TIER.name(), tier)
                                .putValue(DeadlineVariables.URGENT.name(), false)
                                .putValue(DeadlineVariables.CAUSE_ORIGIN.name(), origin))
                        .evaluate()
                        .getFirstResult()
                    != null;
            if (!hasRow) {
              withoutRow.add(name + " (" + due.group(1) + ", " + due.group(2) + ")");
            }
          }
        }
      }
    }
    assertThat(processes).contains("complaint-handling", "corrective-action", "contract-change");
    assertThat(tasks).as("user tasks of the deployed processes").isGreaterThanOrEqualTo(52);
    assertThat(withoutDeadline).as("user tasks without due date and escalation").isEmpty();
    assertThat(withoutRow).as("user tasks whose step has no row").isEmpty();
  }

  @Test
  void aTaskAddedWithoutTheTemplateGetsTheDefaultRowOfTheProcesssDecision() {
    Instant monday = Instant.parse("2026-03-02T01:00:00Z"); // 09:00 in Shanghai
    ClockUtil.setCurrentTime(Date.from(monday));
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("deadline-default-test")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("userTaskAddedInModeler")
            .camundaCandidateGroups("quality")
            .endEvent()
            .done();
    Process process = model.getModelElementById("deadline-default-test");
    org.camunda.bpm.model.bpmn.instance.ExtensionElements extensions =
        model.newInstance(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class);
    org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties properties =
        model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class);
    org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty property =
        model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class);
    property.setCamundaName(DeadlineTaskPlugin.DECISION_PROPERTY);
    property.setCamundaValue("complaint-deadlines");
    properties.addChildElement(property);
    extensions.addChildElement(properties);
    process.setExtensionElements(extensions);
    engine
        .getRepositoryService()
        .createDeployment()
        .name("deadline default test")
        .addModelInstance("deadline-default-test.bpmn", model)
        .deploy();

    ProcessInstance instance =
        engine.getRuntimeService().startProcessInstanceByKey("deadline-default-test");
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .singleResult();

    // the default row: 2 working days, escalations at 2 and 4 working days
    assertThat(task.getDueDate().toInstant()).isEqualTo(calendar.plus(monday, 2, "workingDays"));
    assertThat(
            EscalationTimers.find(
                    engine.getManagementService(), instance.getId(), "userTaskAddedInModeler", 1)
                .getDuedate())
        .isEqualTo(task.getDueDate());
    assertThat(
            EscalationTimers.find(
                    engine.getManagementService(), instance.getId(), "userTaskAddedInModeler", 2)
                .getDuedate()
                .toInstant())
        .isEqualTo(calendar.plus(monday, 4, "workingDays"));
    // one lookup for the due date and both timers, kept only for the command that created the
    // task (no variables), and not in the decision history (qms.deadline.decision-history=false)
    assertThat(
            engine
                .getRuntimeService()
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance.getId())
                .count())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricDecisionInstanceQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
  }

  @Test
  void aProcessThatNamesNoDecisionLeavesATaskWithoutPropertiesAsItIs() {
    engine
        .getRepositoryService()
        .createDeployment()
        .name("no deadline decision test")
        .addModelInstance(
            "no-deadline-decision-test.bpmn",
            Bpmn.createExecutableProcess("no-deadline-decision-test")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("userTaskPlain")
                .endEvent()
                .done())
        .deploy();
    ProcessInstance instance =
        engine.getRuntimeService().startProcessInstanceByKey("no-deadline-decision-test");
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .singleResult();
    assertThat(task.getDueDate()).isNull();
    assertThat(
            EscalationTimers.find(
                engine.getManagementService(), instance.getId(), "userTaskPlain", 1))
        .isNull();
  }

  private static List<ActivityImpl> userTasks(ScopeImpl scope) {
    List<ActivityImpl> found = new ArrayList<>();
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior) {
        found.add(activity);
      }
      found.addAll(userTasks(activity));
    }
    return found;
  }
}
