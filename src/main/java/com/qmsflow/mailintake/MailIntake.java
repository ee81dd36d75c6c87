package com.qmsflow.mailintake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one mail of the complaint mailbox, in its own transaction: a customer's reply about an
 * existing complaint (a complaint number in the subject, sent from a contact of that complaint's
 * customer) is filed in the complaint's correspondence; every other mail becomes a draft complaint
 * for customer service, matched to a customer by the sender's address where the archive knows it.
 */
@Service
public class MailIntake {

  private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

  /** A complaint number as the acknowledgement and the reply write it. */
  static final Pattern COMPLAINT_NUMBER = Pattern.compile("CC-\\d{4}-\\d{6}");

  /** What happened to a mail. */
  public enum Outcome {
    DRAFT,
    FILED,
    /** Stored earlier, by this or another node. */
    DUPLICATE
  }

  /** A customer contact an address belongs to. */
  record Sender(String customerCode, String contactName) {}

  private final InboundMailRepository mails;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public MailIntake(
      InboundMailRepository mails, JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.mails = mails;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  public boolean known(String messageId) {
    return mails.known(messageId);
  }

  /** Stores the mail once; a mail stored earlier (same Message-ID) is a duplicate. */
  public Outcome store(InboundMails.Parsed mail, Instant now, String node) {
    try {
      return transaction.execute(status -> insert(mail, now, node));
    } catch (DuplicateKeyException e) {
      LOG.info("Mail {} was stored already (another node or an earlier poll)", mail.messageId());
      return Outcome.DUPLICATE;
    }
  }

  private Outcome insert(InboundMails.Parsed mail, Instant now, String node) {
    if (mails.known(mail.messageId())) {
      return Outcome.DUPLICATE;
    }
    List<Sender> senders = senders(mail.fromAddress());
    Optional<String> replyTo = repliedComplaint(mail.subject(), senders);
    Sender sender = senders.size() == 1 ? senders.get(0) : null;
    if (replyTo.isPresent()) {
      String customer = customerOf(replyTo.get());
      Sender contact =
          senders.stream().filter(s -> s.customerCode().equals(customer)).findFirst().orElseThrow();
      long id =
          mails.insert(
              mail,
              InboundMailRepository.REPLY,
              InboundMailRepository.FILED,
              contact.customerCode(),
              contact.contactName(),
              replyTo.get(),
              now,
              node);
      LOG.info(
          "Mail {} from {} filed with complaint {} ({})",
          id,
          mail.fromAddress(),
          replyTo.get(),
          mail.messageId());
      return Outcome.FILED;
    }
    long id =
        mails.insert(
            mail,
            InboundMailRepository.DRAFT,
            InboundMailRepository.DRAFT,
            sender == null ? null : sender.customerCode(),
            sender == null ? null : sender.contactName(),
            null,
            now,
            node);
    LOG.info(
        "Mail {} from {} stored as draft complaint {}{}",
        mail.messageId(),
        mail.fromAddress(),
        id,
        sender == null ? "" : " of customer " + sender.customerCode());
    return Outcome.DRAFT;
  }

  /** The customer contacts with this address (case-insensitive), one per customer. */
  List<Sender> senders(String address) {
    if (address == null || address.isBlank()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select c.customer_code, min(c.name) as contact_name from customer_contact c
            where lower(c.email) = ? group by c.customer_code order by c.customer_code\
            """)
        .param(address.trim().toLowerCase(Locale.ROOT))
        .query((rs, i) -> new Sender(rs.getString(1), rs.getString(2)))
        .list();
  }

  /**
   * The complaint a reply is about: the first complaint number of the subject that exists and whose
   * customer the sender is a contact of.
   */
  private Optional<String> repliedComplaint(String subject, List<Sender> senders) {
    if (subject == null || senders.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = COMPLAINT_NUMBER.matcher(subject);
    while (m.find()) {
      String number = m.group();
      String customer = customerOf(number);
      if (customer != null && senders.stream().anyMatch(s -> s.customerCode().equals(customer))) {
        return Optional.of(number);
      }
    }
    return Optional.empty();
  }

  private String customerOf(String complaintNumber) {
    return jdbc.sql("select customer_code from complaint where complaint_number = ?")
        .param(complaintNumber)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
