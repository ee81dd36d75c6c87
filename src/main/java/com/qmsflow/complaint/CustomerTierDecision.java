package com.qmsflow.complaint;

import com.qmsflow.customer.TierDecision;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The customer archive's tier rule: the latest deployed version of the {@code customer-tier}
 * decision, the one the complaint process evaluates at intake, so that a process owner who deploys
 * a changed decision changes both. Evaluated by the DMN engine directly: a recomputation of
 * thousands of customers writes no decision history and needs no decision permission of the user
 * who caused it.
 */
@Component
public class CustomerTierDecision implements TierDecision {

  static final String DECISION_KEY = "customer-tier";

  private final ProcessEngine engine;

  public CustomerTierDecision(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public Rule current() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DmnDecision decision =
        configuration.getCommandExecutorTxRequired().execute(this::latestDecision);
    if (decision == null) {
      throw new IllegalStateException("decision " + DECISION_KEY + " is not deployed");
    }
    DmnEngine dmn = configuration.getDmnEngine();
    return revenueRank -> {
      DmnDecisionTableResult result =
          dmn.evaluateDecisionTable(
              decision, Variables.createVariables().putValue("revenueRank", revenueRank));
      Object tier = result.getSingleResult().getEntry("tier");
      if (tier == null) {
        throw new IllegalStateException("decision " + DECISION_KEY + " gave no tier");
      }
      return tier.toString();
    };
  }

  private DmnDecision latestDecision(CommandContext context) {
    context.disableAuthorizationCheck();
    try {
      // the deployed definition entity is the parsed decision (DecisionDefinitionEntity)
      return context
                  .getProcessEngineConfiguration()
                  .getDeploymentCache()
                  .findDeployedLatestDecisionDefinitionByKey(DECISION_KEY)
              instanceof DmnDecision decision
          ? decision
          : null;
    } finally {
      context.enableAuthorizationCheck();
    }
  }
}
