-- The printed record of a closed complaint and of a closed 8D report (issue 16.5): the PDF as it was
-- generated once, after the closure, so that what was sent to the customer can be shown years later
-- byte for byte. Written by recordview/PrintAtClosure (a job queued when the process ends), never
-- updated: the application has no statement that updates or deletes a row (insert only if absent).
-- Not in the attachment table: evidence files there can be removed while their task is open, and
-- the printed record is no evidence uploaded on a step.
create table printed_record (
  owner_kind    varchar(20)              not null,
  owner_number  varchar(30)              not null,
  generated_at  timestamp with time zone not null,
  file_name     varchar(100)             not null,
  size_bytes    bigint                   not null,
  sha256        varchar(64)              not null,
  content       bytea                    not null,
  primary key (owner_kind, owner_number),
  constraint printed_record_owner_kind check (owner_kind in ('complaint', 'corrective-action')),
  constraint printed_record_size check (size_bytes > 0)
);
