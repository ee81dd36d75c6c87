package com.qmsflow.customer;

import com.qmsflow.database.TrigramIndexMigration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V18: trigram indexes for the customer search on PostgreSQL. {@code GET
 * /api/customers?q=} finds a part anywhere in the code or name ({@code lower(…) like '%…%'}, see
 * {@link CustomerArchive#search}), which no B-tree index serves: every search read the whole table.
 * PostgreSQL's {@code pg_trgm} GIN indexes serve such a {@code like} for a part of three characters
 * or more (docs/performance.md "Customer archive import and search"); see {@link
 * TrigramIndexMigration} for H2 and a database without the extension. A database user that may not
 * create extensions needs a DBA to run {@code create extension pg_trgm} once before the upgrade
 * (docs/customers.md).
 */
@Component
public class CustomerSearchIndex extends TrigramIndexMigration {

  public CustomerSearchIndex() {
    super(
        "18",
        18_001,
        "customer search trigram indexes",
        "the customer search",
        "the customer search by a part of code or name scans the table",
        List.of(
            "create index customer_code_trigram on customer using gin (lower(code) gin_trgm_ops)",
            "create index customer_name_trigram on customer using gin (lower(name) gin_trgm_ops)"));
  }
}
