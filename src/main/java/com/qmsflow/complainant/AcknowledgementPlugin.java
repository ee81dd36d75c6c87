package com.qmsflow.complainant;

import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.config.EngineCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Acknowledges a complaint when its register step ends, whichever way it came in (the Tasklist
 * start form or {@code POST /api/complaints}): a built-in end listener on {@link #REGISTER_STEP} of
 * {@code complaint-handling}, added when the model is deployed, so the model needs nothing and a
 * listener skipped in Cockpit is not skipped here. It runs in the engine's transaction: a failed
 * registration acknowledges nothing, a retried one acknowledges once ({@link Acknowledgements}).
 */
@Component
public class AcknowledgementPlugin extends AbstractProcessEnginePlugin {

  /** The register step of {@code complaint-handling}. */
  public static final String REGISTER_STEP = "serviceTaskRegisterComplaint";

  private final Acknowledgements acknowledgements;
  private final Clock clock;

  public AcknowledgementPlugin(@Lazy Acknowledgements acknowledgements, Clock clock) {
    this.acknowledgements = acknowledgements;
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = EngineCommands.postParseListeners(configuration);
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (REGISTER_STEP.equals(activity.getId())
                && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                && ComplaintVariables.PROCESS_KEY.equals(definition.getKey())) {
              activity.addBuiltInListener(
                  ExecutionListener.EVENTNAME_END, (ExecutionListener) this::registered);
            }
          }

          private void registered(DelegateExecution execution) {
            Date received = ComplaintVariables.RECEIVED_AT.get(execution);
            Instant now = clock.instant();
            acknowledgements.registered(
                ComplaintVariables.COMPLAINT_NUMBER_VAR.get(execution),
                execution.getProcessInstanceId(),
                ComplaintVariables.CUSTOMER_CODE.get(execution),
                ComplaintVariables.CONTACT_NAME.get(execution),
                ComplaintVariables.CATEGORY.get(execution),
                received == null ? now : received.toInstant(),
                execution,
                now);
          }
        });
  }
}
