-- The reports to management (issue 20.3): the monthly quality report (001 part 7) and the
-- half-yearly satisfaction report (002 §4.5.3), as generated and mailed on their schedule by
-- reports/ReportDelivery. One row per report and period: the primary key makes a second
-- generation of the same period impossible, also from two nodes at once (the second insert fails
-- and its transaction, with its notifications, rolls back). Never updated or deleted by the
-- application, so the PDF sent is the PDF downloaded later. Portable SQL: H2 2.x and PostgreSQL.
create table management_report (
  report_kind   varchar(20)              not null,
  period        varchar(10)              not null,
  generated_at  timestamp with time zone not null,
  generated_by  varchar(64)              not null,
  recipients    varchar(500)             not null,
  file_name     varchar(100)             not null,
  size_bytes    bigint                   not null,
  sha256        varchar(64)              not null,
  content       bytea                    not null,
  primary key (report_kind, period),
  constraint management_report_kind check (report_kind in ('monthly', 'half-yearly')),
  constraint management_report_size check (size_bytes > 0)
);

-- A file mailed with a notification may now be carried by the outbox row itself (content) instead
-- of pointing at an evidence file (attachment_id): the report PDFs are no evidence of a step.
-- Exactly one of the two is set.
alter table notification_attachment add column content bytea;
alter table notification_attachment alter column attachment_id drop not null;
alter table notification_attachment add constraint notification_attachment_source
  check ((attachment_id is null) <> (content is null));
