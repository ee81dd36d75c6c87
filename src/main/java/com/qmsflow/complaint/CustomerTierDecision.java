package com.qmsflow.complaint;

import com.qmsflow.customer.TierDecision;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
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
  private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

  /**
   * A DMN engine of its own: the process engine's records decision history, which needs a command
   * context and would write a history row per customer.
   */
  private final DmnEngine dmn =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

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
    return rule(dmn, decision);
  }

  /** The decision as a rank-to-tier rule that evaluates it as rarely as it allows. */
  static RankedTierRule rule(DmnEngine dmn, DmnDecision decision) {
    return new RankedTierRule(
        decision,
        revenueRank -> {
          DmnDecisionTableResult result =
              dmn.evaluateDecisionTable(
                  decision,
                  Variables.createVariables().putValue(RankedTierRule.INPUT, revenueRank));
          Object tier = result.getSingleResult().getEntry("tier");
          if (tier == null) {
            throw new IllegalStateException("decision " + DECISION_KEY + " gave no tier");
          }
          return tier.toString();
        });
  }

  private DmnDecision latestDecision(CommandContext context) {
    context.disableAuthorizationCheck();
    try {
      var cache = context.getProcessEngineConfiguration().getDeploymentCache();
      var definition = cache.findDeployedLatestDecisionDefinitionByKey(DECISION_KEY);
      if (definition == null) {
        return null;
      }
      // parsed afresh from the deployed model: a plain decision, evaluated without engine history
      return parsed.computeIfAbsent(
          definition.getId(),
          id ->
              dmn.parseDecision(DECISION_KEY, cache.findDmnModelInstanceForDecisionDefinition(id)));
    } finally {
      context.enableAuthorizationCheck();
    }
  }
}
