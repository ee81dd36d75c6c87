package com.qmsflow.taskcontext;

import static com.qmsflow.variable.Variable.stringVariable;

import com.qmsflow.variable.Variable;
import java.util.List;

/**
 * The context a complaint task's form shows, prepared as task-local texts when the task is created
 * or claimed ({@link TaskContexts}); they end with the task and never become findings of the record
 * (the records take the variables of the task's execution, not the task's own). Every text is
 * bilingual, "English (中文)", like the forms; dates and times are plant time; the longer ones are
 * Markdown that a form's text view shows with {@code {{name}}}.
 */
public final class TaskContextVariables {

  /** When the complaint was received, plant time ({@code 2026-03-02 09:00}). */
  public static final Variable<String> RECEIVED_AT = stringVariable("contextReceivedAt");

  /** The complaint's category as the intake form labels it, e.g. "Product quality (质量投诉)". */
  public static final Variable<String> CATEGORY = stringVariable("contextCategory");

  /** The channel it came in by, e.g. "E-mail (邮件)". */
  public static final Variable<String> CHANNEL = stringVariable("contextChannel");

  /** The severity decided so far, e.g. "minor (一般)". */
  public static final Variable<String> SEVERITY = stringVariable("contextSeverity");

  /** The findings of the earlier steps this task decides on (Markdown). */
  public static final Variable<String> FINDINGS = stringVariable("contextFindings");

  /** The archive's summary: steps done, decisions, evidence files (Markdown). */
  public static final Variable<String> RECORD_SUMMARY = stringVariable("contextRecordSummary");

  /** The complaints of the same batch and defect that called the meeting (Markdown). */
  public static final Variable<String> RECURRENCE_COMPLAINTS =
      stringVariable("contextRecurrenceComplaints");

  static final List<Variable<String>> ALL =
      List.of(
          RECEIVED_AT,
          CATEGORY,
          CHANNEL,
          SEVERITY,
          FINDINGS,
          RECORD_SUMMARY,
          RECURRENCE_COMPLAINTS);

  private TaskContextVariables() {}
}
