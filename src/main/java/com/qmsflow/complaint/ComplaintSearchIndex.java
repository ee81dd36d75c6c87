package com.qmsflow.complaint;

import com.qmsflow.database.TrigramIndexMigration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V30: a trigram index on the complaint register's search column on PostgreSQL.
 * {@code GET /api/complaints?q=} finds a part anywhere in number, customer code, product, model,
 * batch and description, all in the lower-cased {@code complaint.search_text} (V19) as {@code like
 * '%…%'}, which no B-tree serves: every search read every complaint. A {@code pg_trgm} GIN index
 * serves it for a part of three characters or more. The same conditions as V18 ({@code
 * customer/CustomerSearchIndex}), see {@link TrigramIndexMigration}.
 */
@Component
public class ComplaintSearchIndex extends TrigramIndexMigration {

  public ComplaintSearchIndex() {
    super(
        "30",
        30_001,
        "complaint search trigram index",
        "the register's text search",
        "the register's text search scans every complaint",
        List.of(
            "create index complaint_search_text_trigram on complaint using gin (search_text"
                + " gin_trgm_ops)"));
  }
}
