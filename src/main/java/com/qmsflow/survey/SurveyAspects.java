package com.qmsflow.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aspects a questionnaire asks about: always quality, delivery, service and responsiveness (the
 * same four as the survey after a complaint), plus what the campaign's questionnaire adds ({@code
 * packaging, technical-support}: lower-case words joined by '-'). Plain rules, no engine.
 */
public final class SurveyAspects {

  public static final List<String> STANDARD =
      List.of("quality", "delivery", "service", "responsiveness");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern OTHER_SCORE =
      Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*=\\s*([0-9]+)\\s*(.*)");
  private static final int MAX_EXTRA = 10;

  private SurveyAspects() {}

  /** The extra aspects of a campaign, or an error text naming the first wrong one. */
  public static Result<List<String>> parseExtra(String text) {
    LinkedHashSet<String> aspects = new LinkedHashSet<>();
    if (text != null) {
      for (String part : text.split(",")) {
        String name = part.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (name.length() > 30 || !NAME.matcher(name).matches()) {
          return Result.error(name);
        }
        if (!STANDARD.contains(name)) {
          aspects.add(name);
        }
      }
    }
    if (aspects.size() > MAX_EXTRA) {
      return Result.error("more than " + MAX_EXTRA);
    }
    return Result.ok(List.copyOf(aspects));
  }

  /** Standard and extra aspects as stored with the campaign and survey ({@code a,b,c}). */
  public static String join(List<String> extra) {
    List<String> all = new ArrayList<>(STANDARD);
    all.addAll(extra);
    return String.join(",", all);
  }

  public static List<String> split(String aspects) {
    List<String> result = new ArrayList<>();
    if (aspects != null) {
      for (String a : aspects.split(",")) {
        if (!a.isBlank()) {
          result.add(a.trim());
        }
      }
    }
    return result.isEmpty() ? STANDARD : result;
  }

  /**
   * The scores of the questionnaire's extra aspects written on a paper answer, one per line {@code
   * aspect=score comment}; an error names the first line that is not one of the given aspects with
   * a score 1-5, or the first aspect missing.
   */
  public static Result<Map<String, Answer>> parseOtherScores(String text, List<String> extra) {
    Map<String, Answer> scores = new LinkedHashMap<>();
    if (text != null) {
      for (String line : text.split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        Matcher m = OTHER_SCORE.matcher(line);
        if (!m.matches() || !extra.contains(m.group(1))) {
          return Result.error(line.trim());
        }
        Optional<Integer> score = score(m.group(2));
        if (score.isEmpty()) {
          return Result.error(line.trim());
        }
        String comment = m.group(3).trim();
        scores.put(m.group(1), new Answer(score.get(), comment.isEmpty() ? null : comment));
      }
    }
    for (String aspect : extra) {
      if (!scores.containsKey(aspect)) {
        return Result.error(aspect + "=?");
      }
    }
    return Result.ok(scores);
  }

  /** A score 1-5 from text, or empty. */
  public static Optional<Integer> score(String text) {
    if (text == null || !text.trim().matches("[1-5]")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(text.trim()));
  }

  /** One aspect's answer: the score 1-5 and an optional comment. */
  public record Answer(int score, String comment) {}

  /** A value, or the text that made it fail. */
  public record Result<T>(T value, String error) {
    static <T> Result<T> ok(T value) {
      return new Result<>(value, null);
    }

    static <T> Result<T> error(String error) {
      return new Result<>(null, error);
    }

    public boolean ok() {
      return error == null;
    }
  }
}
