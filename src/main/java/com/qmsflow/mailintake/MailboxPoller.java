package com.qmsflow.mailintake;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Polls the complaint mailbox ({@link MailboxSettings}): every message of the folder whose
 * Message-ID is not stored yet is read and stored by {@link MailIntake}; only after its transaction
 * committed is the message marked as read (or deleted, {@code qms.mail.intake.delete-imported}).
 *
 * <p><b>Nothing is lost:</b> a mail server that cannot be reached fails the poll (logged, the next
 * poll tries again); a database that is down fails the storing of a mail, which then stays in the
 * mailbox unmarked and is read again by the next poll. Whether a mail was taken is decided by the
 * database (its Message-ID), never by the mailbox's flags, so a person reading the mailbox in a
 * mail program changes nothing.
 *
 * <p><b>Several nodes:</b> every node polls; two nodes reading the same new mail both try to insert
 * it and the unique Message-ID lets exactly one succeed, the other skips it.
 */
@Component
public class MailboxPoller {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  /** What one poll did. */
  public record Result(int drafts, int filed, int duplicates, int failed) {

    public static final Result NONE = new Result(0, 0, 0, 0);
  }

  private final MailboxSettings settings;
  private final MailIntake intake;
  private final Clock clock;
  private final String node =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  public MailboxPoller(MailboxSettings settings, MailIntake intake, Clock clock) {
    this.settings = settings;
    this.intake = intake;
    this.clock = clock;
  }

  /**
   * Reads the mailbox once; nothing when no mailbox is configured.
   *
   * @throws MessagingException when the mailbox cannot be reached or opened
   */
  public Result poll() throws MessagingException {
    if (!settings.enabled()) {
      return Result.NONE;
    }
    Session session = Session.getInstance(settings.sessionProperties());
    Store store = session.getStore(settings.protocol());
    store.connect(settings.host(), settings.port(), settings.username(), settings.password());
    try {
      Folder folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_WRITE);
      try {
        return readAll(folder);
      } finally {
        folder.close(settings.deleteImported());
      }
    } finally {
      store.close();
    }
  }

  private Result readAll(Folder folder) throws MessagingException {
    Message[] messages = folder.getMessages();
    FetchProfile headers = new FetchProfile();
    headers.add(FetchProfile.Item.FLAGS);
    headers.add(UIDFolder.FetchProfileItem.UID);
    headers.add("Message-ID");
    folder.fetch(messages, headers);
    int drafts = 0;
    int filed = 0;
    int duplicates = 0;
    int failed = 0;
    for (Message message : messages) {
      if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      try {
        String messageId = InboundMails.messageId(message);
        if (intake.known(messageId)) {
          markTaken(message);
          continue;
        }
        InboundMails.Parsed mail = InboundMails.parse(message, settings.maxAttachmentBytes());
        switch (intake.store(mail, clock.instant(), node)) {
          case DRAFT -> drafts++;
          case FILED -> filed++;
          case DUPLICATE -> duplicates++;
        }
        markTaken(message);
      } catch (DataAccessException e) {
        // the database is down or refused the mail: it stays in the mailbox for the next poll
        failed++;
        LOG.error("Mail {} not stored; the next poll reads it again", number(message), e);
      } catch (MessagingException | IOException | RuntimeException e) {
        failed++;
        LOG.error("Mail {} cannot be read; the next poll tries again", number(message), e);
      }
    }
    Result result = new Result(drafts, filed, duplicates, failed);
    if (drafts + filed + failed > 0) {
      LOG.info(
          "Complaint mailbox: {} new drafts, {} replies filed, {} taken by another node, {} failed",
          drafts,
          filed,
          duplicates,
          failed);
    }
    return result;
  }

  private void markTaken(Message message) throws MessagingException {
    if (settings.deleteImported()) {
      message.setFlag(Flags.Flag.DELETED, true);
    } else if (!message.isSet(Flags.Flag.SEEN)) {
      message.setFlag(Flags.Flag.SEEN, true);
    }
  }

  private static int number(Message message) {
    return message.getMessageNumber();
  }
}
