package com.qmsflow.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The complaint register. */
@Repository
public class ComplaintRepository {

  private static final String COLUMNS =
      """
      complaint_number, process_instance_id, external_reference, customer_code, tier, category, channel,
      product_name, product_model, batch_number, defect_code, production_date, quantity_purchased,
      quantity_defective, description, urgent, safety_related, severity, status, received_at, closed_at\
      """;

  private final JdbcClient jdbc;
  private final ComplaintFindings findings;
  private final ComplaintOpenDue openDue;

  public ComplaintRepository(
      JdbcClient jdbc, ComplaintFindings findings, ComplaintOpenDue openDue) {
    this.jdbc = jdbc;
    this.findings = findings;
    this.openDue = openDue;
  }

  /**
   * The text the register searches (V19): number, customer code, product, model, batch and
   * description, lower-cased, in one column; written with the row, which never changes these.
   */
  public static String searchText(
      String number,
      String customerCode,
      String productName,
      String productModel,
      String batchNumber,
      String description) {
    return String.join(
            " ",
            orEmpty(number),
            orEmpty(customerCode),
            orEmpty(productName),
            orEmpty(productModel),
            orEmpty(batchNumber),
            orEmpty(description))
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  public void insert(Complaint c) {
    jdbc.sql(
            "insert into complaint ("
                + COLUMNS
                + ", search_text) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .params(
            c.complaintNumber(),
            c.processInstanceId(),
            c.externalReference(),
            c.customerCode(),
            c.tier(),
            c.category(),
            c.channel(),
            c.productName(),
            c.productModel(),
            c.batchNumber(),
            c.defectCode(),
            c.productionDate(),
            c.quantityPurchased(),
            c.quantityDefective(),
            c.description(),
            c.urgent(),
            c.safetyRelated(),
            c.severity(),
            c.status(),
            timestamp(c.receivedAt()),
            timestamp(c.closedAt()),
            searchText(
                c.complaintNumber(),
                c.customerCode(),
                c.productName(),
                c.productModel(),
                c.batchNumber(),
                c.description()))
        .update();
    // what the instance recorded before its complaint was registered
    findings.fill(c.processInstanceId());
    openDue.fill(c.processInstanceId());
  }

  public Optional<Complaint> findByNumber(String complaintNumber) {
    return jdbc.sql("select " + COLUMNS + " from complaint where complaint_number = ?")
        .param(complaintNumber)
        .query(ComplaintRepository::map)
        .optional();
  }

  public Optional<Complaint> findByExternalReference(String externalReference) {
    return jdbc.sql("select " + COLUMNS + " from complaint where external_reference = ?")
        .param(externalReference)
        .query(ComplaintRepository::map)
        .optional();
  }

  public void attachProcessInstance(String complaintNumber, String processInstanceId) {
    jdbc.sql("update complaint set process_instance_id = ? where complaint_number = ?")
        .params(processInstanceId, complaintNumber)
        .update();
    findings.fill(processInstanceId);
    openDue.fill(processInstanceId);
  }

  public void recordTier(String complaintNumber, String tier) {
    jdbc.sql("update complaint set tier = ? where complaint_number = ?")
        .params(tier, complaintNumber)
        .update();
  }

  /** Closing twice keeps the first closing time. */
  public void close(String complaintNumber, String severity, Instant closedAt) {
    jdbc.sql(
            """
            update complaint set status = 'CLOSED', severity = ?, closed_at = coalesce(closed_at, ?)
            where complaint_number = ?\
            """)
        .params(severity, timestamp(closedAt), complaintNumber)
        .update();
  }

  /** Complaints (this one included) about the same batch with the same defect code. */
  public int countSameBatchAndDefect(String batchNumber, String defectCode) {
    return jdbc.sql("select count(*) from complaint where batch_number = ? and defect_code = ?")
        .params(batchNumber, defectCode)
        .query(Integer.class)
        .single();
  }

  /**
   * The complaints (this one included) about the same batch with the same defect code, oldest
   * first.
   */
  public List<Complaint> findSameBatchAndDefect(String batchNumber, String defectCode) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from complaint where batch_number = ? and defect_code = ?"
                + " order by received_at, complaint_number")
        .params(batchNumber, defectCode)
        .query(ComplaintRepository::map)
        .list();
  }

  /** Earlier complaints of the customer with the same defect code received since the given time. */
  public int countEarlierOfCustomerAndDefect(
      String complaintNumber, String customerCode, String defectCode, Instant since) {
    return jdbc.sql(
            """
            select count(*) from complaint
            where customer_code = ? and defect_code = ? and received_at >= ? and complaint_number <> ?\
            """)
        .params(customerCode, defectCode, timestamp(since), complaintNumber)
        .query(Integer.class)
        .single();
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Complaint map(ResultSet rs, int row) throws SQLException {
    return new Complaint(
        rs.getString("complaint_number"),
        rs.getString("process_instance_id"),
        rs.getString("external_reference"),
        rs.getString("customer_code"),
        rs.getString("tier"),
        rs.getString("category"),
        rs.getString("channel"),
        rs.getString("product_name"),
        rs.getString("product_model"),
        rs.getString("batch_number"),
        rs.getString("defect_code"),
        rs.getObject("production_date", java.time.LocalDate.class),
        (Integer) rs.getObject("quantity_purchased", Integer.class),
        (Integer) rs.getObject("quantity_defective", Integer.class),
        rs.getString("description"),
        rs.getBoolean("urgent"),
        rs.getBoolean("safety_related"),
        rs.getString("severity"),
        rs.getString("status"),
        instant(rs, "received_at"),
        instant(rs, "closed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
