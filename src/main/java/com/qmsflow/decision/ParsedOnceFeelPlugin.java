package com.qmsflow.decision;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Gives the engine's decisions the FEEL engine that parses each expression and builds FEEL's
 * built-in functions once ({@link ParsedOnceFeelEngine}); everything else about the DMN engine is
 * the process engine's default. Not with the legacy (JUEL) FEEL behaviour, which the engine builds
 * itself.
 *
 * <p>{@code qms.decisions.parse-once=false} leaves the stock FEEL engine.
 */
@Component
@ConditionalOnProperty(
    name = "qms.decisions.parse-once",
    havingValue = "true",
    matchIfMissing = true)
public class ParsedOnceFeelPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      return;
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn =
          (DefaultDmnEngineConfiguration)
              DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    if (dmn.getFeelEngineFactory() == null) {
      dmn.setFeelEngineFactory(new Factory(configuration));
    }
  }

  /**
   * How many expressions the engine's decisions have parsed since it started, that is, not found
   * already parsed; -1 if its decisions do not use the parse-once engine.
   */
  public static long parses(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getDmnEngineConfiguration().getFeelEngine()
            instanceof ParsedOnceScalaFeelEngine feel
        ? feel.feel().parses()
        : -1;
  }

  /** Creates the engine when the DMN engine starts, with the function providers set by then. */
  private record Factory(ProcessEngineConfigurationImpl configuration)
      implements FeelEngineFactory {
    @Override
    public FeelEngine createInstance() {
      List<org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider> providers =
          configuration.getDmnFeelCustomFunctionProviders();
      return new ParsedOnceScalaFeelEngine(providers == null ? List.of() : providers);
    }
  }
}
