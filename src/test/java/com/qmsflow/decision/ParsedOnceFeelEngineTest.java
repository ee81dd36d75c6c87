package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parse-once FEEL engine decides exactly as Camunda's own: every shipped decision table,
 * evaluated with every value its rules test for (and one either side of each number, and null) on
 * both engines, gives the same result or the same error; and an expression is parsed once.
 */
class ParsedOnceFeelEngineTest {

  private static final int COMBINATIONS = 250;
  private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** Every decision the project ships, by file name. */
  static Stream<String> decisions() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("decisions"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".dmn"))
          .map(n -> n.substring(0, n.length() - ".dmn".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static DmnEngine stock() {
    return DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  }

  private static DmnEngine parseOnce(ParsedOnceScalaFeelEngine feel) {
    return ((DefaultDmnEngineConfiguration)
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .feelEngineFactory(() -> feel)
        .buildEngine();
  }

  @ParameterizedTest(name = "{0}.dmn")
  @MethodSource("decisions")
  void decidesAsTheStockEngineForEveryValueItsRulesTest(String id) throws IOException {
    DmnEngine stock = stock();
    ParsedOnceScalaFeelEngine feel = new ParsedOnceScalaFeelEngine(List.of());
    DmnEngine parseOnce = parseOnce(feel);
    DmnModelInstance model = read(id);
    DmnDecision stockDecision = stock.parseDecision(id, model);
    DmnDecision parseOnceDecision = parseOnce.parseDecision(id, model);
    List<Input> inputs =
        new ArrayList<>(
            model.getModelElementsByType(DecisionTable.class).iterator().next().getInputs());
    List<List<Object>> values = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.add(candidates(model, inputs.get(i), i));
    }

    Random random = new Random(id.hashCode());
    int matched = 0;
    for (int n = 0; n < COMBINATIONS; n++) {
      Map<String, Object> variables = new HashMap<>();
      for (int i = 0; i < inputs.size(); i++) {
        List<Object> candidates = values.get(i);
        variables.put(
            inputs.get(i).getInputExpression().getText().getTextContent().trim(),
            candidates.get(random.nextInt(candidates.size())));
      }
      Object expected = outcome(stock, stockDecision, variables);
      assertThat(outcome(parseOnce, parseOnceDecision, variables))
          .as("%s with %s", id, variables)
          .isEqualTo(expected);
      if (expected instanceof List<?> rows && !rows.isEmpty()) {
        matched++;
      }
    }
    // the combinations reach the rules, not only the "no rule matched" answer
    assertThat(matched).as("combinations with a matching rule").isPositive();
    assertThat(feel.feel().parses()).isPositive();
  }

  @Test
  void parsesEachExpressionOnce() throws IOException {
    ParsedOnceScalaFeelEngine feel = new ParsedOnceScalaFeelEngine(List.of());
    DmnEngine engine = parseOnce(feel);
    DmnDecision decision = engine.parseDecision("complaint-deadlines", read("complaint-deadlines"));
    Map<String, Object> analysis =
        Map.of("step", "analysis", "tier", "B", "urgent", false, "causeOrigin", "supplier");

    engine.evaluateDecision(decision, analysis);
    long first = feel.feel().parses();
    engine.evaluateDecision(decision, analysis);
    long second = feel.feel().parses();
    // a FIRST table stops at its first matching rule: an earlier rule's tests are new to it
    Map<String, Object> confirm =
        Map.of("step", "confirm", "tier", "A", "urgent", true, "causeOrigin", "x");
    engine.evaluateDecision(decision, confirm);
    long third = feel.feel().parses();
    engine.evaluateDecision(decision, confirm);
    engine.evaluateDecision(decision, analysis);

    assertThat(first).isPositive();
    assertThat(second).isEqualTo(first);
    assertThat(feel.feel().parses()).isEqualTo(third);
  }

  @Test
  void aWrongExpressionFailsEveryTimeAsInTheStockEngine() {
    ParsedOnceScalaFeelEngine feel = new ParsedOnceScalaFeelEngine(List.of());
    var stock = new org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine(List.of());
    var context = Variables.createVariables().putValue("x", 3).asVariableContext();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests(">= ", "x", context))
          .isInstanceOf(FeelException.class)
          .hasMessage(messageOf(() -> stock.evaluateSimpleUnaryTests(">= ", "x", context)));
    }
    assertThat(feel.feel().parses()).isEqualTo(2);
    assertThat(feel.evaluateSimpleUnaryTests("> 2", "x", context)).isTrue();
    assertThat(feel.evaluateSimpleUnaryTests("> 2", "x", context)).isTrue();
    assertThat((Object) feel.evaluateSimpleExpression("x * 2", context)).isEqualTo(6L);
    assertThat(feel.feel().parses()).isEqualTo(4);
  }

  @Test
  void failsAndCallsFunctionsAsTheStockEngine() throws InterruptedException {
    ParsedOnceScalaFeelEngine feel = new ParsedOnceScalaFeelEngine(List.of());
    var stock = new org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine(List.of());
    var context = Variables.createVariables().putValue("x", 3).asVariableContext();

    for (String expression : List.of("no_such_function(x)", "x + \"text\"", "string length(x)")) {
      assertThat(messageOrValue(() -> feel.evaluateSimpleExpression(expression, context)))
          .as(expression)
          .isEqualTo(messageOrValue(() -> stock.evaluateSimpleExpression(expression, context)));
    }
    assertThat((Object) feel.evaluateSimpleExpression("string length(\"abc\") + x", context))
        .isEqualTo(6L);
    // the built-in functions are built once, and read the clock when they are called
    Object first = feel.evaluateSimpleExpression("now()", context);
    Thread.sleep(5);
    assertThat((Object) feel.evaluateSimpleExpression("now()", context)).isNotEqualTo(first);
  }

  private static Object messageOrValue(java.util.function.Supplier<Object> evaluation) {
    try {
      return evaluation.get();
    } catch (FeelException e) {
      return e.getMessage();
    }
  }

  private static String messageOf(Runnable failing) {
    try {
      failing.run();
    } catch (FeelException e) {
      return e.getMessage();
    }
    throw new AssertionError("the stock engine accepted it");
  }

  /** The rows of the result, or the error's class and message. */
  private static Object outcome(DmnEngine engine, DmnDecision decision, Map<String, Object> in) {
    try {
      return engine.evaluateDecision(decision, in).getResultList().stream()
          .map(HashMap::new)
          .toList();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Every literal the rules compare this input with, a number either side of each, and null. */
  private static List<Object> candidates(DmnModelInstance model, Input input, int column) {
    String type = input.getInputExpression().getTypeRef();
    Set<Object> values = new LinkedHashSet<>();
    values.add(null);
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      String entry = new ArrayList<>(rule.getInputEntries()).get(column).getText().getTextContent();
      if ("boolean".equals(type)) {
        values.add(true);
        values.add(false);
      } else if ("string".equals(type)) {
        Matcher m = STRING.matcher(entry);
        while (m.find()) {
          values.add(m.group(1));
        }
        values.add("not-in-any-rule");
      } else {
        Matcher m = NUMBER.matcher(entry);
        while (m.find()) {
          double d = Double.parseDouble(m.group());
          for (double v : new double[] {d - 1, d, d + 1, d - 0.01, d + 0.01}) {
            values.add(
                "integer".equals(type) || "long".equals(type)
                    ? (Object) Math.round(Math.floor(v))
                    : (Object) v);
          }
        }
        values.add("integer".equals(type) || "long".equals(type) ? (Object) 0L : (Object) 0.0);
      }
    }
    return new ArrayList<>(values);
  }

  private static DmnModelInstance read(String id) throws IOException {
    try (InputStream in = new FileInputStream("decisions/" + id + ".dmn")) {
      return Dmn.readModelFromStream(in);
    }
  }
}
