package com.qmsflow.complaint;

import com.qmsflow.customer.TierDecision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;

/**
 * The tier decision as a function of the revenue rank, evaluated as rarely as the decision allows:
 * a recomputation asks for every rank from 1 to the number of ranked customers (10,000 at ERP
 * size), and each evaluation of the DMN engine costs about half a millisecond warm and several
 * cold.
 *
 * <p>When the decision is one table with the single input {@code revenueRank} whose input entries
 * are plain FEEL comparisons, intervals and lists of number literals ({@code [1..8]}, {@code > 12},
 * {@code 5, 7}, {@code not(3)}, {@code null}, {@code -}), its result can only change at those
 * literals: between two neighbouring literals every rank gets the same tier. Then one rank per such
 * stretch is evaluated (by the real decision) and stands for all of it. Any other entry (a
 * function, a variable, {@code ?}, another expression language) and the decision is evaluated for
 * every rank, as before. Results are kept per rank or stretch for the life of this rule (one
 * recomputation).
 */
final class RankedTierRule implements TierDecision.Rule {

  static final String INPUT = "revenueRank";

  private static final Pattern PLAIN = Pattern.compile("^(?:[\\s\\d\\[\\]().,<>=!-]|null|not)*$");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  private final Function<Integer, String> evaluate;
  private final TreeSet<BigDecimal> literals;
  private final Map<Integer, String> results = new HashMap<>();

  /**
   * @param decision the parsed decision (inspected, not evaluated here)
   * @param evaluate evaluates the decision for a rank (null: no revenue)
   */
  RankedTierRule(DmnDecision decision, Function<Integer, String> evaluate) {
    this.evaluate = evaluate;
    this.literals = literals(decision).orElse(null);
  }

  /** Whether the decision's entries allow evaluating one rank per stretch. */
  boolean analysed() {
    return literals != null;
  }

  @Override
  public String tierOf(Integer revenueRank) {
    Integer key = revenueRank == null || literals == null ? revenueRank : standIn(revenueRank);
    String tier = results.get(key);
    if (tier == null) {
      tier = evaluate.apply(key);
      results.put(key, tier);
    }
    return tier;
  }

  /** The rank that stands for every rank between the same two literals. */
  private Integer standIn(int rank) {
    BigDecimal r = BigDecimal.valueOf(rank);
    if (literals.contains(r)) {
      return rank;
    }
    BigDecimal below = literals.lower(r);
    BigDecimal above = literals.higher(r);
    try {
      if (below != null) {
        // the smallest whole number above the literal below: between the two, like rank
        return below.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE).intValueExact();
      }
      if (above != null) {
        // the largest whole number below the smallest literal
        return above.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE).intValueExact();
      }
      return 0;
    } catch (ArithmeticException e) {
      return rank;
    }
  }

  /** The number literals of the entries, or empty when an entry is more than plain comparisons. */
  static Optional<TreeSet<BigDecimal>> literals(DmnDecision decision) {
    if (!decision.getRequiredDecisions().isEmpty()
        || !(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table)
        || table.getInputs().size() != 1) {
      return Optional.empty();
    }
    DmnExpressionImpl input = table.getInputs().get(0).getExpression();
    if (input == null
        || input.getExpression() == null
        || !INPUT.equals(input.getExpression().trim())
        || !feel(input.getExpressionLanguage()) && !juel(input.getExpressionLanguage())) {
      return Optional.empty();
    }
    TreeSet<BigDecimal> numbers = new TreeSet<>();
    for (DmnDecisionTableRuleImpl rule : table.getRules()) {
      for (DmnExpressionImpl condition : rule.getConditions()) {
        String text = condition.getExpression();
        if (text == null || text.isBlank()) {
          continue;
        }
        if (!feel(condition.getExpressionLanguage()) || !PLAIN.matcher(text).matches()) {
          return Optional.empty();
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
          numbers.add(new BigDecimal(m.group()).stripTrailingZeros());
        }
      }
    }
    return Optional.of(numbers);
  }

  private static boolean feel(String language) {
    return language == null || language.equalsIgnoreCase("feel");
  }

  private static boolean juel(String language) {
    return language != null && language.equalsIgnoreCase("juel");
  }
}
