package com.qmsflow.deadline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.LocatorImpl;

/**
 * Makes a user task a <em>deadline task</em> when it carries the two extension properties {@value
 * #DECISION_PROPERTY} and {@value #STEP_PROPERTY} (what the Modeler template "Deadline task" sets):
 * its due date and two timeout task listeners, one per escalation level, come from that row of the
 * deadlines decision. The engine parses them exactly as if they were written in the model:
 *
 * <pre>{@code
 * camunda:dueDate="${deadlines.dueAt(execution, 'complaint-deadlines', 'confirm')}"
 * <camunda:taskListener event="timeout" id="escalationLevel1"
 *     delegateExpression="${escalateOverdueTask.level(1, 'complaint-deadlines', 'confirm')}">
 *   <bpmn:timerEventDefinition>
 *     <bpmn:timeDate>${deadlines.dueAt(execution, 'complaint-deadlines', 'confirm')}</bpmn:timeDate>
 *   </bpmn:timerEventDefinition>
 * </camunda:taskListener>
 * <!-- escalationLevel2 likewise, at deadlines.escalationAt(…) -->
 * }</pre>
 *
 * <p>A process may name its deadlines decision once, as extension property {@value
 * #DECISION_PROPERTY} of the process: its deadline tasks may then leave out their own {@value
 * #DECISION_PROPERTY}, and a user task with neither property (one added without the template, and
 * without a {@code camunda:dueDate} of its own) gets that decision's step {@value #DEFAULT_STEP}.
 * So every user task of such a process has a due date and escalation, also one a process owner adds
 * in Modeler and forgets to configure.
 *
 * <p>So the escalation is a property of the task instead of a drawing, and stays what Camunda makes
 * of a timeout listener: a timer job of the task ({@code timer-task-listener}, visible in Cockpit
 * at the task), retried and then an incident, removed when the task ends. A deadline task that also
 * sets {@code camunda:dueDate}, or names only one of the two properties, fails to deploy.
 *
 * <p>The plugin also keeps each command's computed deadlines ({@link StepDeadlines}) and leaves the
 * decision history of routine deadline lookups out ({@link RoutineLookups}, see {@link
 * DeadlineService}).
 */
@Component
public class DeadlineTaskPlugin extends AbstractProcessEnginePlugin {

  public static final String DECISION_PROPERTY = "deadlineDecision";
  public static final String STEP_PROPERTY = "deadlineStep";

  /** The step a user task without deadline properties gets in a process that names a decision. */
  public static final String DEFAULT_STEP = "default";

  /** Ids of the two timeout listeners; a job's configuration ends with {@code ~<id>}. */
  public static final String LEVEL_ONE_LISTENER = "escalationLevel1";

  public static final String LEVEL_TWO_LISTENER = "escalationLevel2";

  /** Decision and step keys go into expressions: letters, digits, '-', '_' and '.' only. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final String CAMUNDA_NS = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setBpmnParseFactory(DeadlineTaskParse::new);
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    factories.add(StepDeadlines.FACTORY);
    configuration.setCustomSessionFactories(factories);
  }

  /** The history handler is complete only now: the filter of routine lookups goes around it. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        RoutineLookups.filter(configuration.getHistoryEventHandler()));
  }

  /** The engine's BPMN parse with the deadline properties of user tasks turned into their parts. */
  static class DeadlineTaskParse extends BpmnParse {

    /** The {@value #DECISION_PROPERTY} of the process being parsed, if it names one. */
    private String processDecision;

    DeadlineTaskParse(BpmnParser parser) {
      super(parser);
    }

    @Override
    public ProcessDefinitionEntity parseProcess(Element processElement) {
      String decision = extensionProperties(processElement).get(DECISION_PROPERTY);
      processDecision = decision == null || decision.isBlank() ? null : decision;
      try {
        return super.parseProcess(processElement);
      } finally {
        processDecision = null;
      }
    }

