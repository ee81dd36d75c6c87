package com.qmsflow.operations;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node when several application nodes share one database ({@code qms.node-name},
 * environment {@code QMS_NODE_NAME}). The name is the engine's host name, which the job log ({@code
 * act_hi_job_log.hostname_}) and the metrics record, and the prefix of the job executor's lock
 * owner ({@code act_ru_job.lock_owner_}), so an operator sees which node ran or holds a job. The
 * lock owner keeps a random suffix: it must be unique per running engine even if two nodes were
 * given the same name. Without a name the engine's defaults stay (host address, random owner).
 */
@Component
public class NodeNamePlugin extends AbstractProcessEnginePlugin {

  private final String nodeName;

  public NodeNamePlugin(@Value("${qms.node-name:}") String nodeName) {
    this.nodeName = nodeName.trim();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeName.isEmpty()) {
      configuration.setHostname(nodeName);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeName.isEmpty() && configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(nodeName + ":" + UUID.randomUUID());
    }
  }
}
