package com.qmsflow.database;

import com.qmsflow.config.EngineCommands;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A job that ends with retries left has no failed-job incident to remove (issue 21, SQL per
 * complaint). When a job is deleted (it ran, or its task completed and took its escalation timers
 * with it) the engine looks for the job's incident with a {@code select … from ACT_RU_INCIDENT
 * where CONFIGURATION_ = ?}: about 34 per complaint, none of which finds anything. The engine
 * creates a failed-job incident only when a job's retries reach 0, and resolves it when they are
 * set above 0 again, so a job with retries left has none: this handler skips the look-up for such a
 * job (as the command read it) and otherwise removes the job's incidents as the engine's own
 * handler does.
 *
 * <p>{@code qms.database.failed-job-incidents=false} keeps the engine's own handler.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.failed-job-incidents",
    havingValue = "true",
    matchIfMissing = true)
public class FailedJobIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineCommands.incidentHandlers(configuration).add(new Handler());
  }

  /** The engine's failed-job handler, without the look-up for a job with retries left. */
  static final class Handler extends DefaultIncidentHandler {

    Handler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    protected void removeIncident(IncidentContext context, boolean incidentResolved) {
      if (!hasRetriesLeft(context.getConfiguration())) {
        super.removeIncident(context, incidentResolved);
      }
    }

    /** The job of the incident's configuration, as this command has it, has retries left. */
    static boolean hasRetriesLeft(String jobId) {
      CommandContext command = Context.getCommandContext();
      if (jobId == null || command == null) {
        return false;
      }
      JobEntity job = command.getDbEntityManager().getCachedEntity(JobEntity.class, jobId);
      return job != null && job.getRetries() > 0;
    }
  }
}
