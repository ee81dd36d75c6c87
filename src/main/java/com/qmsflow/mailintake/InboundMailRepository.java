package com.qmsflow.mailintake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The tables {@code inbound_mail} and {@code inbound_mail_attachment} (V25). */
@Repository
public class InboundMailRepository {

  public static final String DRAFT = "DRAFT";
  public static final String REPLY = "REPLY";
  public static final String REGISTERED = "REGISTERED";
  public static final String DISCARDED = "DISCARDED";
  public static final String FILED = "FILED";

  /** A stored mail. */
  public record Mail(
      long id,
      String messageId,
      String kind,
      String status,
      String fromAddress,
      String fromName,
      String subject,
      String body,
      Instant sentAt,
      Instant importedAt,
      String customerCode,
      String contactName,
      String complaintNumber,
      String decidedBy,
      Instant decidedAt,
      String discardReason) {}

  /** A file of a stored mail (without its content). */
  public record StoredFile(
      long id,
      long mailId,
      int position,
      String fileName,
      String contentType,
      long size,
      String sha256,
      String refusedReason,
      Long evidenceId) {

    public boolean accepted() {
      return refusedReason == null;
    }
  }

  private static final String COLUMNS =
      "id, message_id, kind, status, from_address, from_name, subject, body, sent_at, imported_at,"
          + " customer_code, contact_name, complaint_number, decided_by, decided_at,"
          + " discard_reason";

  private final JdbcClient jdbc;

  public InboundMailRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean known(String messageId) {
    return jdbc.sql("select count(*) from inbound_mail where message_id = ?")
            .param(messageId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Inserts the mail; a second insert of the same Message-ID fails on the unique key. */
  long insert(
      InboundMails.Parsed mail,
      String kind,
      String status,
      String customerCode,
      String contactName,
      String complaintNumber,
      Instant importedAt,
      String importedBy) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into inbound_mail (message_id, kind, status, from_address, from_name, subject, body, sent_at,
              imported_at, imported_by, customer_code, contact_name, complaint_number)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            mail.messageId(),
            kind,
            status,
            mail.fromAddress(),
            mail.fromName(),
            mail.subject(),
            mail.body(),
            mail.sentAt() == null ? null : Timestamp.from(mail.sentAt()),
            Timestamp.from(importedAt),
            importedBy,
            customerCode,
            contactName,
            complaintNumber)
        .update(key, "id");
    long id = key.getKey().longValue();
    int position = 0;
    for (InboundMails.File file : mail.files()) {
      jdbc.sql(
              """
              insert into inbound_mail_attachment (mail_id, position, file_name, content_type, size_bytes, sha256,
                content, refused_reason)
              values (?, ?, ?, ?, ?, ?, ?, ?)\
              """)
          .params(
              id,
              ++position,
              file.name(),
              file.contentType(),
              file.size(),
              file.sha256(),
              file.content(),
              file.accepted() ? null : refusedReason(file))
          .update();
    }
    return id;
  }

  /** {@code TYPE: the content is a Windows executable; …} */
  private static String refusedReason(InboundMails.File file) {
    String reason = file.refusal().name() + ": " + file.refusalDetail();
    return reason.length() > 500 ? reason.substring(0, 500) : reason;
  }

  public Optional<Mail> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from inbound_mail where id = ?")
        .param(id)
        .query(InboundMailRepository::map)
        .optional();
  }

  /** Mails of a status, oldest first. */
  public List<Mail> withStatus(String status, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from inbound_mail where status = ? order by imported_at, id fetch first "
                + limit
                + " rows only")
        .param(status)
        .query(InboundMailRepository::map)
        .list();
  }

  /** The drafts decided last (registered or discarded), newest first. */
  public List<Mail> recentlyDecided(int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from inbound_mail where kind = 'DRAFT' and status <> 'DRAFT'"
                + " order by decided_at desc, id desc fetch first "
                + limit
                + " rows only")
        .query(InboundMailRepository::map)
        .list();
  }

  /** The mails of a complaint: the one it was registered from and the customer's replies. */
  public List<Mail> ofComplaint(String complaintNumber) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from inbound_mail where complaint_number = ? and status in ('REGISTERED',"
                + " 'FILED') order by imported_at, id")
        .param(complaintNumber)
        .query(InboundMailRepository::map)
        .list();
  }

  public List<StoredFile> files(long mailId) {
    return jdbc.sql(
            """
            select id, mail_id, position, file_name, content_type, size_bytes, sha256, refused_reason, evidence_id
            from inbound_mail_attachment where mail_id = ? order by position\
            """)
        .param(mailId)
        .query(
            (rs, i) ->
                new StoredFile(
                    rs.getLong("id"),
                    rs.getLong("mail_id"),
                    rs.getInt("position"),
                    rs.getString("file_name"),
                    rs.getString("content_type"),
                    rs.getLong("size_bytes"),
                    rs.getString("sha256"),
                    rs.getString("refused_reason"),
                    (Long) rs.getObject("evidence_id", Long.class)))
        .list();
  }

  public Optional<StoredFile> file(long fileId) {
    return jdbc.sql("select mail_id from inbound_mail_attachment where id = ?")
        .param(fileId)
        .query(Long.class)
        .optional()
        .flatMap(mailId -> files(mailId).stream().filter(f -> f.id() == fileId).findFirst());
  }

  /** The content of an accepted file not yet moved to a complaint's evidence. */
  public Optional<byte[]> content(long fileId) {
    return jdbc.sql(
            "select content from inbound_mail_attachment where id = ? and content is not null")
        .param(fileId)
        .query(byte[].class)
        .optional();
  }

  /** Claims the draft for a decision; false when it is no longer a draft (or unknown). */
  boolean decide(long id, String status, String by, Instant at, String reason) {
    return jdbc.sql(
                """
                update inbound_mail set status = ?, decided_by = ?, decided_at = ?, discard_reason = ?
                where id = ? and status = 'DRAFT'\
                """)
            .params(status, by, Timestamp.from(at), reason, id)
            .update()
        == 1;
  }

  void linkComplaint(long id, String complaintNumber) {
    jdbc.sql("update inbound_mail set complaint_number = ? where id = ?")
        .params(complaintNumber, id)
        .update();
  }

  /** The file now lives in the complaint's evidence: its copy here is cleared. */
  void moved(long fileId, long evidenceId) {
    jdbc.sql("update inbound_mail_attachment set evidence_id = ?, content = null where id = ?")
        .params(evidenceId, fileId)
        .update();
  }

  private static Mail map(ResultSet rs, int row) throws SQLException {
    return new Mail(
        rs.getLong("id"),
        rs.getString("message_id"),
        rs.getString("kind"),
        rs.getString("status"),
        rs.getString("from_address"),
        rs.getString("from_name"),
        rs.getString("subject"),
        rs.getString("body"),
        instant(rs, "sent_at"),
        instant(rs, "imported_at"),
        rs.getString("customer_code"),
        rs.getString("contact_name"),
        rs.getString("complaint_number"),
        rs.getString("decided_by"),
        instant(rs, "decided_at"),
        rs.getString("discard_reason"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
