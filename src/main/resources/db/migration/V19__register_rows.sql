-- The registers at scale (issue 16.6/16.8). Portable SQL: runs on H2 2.x and PostgreSQL.

-- Who had a task in which process instance: one row per user ('user:<id>': assignee, candidate
-- user, who completed it) or group ('group:<id>': candidate group) and instance, with the root of the
-- instance's tree (a complaint and the 8D it called). Written with each step by
-- records/RecordRepository in the engine's transaction (insert where absent: idempotent); the
-- access rule (access/RecordAccess) finds a user's records through the index below instead of
-- matching every step's candidate groups. Steps recorded before this table are backfilled once at
-- start-up (records/PartyBackfill).
create table process_party (
  process_instance_id      varchar(64) not null,
  root_process_instance_id varchar(64) not null,
  party                    varchar(80) not null,
  primary key (process_instance_id, party)
);
create index process_party_party_root on process_party (party, root_process_instance_id);

-- The register's text search looks in one lower-cased column (number, customer code, product,
-- model, batch, description) instead of six; complaint/ComplaintRepository writes it with the row.
alter table complaint add column search_text varchar(5000);
update complaint set search_text = lower(
  coalesce(complaint_number, '') || ' ' || coalesce(customer_code, '') || ' '
  || coalesce(product_name, '') || ' ' || coalesce(product_model, '') || ' '
  || coalesce(batch_number, '') || ' ' || coalesce(description, ''));
