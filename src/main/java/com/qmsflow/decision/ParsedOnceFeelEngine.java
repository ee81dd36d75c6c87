package com.qmsflow.decision;

import camundajar.impl.scala.collection.immutable.List;
import camundajar.impl.scala.util.Either;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult$;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvalContext$;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FEEL engine of the decision tables, doing once what the stock engine repeats for every input
 * expression and every rule's unary tests at every evaluation (issue 21). Evaluating a decision
 * table of 24 rules and 4 inputs took about 1 ms, of it 78 % building the map of FEEL's built-in
 * functions anew for each expression ({@code FeelEngine.rootContext}) and 18 % parsing the
 * expression again; the interpretation itself was 2 %. Here it takes about 16 µs.
 *
 * <ul>
 *   <li>A parsed expression is an immutable syntax tree, kept per expression text and shared
 *       between threads. Only successful parses are kept (a wrong expression fails as before, each
 *       time); when more than {@link #MAX_ENTRIES} of a kind have been seen (years of redeployed
 *       versions) the cache starts again empty.
 *   <li>The built-in functions are built once per engine: they are immutable and read the clock
 *       when called ({@code now()}), not when built. Each evaluation still gets a context of its
 *       own (variables, collected failures), and the engine's own evaluation and error messages run
 *       on it.
 * </ul>
 *
 * <p>The evaluation with the built-ins built once calls two private methods of {@code FeelEngine}
 * (looked up when this class loads); if a FEEL version lacks them, a warning says so and
 * expressions are evaluated by the stock code (still parsed once).
 */
final class ParsedOnceFeelEngine extends FeelEngine {

  static final int MAX_ENTRIES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ParsedOnceFeelEngine.class);
  private static final Method VALIDATE = method("validate", ParsedExpression.class);
  private static final Method EVAL = method("eval", ParsedExpression.class, EvalContext.class);

  private final FunctionProvider functions;

  private final Map<String, Either<Failure, ParsedExpression>> expressions =
      new ConcurrentHashMap<>();
  private final Map<String, Either<Failure, ParsedExpression>> unaryTests =
      new ConcurrentHashMap<>();
  private final LongAdder parses = new LongAdder();

  ParsedOnceFeelEngine(FunctionProvider functionProvider, ValueMapper valueMapper) {
    // as ScalaFeelEngine builds it: its functions and value mappers, no external functions
    super(
        functionProvider,
        valueMapper,
        new FeelEngine.Configuration(false),
        FeelEngine.$lessinit$greater$default$4());
    // as FeelEngine.rootContext combines them, built-ins first
    this.functions =
        new FunctionProvider.CompositeFunctionProvider(
            List.<FunctionProvider>from(
                camundajar.impl.scala.jdk.javaapi.CollectionConverters.asScala(
                    java.util.List.of(
                        new BuiltinFunctions(clock(), valueMapper()), functionProvider()))));
  }

  /**
   * As {@code FeelEngine.evaluate}: the expression validated, evaluated in a new context of the
   * built-in functions, the engine's functions and the given variables, any exception a failed
   * result with the engine's message; only the built-in functions are not built again.
   */
  @Override
  public EvaluationResult evaluate(ParsedExpression expression, Context context) {
    if (EVAL == null || VALIDATE == null) {
      return super.evaluate(expression, context);
    }
    try {
      @SuppressWarnings("unchecked")
      Either<Failure, ParsedExpression> valid =
          (Either<Failure, ParsedExpression>) VALIDATE.invoke(this, expression);
      if (valid.isLeft()) {
        return new FailedEvaluationResult(
            valid.swap().toOption().get(), FailedEvaluationResult$.MODULE$.apply$default$2());
      }
      EvalContext root = EvalContext$.MODULE$.create(valueMapper(), functions);
      return (EvaluationResult) EVAL.invoke(this, expression, root.merge(context));
    } catch (InvocationTargetException e) {
      return failed(expression, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EvaluationResult failed(ParsedExpression expression, Throwable cause) {
    // FeelEngine.evaluate runs in a Try: fatal errors pass, everything else is a failed result
    if (cause instanceof VirtualMachineError || cause instanceof LinkageError) {
      throw (Error) cause;
    }
    return new FailedEvaluationResult(
        new Failure("failed to evaluate expression '" + expression.text() + "' : " + cause),
        FailedEvaluationResult$.MODULE$.apply$default$2());
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      Method method = FeelEngine.class.getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "FEEL engine without {}: decisions build FEEL's built-in functions for every expression"
              + " (slower, same results)",
          name);
      return null;
    }
  }

  @Override
  public Either<Failure, ParsedExpression> parseExpression(String expression) {
    return parsedOnce(expressions, expression, super::parseExpression);
  }

  @Override
  public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
    return parsedOnce(unaryTests, expression, super::parseUnaryTests);
  }

  /** How many times an expression was parsed (not found in the cache) since start. */
  long parses() {
    return parses.sum();
  }

  private Either<Failure, ParsedExpression> parsedOnce(
      Map<String, Either<Failure, ParsedExpression>> cache,
      String expression,
      Function<String, Either<Failure, ParsedExpression>> parse) {
    Either<Failure, ParsedExpression> parsed = cache.get(expression);
    if (parsed != null) {
      return parsed;
    }
    parses.increment();
    parsed = parse.apply(expression);
    if (parsed.isRight()) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(expression, parsed);
    }
    return parsed;
  }
}
