package com.qmsflow.evidence;

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

/** The table {@code attachment}: evidence files with their metadata. */
@Repository
public class AttachmentRepository {

  private static final String COLUMNS =
      """
      id, owner_kind, owner_number, step, task_id, uploaded_by, uploaded_at, original_name, content_type,
      size_bytes, sha256\
      """;

  private final JdbcClient jdbc;

  public AttachmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the file and answers its metadata with the new id. */
  public Attachment insert(
      OwnerKind kind,
      String number,
      String step,
      String taskId,
      String uploadedBy,
      Instant uploadedAt,
      String name,
      String contentType,
      String sha256,
      byte[] content) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into attachment (owner_kind, owner_number, step, task_id, uploaded_by, uploaded_at,
              original_name, content_type, size_bytes, sha256, content)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            kind.value(),
            number,
            step,
            taskId,
            uploadedBy,
            Timestamp.from(uploadedAt),
            name,
            contentType,
            (long) content.length,
            sha256,
            content)
        .update(key, "id");
    long id = key.getKey().longValue();
    return new Attachment(
        id,
        kind,
        number,
        step,
        taskId,
        uploadedBy,
        uploadedAt,
        name,
        contentType,
        content.length,
        sha256);
  }

  public Optional<Attachment> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from attachment where id = ?")
        .param(id)
        .query(AttachmentRepository::map)
        .optional();
  }

  public Optional<byte[]> content(long id) {
    return jdbc.sql("select content from attachment where id = ?")
        .param(id)
        .query((rs, row) -> rs.getBytes(1))
        .optional();
  }

  /** The files of a complaint or 8D report, oldest first. */
  public List<Attachment> findByOwner(OwnerKind kind, String number) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from attachment where owner_kind = ? and owner_number = ? order by uploaded_at,"
                + " id")
        .params(kind.value(), number)
        .query(AttachmentRepository::map)
        .list();
  }

  /** A complaint's files and those of the 8D reports it raised, oldest first. */
  public List<Attachment> findByComplaintWithItsEightD(String complaintNumber) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + """
                 from attachment
                where (owner_kind = 'complaint' and owner_number = ?)
                   or (owner_kind = 'corrective-action'
                       and owner_number in (select eight_d_number from corrective_action where complaint_number = ?))
                order by uploaded_at, id\
                """)
        .params(complaintNumber, complaintNumber)
        .query(AttachmentRepository::map)
        .list();
  }

  public int countByTask(String taskId) {
    return jdbc.sql("select count(*) from attachment where task_id = ?")
        .param(taskId)
        .query(Integer.class)
        .single();
  }

  public boolean delete(long id) {
    return jdbc.sql("delete from attachment where id = ?").param(id).update() == 1;
  }

  private static Attachment map(ResultSet rs, int row) throws SQLException {
    return new Attachment(
        rs.getLong("id"),
        OwnerKind.of(rs.getString("owner_kind")).orElseThrow(),
        rs.getString("owner_number"),
        rs.getString("step"),
        rs.getString("task_id"),
        rs.getString("uploaded_by"),
        rs.getTimestamp("uploaded_at").toInstant(),
        rs.getString("original_name"),
        rs.getString("content_type"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"));
  }
}
