package com.qmsflow.survey;

import static com.qmsflow.survey.SurveyVariables.ANSWER_RECEIVED_MESSAGE;

import com.qmsflow.complainant.StatusTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The customer's side of a mailed questionnaire: which survey a token opens, and the submission of
 * the answers, validated per aspect and stored once, in one transaction with the message that lets
 * the survey go on. A survey that is no longer waiting for the answer (followed up, closed) takes
 * none and stores nothing.
 */
@Service
public class SurveyAnswerPages {

  /** What a token opens. */
  public enum State {
    OPEN,
    ANSWERED,
    UNAVAILABLE
  }

  /** The outcome of a submission. */
  public enum Outcome {
    RECORDED,
    INVALID,
    ALREADY_ANSWERED,
    UNAVAILABLE
  }

  /** One field's problem, as a message key of the page's bundle. */
  public record FieldProblem(String field, String messageKey) {}

  public record Submitted(Outcome outcome, List<FieldProblem> problems) {}

  static final int MAX_COMMENT = 1000;

  private final SurveyRepository surveys;
  private final RuntimeService runtime;
  private final Clock clock;

  public SurveyAnswerPages(SurveyRepository surveys, @Lazy RuntimeService runtime, Clock clock) {
    this.surveys = surveys;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** The survey of a well-formed token, whatever its state. */
  public Optional<SurveyRepository.Survey> survey(String token) {
    if (!StatusTokens.wellFormed(token)) {
      return Optional.empty();
    }
    return surveys.findByTokenHash(StatusTokens.hash(token));
  }

  public State state(SurveyRepository.Survey survey) {
    if (survey.answeredAt() != null) {
      return State.ANSWERED;
    }
    Instant now = clock.instant();
    boolean expired = survey.tokenExpiresAt() == null || !survey.tokenExpiresAt().isAfter(now);
    return expired || !SurveyRepository.SENT.equals(survey.state())
        ? State.UNAVAILABLE
        : State.OPEN;
  }

  /** Validates and stores the answers of the token's survey; nothing is stored unless all fit. */
  @Transactional
  public Submitted submit(String token, Map<String, String> form) {
    Optional<SurveyRepository.Survey> found = survey(token);
    if (found.isEmpty()) {
      return new Submitted(Outcome.UNAVAILABLE, List.of());
    }
    SurveyRepository.Survey survey = found.get();
    State state = state(survey);
    if (state == State.ANSWERED) {
      return new Submitted(Outcome.ALREADY_ANSWERED, List.of());
    }
    if (state == State.UNAVAILABLE) {
      return new Submitted(Outcome.UNAVAILABLE, List.of());
    }
    Map<String, SurveyAspects.Answer> answers = new LinkedHashMap<>();
    List<FieldProblem> problems = validate(SurveyAspects.split(survey.aspects()), form, answers);
    if (!problems.isEmpty()) {
      return new Submitted(Outcome.INVALID, problems);
    }
    if (!surveys.recordAnswers(survey, answers, "PAGE", clock.instant())) {
      return new Submitted(Outcome.ALREADY_ANSWERED, List.of());
    }
    if (runtime
        .createMessageCorrelation(ANSWER_RECEIVED_MESSAGE)
        .processInstanceBusinessKey(survey.surveyNumber())
        .correlateAllWithResult()
        .isEmpty()) {
      // the survey no longer waits for this answer (followed up, closed): undo the recording
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return new Submitted(Outcome.UNAVAILABLE, List.of());
    }
    return new Submitted(Outcome.RECORDED, List.of());
  }

  /** Every aspect scored 1-5, comments of at most {@value #MAX_COMMENT} characters. */
  static List<FieldProblem> validate(
      List<String> aspects, Map<String, String> form, Map<String, SurveyAspects.Answer> answers) {
    List<FieldProblem> problems = new java.util.ArrayList<>();
    for (String aspect : aspects) {
      String scoreField = "score-" + aspect;
      String commentField = "comment-" + aspect;
      Optional<Integer> score = SurveyAspects.score(form.get(scoreField));
      String comment = form.getOrDefault(commentField, "").strip();
      if (score.isEmpty()) {
        problems.add(new FieldProblem(scoreField, "survey.page.error.score"));
      }
      if (comment.length() > MAX_COMMENT) {
        problems.add(new FieldProblem(commentField, "survey.page.error.comment"));
      }
      if (score.isPresent() && comment.length() <= MAX_COMMENT) {
        answers.put(
            aspect,
            new SurveyAspects.Answer(score.get(), comment.isEmpty() ? null : clean(comment)));
      }
    }
    return problems;
  }

  /** Control characters other than line breaks and tabs are dropped from a comment. */
  private static String clean(String text) {
    return text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
  }
}
