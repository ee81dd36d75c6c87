package com.qmsflow.reports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reports sent to management ({@code V27__management_reports.sql}): one row per report and
 * period, inserted once (the primary key refuses a second), never updated or deleted.
 */
@Repository
public class ManagementReports {

  /** A sent report without its bytes (for the list). */
  public record Sent(
      String kind,
      String period,
      Instant generatedAt,
      String generatedBy,
      String recipients,
      String fileName,
      long size,
      String sha256) {}

  /** A stored report with its bytes. */
  public record Stored(Sent report, byte[] content) {}

  private final JdbcClient jdbc;

  public ManagementReports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(ReportPeriod period) {
    return jdbc.sql("select count(*) from management_report where report_kind = ? and period = ?")
            .params(period.kind().value(), period.label())
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Inserts the report; a report of the period stored meanwhile (another node) makes the insert
   * fail with a duplicate key, which rolls back the caller's transaction.
   */
  public void insert(
      ReportPeriod period, byte[] content, String by, String recipients, Instant at) {
    jdbc.sql(
            """
            insert into management_report (report_kind, period, generated_at, generated_by, recipients,
                                           file_name, size_bytes, sha256, content)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            period.kind().value(),
            period.label(),
            Timestamp.from(at),
            by,
            recipients,
            period.fileName(),
            (long) content.length,
            sha256(content),
            content)
        .update();
  }

  /** The sent reports, newest period first. */
  public List<Sent> list() {
    return jdbc.sql(
            """
            select report_kind, period, generated_at, generated_by, recipients, file_name, size_bytes, sha256
            from management_report order by period desc, report_kind\
            """)
        .query(
            (rs, i) ->
                new Sent(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7),
                    rs.getString(8)))
        .list();
  }

  public Optional<Stored> find(ReportPeriod period) {
    return jdbc.sql(
            """
            select report_kind, period, generated_at, generated_by, recipients, file_name, size_bytes, sha256, content
            from management_report where report_kind = ? and period = ?\
            """)
        .params(period.kind().value(), period.label())
        .query(
            (rs, i) ->
                new Stored(
                    new Sent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getString(8)),
                    rs.getBytes(9)))
        .optional();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
