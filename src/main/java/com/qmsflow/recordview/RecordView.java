package com.qmsflow.recordview;

import com.qmsflow.complaint.CustomerDecisions.CustomerDecision;
import com.qmsflow.complaint.CustomerReplies.SentReply;
import com.qmsflow.evidence.Attachment;
import com.qmsflow.mailintake.Correspondence;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a record page and its print show: a complaint, an 8D report or a contract change, read only
 * from the project's tables.
 *
 * @param kind {@code complaint}, {@code corrective-action} or {@code change}
 * @param titleKey the message key of the heading, with the number as its argument
 * @param closed whether the record's process has completed (its print is then stored)
 * @param sections the findings and decisions: one section per completed step, and the decisions the
 *     process took itself
 * @param disciplines an 8D report's sections D0-D8 as the VDA 8D report has them (empty otherwise)
 * @param reply the written reply sent to the customer (a complaint's), or null
 * @param sentMail the reply mailed to the customer from the record page (a complaint's), or null
 * @param decisions the customer's decisions on the reply, one per round (a complaint's), or null
 * @param correspondence every mail to and from the customer, oldest first (a complaint's), or null
 * @param stepNames the names of the steps by task definition key (for the evidence files' steps)
 * @param pdfUrl where the PDF is downloaded, null for a record without print
 * @param printed the stored print of a closed record, null before it is stored
 */
public record RecordView(
    String kind,
    String number,
    String titleKey,
    String status,
    boolean closed,
    List<Field> header,
    List<Step> steps,
    List<Section> sections,
    List<Discipline> disciplines,
    Section reply,
    SentReply sentMail,
    List<CustomerDecision> decisions,
    List<Correspondence.Entry> correspondence,
    List<Attachment> evidence,
    Map<String, Label> stepNames,
    List<Link> related,
    String pdfUrl,
    Printed printed) {

  /** The name of the step an evidence file was uploaded on, or null (intake). */
  public Label stepName(String taskDefinitionKey) {
    return stepNames.get(taskDefinitionKey);
  }

  /** A labelled value. */
  public record Field(Label label, Object value) {}

  /** A group of fields under a heading; {@code by} and {@code at}: who completed it and when. */
  public record Section(Label title, String by, Instant at, List<Field> fields) {}

  /** A discipline of the 8D report and the completed steps that belong to it. */
  public record Discipline(String code, Label title, List<Section> steps) {}

  /** A link to a related record (the complaint's 8D, the 8D's change, …). */
  public record Link(String kindKey, String number, String href, String status) {}

  /** The stored print: when it was generated, its SHA-256 and size. */
  public record Printed(Instant generatedAt, String sha256, long size) {}

  /**
   * One step of the timeline.
   *
   * @param state {@code open}, {@code onTime}, {@code late}, {@code done} (no due date) or {@code
   *     cancelled}
   * @param taskUrl the open task in Tasklist, when the reader may work on it; else null
   */
  public record Step(
      Label name,
      String groups,
      String who,
      Instant created,
      Instant due,
      Instant ended,
      String state,
      List<Escalation> escalations,
      String taskUrl) {

    public boolean late() {
      return "late".equals(state) || !escalations.isEmpty();
    }
  }

  /** An escalation of a step: the level, to which group, when. */
  public record Escalation(int level, String group, Instant at) {}
}
