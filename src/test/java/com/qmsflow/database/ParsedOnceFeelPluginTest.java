package com.qmsflow.database;

import static com.qmsflow.complaint.ComplaintScenario.intake;
import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.decision.ParsedOnceFeelPlugin;
import org.junit.jupiter.api.Test;

/**
 * The application's engine evaluates its decisions with the parse-once FEEL engine: a second
 * complaint of the same kind (customer tier, deadlines of its first task) parses nothing.
 */
class ParsedOnceFeelPluginTest extends EngineStatementsTestBase {

  @Test
  void aSecondComplaintOfTheSameKindParsesNoExpression() {
    ComplaintScenario.start(engine, intake("C001", "FEEL-ONCE-1", "BREAKAGE"));
    long afterFirst = ParsedOnceFeelPlugin.parses(engine);

    ComplaintScenario.start(engine, intake("C001", "FEEL-ONCE-2", "BREAKAGE"));

    assertThat(afterFirst).isPositive();
    assertThat(ParsedOnceFeelPlugin.parses(engine)).isEqualTo(afterFirst);
  }
}
