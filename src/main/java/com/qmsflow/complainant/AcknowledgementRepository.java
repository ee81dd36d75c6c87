package com.qmsflow.complainant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code complaint_acknowledgement} and the complainant settings of the archive. */
@Repository
public class AcknowledgementRepository {

  /** A customer contact with its language. */
  public record Contact(long id, String name, String email, String language) {
    boolean hasEmail() {
      return email != null && !email.isBlank();
    }
  }

  private static final String COLUMNS =
      "complaint_number, process_instance_id, customer_code, contact_name, contact_email,"
          + " language, mode, state, received_at, contact_by, created_at, sent_at, sent_by,"
          + " token_hash, revoked_at, revoked_by";

  private final JdbcClient jdbc;

  public AcknowledgementRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the row unless the complaint has one; true if inserted now. The casts type a null
   * timestamp for PostgreSQL, which reads an untyped parameter of a select list as text.
   */
  public boolean insertOnce(Acknowledgement a) {
    return jdbc.sql(
                """
                insert into complaint_acknowledgement (complaint_number, process_instance_id,
                  customer_code, contact_name, contact_email, language, mode, state, received_at,
                  contact_by, created_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp with time zone),
                  cast(? as timestamp with time zone), cast(? as timestamp with time zone)
                where not exists (select 1 from complaint_acknowledgement where complaint_number = ?)\
                """)
            .params(
                a.complaintNumber(),
                a.processInstanceId(),
                a.customerCode(),
                a.contactName(),
                a.contactEmail(),
                a.language(),
                a.mode(),
                a.state(),
                ts(a.receivedAt()),
                ts(a.contactBy()),
                ts(a.createdAt()),
                a.complaintNumber())
            .update()
        == 1;
  }

  public Optional<Acknowledgement> find(String complaintNumber) {
    return jdbc.sql(
            "select " + COLUMNS + " from complaint_acknowledgement where complaint_number = ?")
        .param(complaintNumber)
        .query(AcknowledgementRepository::row)
        .optional();
  }

  public Optional<Acknowledgement> findByTokenHash(String tokenHash) {
    return jdbc.sql("select " + COLUMNS + " from complaint_acknowledgement where token_hash = ?")
        .param(tokenHash)
        .query(AcknowledgementRepository::row)
        .optional();
  }

  /**
   * Marks the acknowledgement sent with the token's hash, if it was not sent yet (compare-and-set:
   * two clicks at once send one mail); true if this call marked it.
   */
  public boolean markSent(
      String complaintNumber,
      String contactName,
      String contactEmail,
      String language,
      String tokenHash,
      Instant at,
      String by) {
    return jdbc.sql(
                """
                update complaint_acknowledgement set state = 'SENT', contact_name = ?,
                  contact_email = ?, language = ?, token_hash = ?, sent_at = ?, sent_by = ?
                where complaint_number = ? and state <> 'SENT'\
                """)
            .params(contactName, contactEmail, language, tokenHash, ts(at), by, complaintNumber)
            .update()
        == 1;
  }

  public void updateState(String complaintNumber, String state) {
    jdbc.sql(
            "update complaint_acknowledgement set state = ? where complaint_number = ? and state <>"
                + " 'SENT'")
        .params(state, complaintNumber)
        .update();
  }

  /** Revokes the status link; true if it was active. */
  public boolean revoke(String complaintNumber, Instant at, String by) {
    return jdbc.sql(
                """
                update complaint_acknowledgement set revoked_at = ?, revoked_by = ?
                where complaint_number = ? and token_hash is not null and revoked_at is null\
                """)
            .params(ts(at), by, complaintNumber)
            .update()
        == 1;
  }

  /** Whether the customer's complaints are acknowledged only after one click ({@code MANUAL}). */
  public Optional<String> acknowledgementMode(String customerCode) {
    return jdbc.sql("select acknowledgement from customer where code = ?")
        .param(customerCode)
        .query(String.class)
        .optional();
  }

  public void setAcknowledgementMode(String customerCode, String mode) {
    jdbc.sql("update customer set acknowledgement = ? where code = ?")
        .params(mode, customerCode)
        .update();
  }

  public List<Contact> contacts(String customerCode) {
    return jdbc.sql(
            "select id, name, email, language from customer_contact where customer_code = ? order"
                + " by id")
        .param(customerCode)
        .query(
            (rs, i) ->
                new Contact(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3) == null ? null : rs.getString(3).trim(),
                    rs.getString(4)))
        .list();
  }

  public void setContactLanguage(long contactId, String language) {
    jdbc.sql("update customer_contact set language = ? where id = ?")
        .params(language, contactId)
        .update();
  }

  /**
   * The contact picked at intake (by name, ignoring case and surrounding blanks) if it has an
   * e-mail address, otherwise the customer's first contact with one; else the named contact without
   * an address, for its language.
   */
  public Optional<Contact> contactFor(String customerCode, String contactName) {
    List<Contact> all = contacts(customerCode);
    String wanted = contactName == null ? "" : contactName.trim();
    Optional<Contact> named =
        all.stream().filter(c -> c.name().trim().equalsIgnoreCase(wanted)).findFirst();
    return named
        .filter(Contact::hasEmail)
        .or(() -> all.stream().filter(Contact::hasEmail).findFirst())
        .or(() -> named)
        .or(() -> all.stream().findFirst());
  }

  private static Acknowledgement row(ResultSet rs, int i) throws SQLException {
    return new Acknowledgement(
        rs.getString("complaint_number"),
        rs.getString("process_instance_id"),
        rs.getString("customer_code"),
        rs.getString("contact_name"),
        rs.getString("contact_email"),
        rs.getString("language"),
        rs.getString("mode"),
        rs.getString("state"),
        instant(rs, "received_at"),
        instant(rs, "contact_by"),
        instant(rs, "created_at"),
        instant(rs, "sent_at"),
        rs.getString("sent_by"),
        rs.getString("token_hash"),
        instant(rs, "revoked_at"),
        rs.getString("revoked_by"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
