package com.qmsflow.complaint;

import com.qmsflow.notification.NotificationService.Recipient;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Create listener of "Reply to customer in writing": mails the draft reply to the task's candidate
 * groups (sales) or its assignee for review, never to the customer (see {@link ReplyMails}). Queued
 * in the task's transaction, once per task and recipient.
 */
@Component("prepareReplyDraft")
public class PrepareReplyDraftListener implements TaskListener {

  private final ReplyMails replies;
  private final Clock clock;

  public PrepareReplyDraftListener(ReplyMails replies, Clock clock) {
    this.clock = clock;
    this.replies = replies;
  }

  @Override
  public void notify(DelegateTask task) {
    var now = clock.instant();
    if (task.getAssignee() != null) {
      replies.queueDraftForReview(
          task.getId(),
          task.getName(),
          task.getDueDate(),
          Recipient.user(task.getAssignee()),
          task,
          now);
    }
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        replies.queueDraftForReview(
            task.getId(),
            task.getName(),
            task.getDueDate(),
            Recipient.group(link.getGroupId()),
            task,
            now);
      }
    }
  }
}
