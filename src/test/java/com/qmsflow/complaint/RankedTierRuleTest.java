package com.qmsflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The tier rule of a recomputation gives every rank the tier the deployed decision gives it, while
 * evaluating the decision once per stretch between the literals of its entries (10,000 ranks at ERP
 * size), and once per rank when an entry is more than plain comparisons.
 */
class RankedTierRuleTest {

  private static final DmnEngine DMN =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private static String direct(DmnDecision decision, Integer rank) {
    return DMN.evaluateDecisionTable(
            decision, Variables.createVariables().putValue("revenueRank", rank))
        .getSingleResult()
        .getEntry("tier")
        .toString();
  }

  private static List<Integer> ranks(int to) {
    List<Integer> ranks = new ArrayList<>();
    ranks.add(null);
    for (int r = 1; r <= to; r++) {
      ranks.add(r);
    }
    return ranks;
  }

  private static void sameAsTheDecision(DmnDecision decision, int maxEvaluations, int to) {
    AtomicInteger evaluations = new AtomicInteger();
    RankedTierRule rule =
        new RankedTierRule(
            decision,
            rank -> {
              evaluations.incrementAndGet();
              return direct(decision, rank);
            });
    for (Integer rank : ranks(to)) {
      assertThat(rule.tierOf(rank)).as("rank %s", rank).isEqualTo(direct(decision, rank));
    }
    assertThat(evaluations.get()).isLessThanOrEqualTo(maxEvaluations);
  }

  @Test
  void theDeployedTierDecisionIsEvaluatedAHandfulOfTimesForAllRanks() throws Exception {
    DmnDecision decision;
    try (InputStream in = new FileInputStream("decisions/customer-tier.dmn")) {
      decision = DMN.parseDecision("customer-tier", in);
    }
    assertThat(RankedTierRule.literals(decision)).isPresent();
    sameAsTheDecision(decision, 10, 2000);
    assertThat(CustomerTierDecision.rule(DMN, decision).tierOf(9)).isEqualTo("B");
  }

  @Test
  void decimalsListsNegationAndOpenIntervalsKeepTheirStretches() {
    DmnDecision decision =
        decision(
            new String[] {"[1..3]", "5, 7", "(7..10.5)", "not(4, > 20)", "-"},
            new String[] {"A", "B", "C", "D", "E"},
            "FIRST");
    assertThat(RankedTierRule.literals(decision)).isPresent();
    sameAsTheDecision(decision, 20, 300);
  }

  @Test
  void anEntryBeyondPlainComparisonsIsEvaluatedForEveryRank() {
    DmnDecision decision = decision(new String[] {"? > 3", "-"}, new String[] {"A", "C"}, "FIRST");
    assertThat(RankedTierRule.literals(decision)).isEmpty();
    sameAsTheDecision(decision, 21, 20);
  }

  private static DmnDecision decision(String[] entries, String[] tiers, String hitPolicy) {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < entries.length; i++) {
      rules.append(
          """
          <rule id="r%d"><inputEntry id="i%d"><text>%s</text></inputEntry>
          <outputEntry id="o%d"><text>"%s"</text></outputEntry></rule>
          """
              .formatted(i, i, entries[i].replace("<", "&lt;").replace(">", "&gt;"), i, tiers[i]));
    }
    String xml =
        """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
            namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="t" name="t">
            <decisionTable id="dt" hitPolicy="%s">
              <input id="in"><inputExpression id="ie" typeRef="integer">
                <text>revenueRank</text></inputExpression></input>
              <output id="out" name="tier" typeRef="string"/>
              %s
            </decisionTable>
          </decision>
        </definitions>
        """
            .formatted(hitPolicy, rules);
    return DMN.parseDecision("t", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
