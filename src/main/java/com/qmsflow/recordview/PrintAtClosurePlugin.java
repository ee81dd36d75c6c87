package com.qmsflow.recordview;

import com.qmsflow.config.EngineCommands;
import com.qmsflow.evidence.OwnerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Prints a closed complaint record and a closed 8D report once, in a job of the engine: when an
 * instance of {@code complaint-handling} or {@code corrective-action} completes (not when it is
 * cancelled), a built-in end listener queues a message job {@value #JOB_TYPE} in the closing
 * transaction; the job prints and stores the PDF ({@link RecordPrints#storeClosed}). A failure to
 * print therefore never rolls back the closure: the job is retried and then becomes an incident in
 * Cockpit (under the process definition), and a stored print is never printed again.
 *
 * <p>Why a parse listener and not the models: the diagrams stay as process owners draw them, and no
 * end event needs a listener added by hand. Why a job and not an after-commit hook: a hook's
 * failure would be lost; the job's is retried and visible.
 */
@Component
public class PrintAtClosurePlugin extends AbstractProcessEnginePlugin {

  static final String JOB_TYPE = "qms-print-record";

  static final Map<String, OwnerKind> PRINTED =
      Map.of(
          RecordViews.COMPLAINT_PROCESS, OwnerKind.COMPLAINT,
          RecordViews.EIGHT_D_PROCESS, OwnerKind.CORRECTIVE_ACTION);

  private final ObjectProvider<RecordPrints> prints;

  public PrintAtClosurePlugin(ObjectProvider<RecordPrints> prints) {
    this.prints = prints;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<JobHandler> handlers = configuration.getCustomJobHandlers();
    if (handlers == null) {
      handlers = new ArrayList<>();
      configuration.setCustomJobHandlers(handlers);
    }
    handlers.add(new PrintJobHandler());
    List<BpmnParseListener> listeners = EngineCommands.postParseListeners(configuration);
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseProcess(Element element, ProcessDefinitionEntity process) {
            OwnerKind kind = PRINTED.get(process.getKey());
            if (kind != null) {
              process.addBuiltInListener(
                  ExecutionListener.EVENTNAME_END,
                  (ExecutionListener) execution -> queue(kind, execution));
            }
          }
        });
  }

  private static void queue(OwnerKind kind, DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
    String number = instance.getBusinessKey();
    if (number == null) {
      return;
    }
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(JOB_TYPE);
    job.setJobHandlerConfigurationRaw(kind.value() + ":" + number);
    job.setProcessDefinitionId(instance.getProcessDefinitionId());
    job.setProcessDefinitionKey(instance.getProcessDefinition().getKey());
    job.setDeploymentId(instance.getProcessDefinition().getDeploymentId());
    Context.getCommandContext().getJobManager().send(job);
  }

  /** The configuration of a print job: {@code <owner kind>:<number>}. */
  record PrintJob(OwnerKind kind, String number) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return kind.value() + ":" + number;
    }
  }

  private final class PrintJobHandler implements JobHandler<PrintJob> {

    @Override
    public String getType() {
      return JOB_TYPE;
    }

    @Override
    public void execute(
        PrintJob job, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
      prints.getObject().storeClosed(job.kind(), job.number());
    }

    @Override
    public PrintJob newConfiguration(String canonicalString) {
      int colon = canonicalString.indexOf(':');
      return new PrintJob(
          OwnerKind.of(canonicalString.substring(0, colon)).orElseThrow(),
          canonicalString.substring(colon + 1));
    }

    @Override
    public void onDelete(PrintJob configuration, JobEntity jobEntity) {}
  }
}