    @Override
    protected void parseUserTaskCustomExtensions(
        Element taskElement, ActivityImpl activity, TaskDefinition taskDefinition) {
      super.parseUserTaskCustomExtensions(taskElement, activity, taskDefinition);
      Map<String, String> properties = extensionProperties(taskElement);
      String decision = properties.get(DECISION_PROPERTY);
      String step = properties.get(STEP_PROPERTY);
      if (decision == null && step == null) {
        if (processDecision == null
            || taskElement.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate") != null) {
          return;
        }
        // a task added without the template gets the process's default row
        decision = processDecision;
        step = DEFAULT_STEP;
      } else if (decision == null) {
        decision = processDecision;
      }
      if (decision == null
          || step == null
          || !KEY.matcher(decision).matches()
          || !KEY.matcher(step).matches()) {
        addError(
            "Deadline task "
                + activity.getId()
                + " needs both extension properties '"
                + DECISION_PROPERTY
                + "' (a decision key) and '"
                + STEP_PROPERTY
                + "' (a step of that decision), each of letters, digits, '-', '_' or '.'",
            taskElement);
        return;
      }
      if (taskElement.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate") != null) {
        addError(
            "Deadline task "
                + activity.getId()
                + " takes its due date from decision '"
                + decision
                + "'; remove its camunda:dueDate",
            taskElement);
        return;
      }
      String arguments = "'" + decision + "', '" + step + "'";
      String dueAt = "${deadlines.dueAt(execution, " + arguments + ")}";
      taskDefinition.setDueDateExpression(expressionManager.createExpression(dueAt));
      addEscalation(activity, taskDefinition, taskElement, LEVEL_ONE_LISTENER, 1, dueAt, arguments);
      addEscalation(
          activity,
          taskDefinition,
          taskElement,
          LEVEL_TWO_LISTENER,
          2,
          "${deadlines.escalationAt(execution, " + arguments + ")}",
          arguments);
    }

    private void addEscalation(
        ActivityImpl activity,
        TaskDefinition taskDefinition,
        Element taskElement,
        String id,
        int level,
        String timeDate,
        String arguments) {
      AttributesImpl listenerAttributes = new AttributesImpl();
      attribute(listenerAttributes, "event", "timeout");
      attribute(listenerAttributes, "id", id);
      attribute(
          listenerAttributes,
          "delegateExpression",
          "${escalateOverdueTask.level(" + level + ", " + arguments + ")}");
      Element listener = element(CAMUNDA_NS, "taskListener", listenerAttributes, taskElement);
      Element timer =
          element(BpmnParser.BPMN20_NS, "timerEventDefinition", new AttributesImpl(), taskElement);
      Element date = element(BpmnParser.BPMN20_NS, "timeDate", new AttributesImpl(), taskElement);
      date.appendText(timeDate);
      timer.add(date);
      listener.add(timer);
      taskDefinition.addTimeoutTaskListener(
          id, parseTimeoutTaskListener(listener, activity, taskDefinition));
    }

    private static Element element(
        String namespace, String name, AttributesImpl attributes, Element near) {
      // errors in the generated parts point at the task's line in the file
      LocatorImpl location = new LocatorImpl();
      location.setLineNumber(near.getLine());
      location.setColumnNumber(near.getColumn());
      return new Element(namespace, name, name, attributes, location);
    }

    private static void attribute(AttributesImpl attributes, String name, String value) {
      attributes.addAttribute("", name, name, "CDATA", value);
    }

    private static Map<String, String> extensionProperties(Element taskElement) {
      Map<String, String> properties = new LinkedHashMap<>();
      Element extensions = taskElement.element("extensionElements");
      Element list =
          extensions == null
              ? null
              : extensions.elementNS(CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
      if (list != null) {
        for (Element property : list.elementsNS(CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
          properties.put(property.attribute("name"), property.attribute("value"));
        }
      }
      return properties;
    }
  }
}
