package com.qmsflow.mailintake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every mail to and from the customer of a complaint, oldest first: the mails sent to the customer
 * (the outbox {@code notification} rows addressed to an address: acknowledgement, status mails, the
 * written reply) and the mails received (the one the complaint was registered from, the customer's
 * replies), from the project's tables only.
 */
@Service
public class Correspondence {

  /** A file sent or received with a mail. */
  public record File(String name, long size, String sha256, String refusal, String url) {}

  /**
   * One mail: {@code direction} {@code in} or {@code out}; {@code kind} the outbox kind for a mail
   * out ({@code ACKNOWLEDGEMENT}, {@code CUSTOMER_REPLY}, …), {@code COMPLAINT} or {@code REPLY}
   * for a mail in; {@code status} the delivery status of a mail out.
   */
  public record Entry(
      String direction,
      String kind,
      String from,
      String to,
      String subject,
      String body,
      Instant at,
      String status,
      List<File> files) {

    /** The longest text a printed record shows of one mail (the page shows it whole). */
    public static final int PRINTED_TEXT = 4000;

    /** The text as a printed record shows it: at most {@link #PRINTED_TEXT} characters. */
    public String printedBody() {
      if (body == null || body.length() <= PRINTED_TEXT) {
        return body;
      }
      return body.substring(0, PRINTED_TEXT) + " […]";
    }
  }

  private final JdbcClient jdbc;
  private final InboundMailRepository mails;

  public Correspondence(JdbcClient jdbc, InboundMailRepository mails) {
    this.jdbc = jdbc;
    this.mails = mails;
  }

  public boolean exists(String complaintNumber) {
    return jdbc.sql("select count(*) from complaint where complaint_number = ?")
            .param(complaintNumber)
            .query(Integer.class)
            .single()
        > 0;
  }

  public List<Entry> of(String complaintNumber) {
    List<Entry> entries = new ArrayList<>(outgoing(complaintNumber));
    for (InboundMailRepository.Mail m : mails.ofComplaint(complaintNumber)) {
      entries.add(
          new Entry(
              "in",
              InboundMailRepository.REGISTERED.equals(m.status()) ? "COMPLAINT" : "REPLY",
              m.fromName() == null ? m.fromAddress() : m.fromName() + " <" + m.fromAddress() + ">",
              null,
              m.subject(),
              m.body(),
              m.sentAt() != null ? m.sentAt() : m.importedAt(),
              m.status(),
              mails.files(m.id()).stream()
                  .map(MailIntakeController::fileView)
                  .map(f -> new File(f.name(), f.size(), f.sha256(), f.refusal(), f.url()))
                  .toList()));
    }
    entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  private List<Entry> outgoing(String complaintNumber) {
    record Out(
        long id,
        String kind,
        String name,
        String address,
        String subject,
        String body,
        Timestamp createdAt,
        Timestamp sentAt,
        String status) {}
    List<Out> rows =
        jdbc.sql(
                """
                select id, kind, recipient_name, recipient_address, subject, body, created_at, sent_at, status
                from notification where business_key = ? and recipient_address is not null order by id\
                """)
            .param(complaintNumber)
            .query(
                (rs, i) ->
                    new Out(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7),
                        rs.getTimestamp(8),
                        rs.getString(9)))
            .list();
    List<Entry> entries = new ArrayList<>();
    for (Out o : rows) {
      List<File> files =
          jdbc.sql(
                  """
                  select attachment_id, file_name, size_bytes, sha256 from notification_attachment
                  where notification_id = ? order by position\
                  """)
              .param(o.id())
              .query(
                  (rs, i) ->
                      new File(
                          rs.getString(2),
                          rs.getLong(3),
                          rs.getString(4),
                          null,
                          "/api/attachments/" + rs.getLong(1) + "/content"))
              .list();
      entries.add(
          new Entry(
              "out",
              o.kind(),
              null,
              o.name() == null ? o.address() : o.name() + " <" + o.address() + ">",
              o.subject(),
              o.body(),
              (o.sentAt() != null ? o.sentAt() : o.createdAt()).toInstant(),
              o.status(),
              files));
    }
    return entries;
  }
}
