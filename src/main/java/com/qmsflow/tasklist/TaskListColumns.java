package com.qmsflow.tasklist;

import static com.qmsflow.tasklist.TaskListVariables.*;

import com.qmsflow.config.EngineCommands;
import com.qmsflow.customer.Customer;
import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.variable.Variable;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every process, when it is created, its list columns as task-local
 * variables ({@link TaskListVariables}): the number (business key), the customer (name, or the code
 * when the process has no name), the tier and the severity (serious or minor, in both languages).
 * So every group's Tasklist list shows them, also a group that may not read the process's own
 * variables. Added at parse time like the records' listeners, so a task added in Modeler gets them
 * too. They are a snapshot of the moment the task was created (the severity of a complaint is
 * decided after its first tasks).
 *
 * <p>They go with the task when it ends, as every task-local variable does; the records take only
 * the variables of the task's execution and above ({@code records/ProcessRecorder}), so the record
 * keeps only what the person entered. (Removing them at completion cost three more statements per
 * column and task: docs/performance.md, issue 21.)
 */
@Component
public class TaskListColumns extends AbstractProcessEnginePlugin {

  private final CustomerRepository customers;
  private final MessageSource messages;

  public TaskListColumns(@Lazy CustomerRepository customers, MessageSource messages) {
    this.customers = customers;
    this.messages = messages;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = EngineCommands.postParseListeners(configuration);
    TaskListener created = this::copyColumns;
    listeners.add(
        0,
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
              behavior
                  .getTaskDefinition()
                  .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
            }
          }
        });
  }

  void copyColumns(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    set(task, NUMBER, number);
    set(task, CUSTOMER, customer(task));
    set(task, TIER, text(PROCESS_TIER.raw(task)));
    set(task, SEVERITY, severity(text(PROCESS_SEVERITY.raw(task))));
  }

  private String customer(DelegateTask task) {
    String name = text(PROCESS_CUSTOMER_NAME.raw(task));
    if (name != null && !name.isBlank()) {
      return name;
    }
    String code = text(PROCESS_CUSTOMER_CODE.raw(task));
    if (code == null || code.isBlank()) {
      return null;
    }
    return customers.findByCode(code).map(Customer::name).orElse(code);
  }

  /**
   * The severity as the list shows it: in both languages, like the filter's labels, because a
   * variable's value is the same for every user ("serious (严重)").
   */
  String severity(String severity) {
    if (severity == null) {
      return null;
    }
    String key = "tasklist.severity." + severity;
    String english = messages.getMessage(key, null, null, Locale.ENGLISH);
    String chinese = messages.getMessage(key, null, null, Locale.CHINESE);
    return english == null || chinese == null ? severity : english + " (" + chinese + ")";
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static void set(DelegateTask task, Variable<String> column, String value) {
    if (value != null && !value.isBlank()) {
      column.setLocal(task, value);
    }
  }
}
