package com.qmsflow.decision;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;

/** Camunda's FEEL engine for decisions, on a {@link ParsedOnceFeelEngine}. */
final class ParsedOnceScalaFeelEngine extends ScalaFeelEngine {

  ParsedOnceScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  protected FeelEngine buildFeelEngine(
      CustomFunctionTransformer functions, CompositeValueMapper valueMapper) {
    return new ParsedOnceFeelEngine(functions, valueMapper);
  }

  ParsedOnceFeelEngine feel() {
    return (ParsedOnceFeelEngine) feelEngine;
  }
}
