package com.qmsflow.decision;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * A decision parsed from the file the project ships ({@code decisions/<id>.dmn}), on a standalone
 * DMN engine.
 */
record ShippedDecision(DmnEngine engine, DmnDecision decision) {

  static ShippedDecision parse(String id) throws IOException {
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("decisions/" + id + ".dmn")) {
      return new ShippedDecision(engine, engine.parseDecision(id, in));
    }
  }

  DmnDecisionResult evaluate(Map<String, Object> variables) {
    return engine.evaluateDecision(decision, variables);
  }
}
