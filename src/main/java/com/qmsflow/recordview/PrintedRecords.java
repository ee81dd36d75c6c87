package com.qmsflow.recordview;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The printed records of closed complaints and 8D reports ({@code V17__printed_records.sql}):
 * inserted once, never updated or deleted, so a download years later gives the same bytes.
 */
@Repository
public class PrintedRecords {

  /** A stored print. */
  public record Printed(
      String kind,
      String number,
      Instant generatedAt,
      String fileName,
      long size,
      String sha256,
      byte[] content) {}

  private final JdbcClient jdbc;

  public PrintedRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the print unless one is stored; true if stored now. */
  public boolean storeIfAbsent(
      String kind, String number, String fileName, byte[] content, Instant at) {
    return jdbc.sql(
                """
                insert into printed_record (owner_kind, owner_number, generated_at, file_name, size_bytes, sha256, content)
                select ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from printed_record where owner_kind = ? and owner_number = ?)\
                """)
            .params(
                kind,
                number,
                Timestamp.from(at),
                fileName,
                (long) content.length,
                sha256(content),
                content,
                kind,
                number)
            .update()
        == 1;
  }

  public Optional<Printed> find(String kind, String number) {
    return jdbc.sql(
            "select owner_kind, owner_number, generated_at, file_name, size_bytes, sha256, content"
                + " from printed_record where owner_kind = ? and owner_number = ?")
        .params(kind, number)
        .query(
            (rs, i) ->
                new Printed(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getBytes(7)))
        .optional();
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
