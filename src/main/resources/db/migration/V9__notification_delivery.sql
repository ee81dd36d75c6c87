-- Delivery of the notification outbox by mail (notification/OutboxDispatcher). Portable SQL: H2 2.x and PostgreSQL.
-- status: PENDING (waiting for its next attempt), SENT (mailed), LOGGED (no mail server configured:
-- written to the log once), FAILED (gave up after the configured attempts; last_error says why).
-- A row is addressed to a group (recipient_group: its members with an e-mail address), to one user
-- (recipient_user: task digests) or to one address (recipient_address: the customer's reply).
alter table notification add column status varchar(20) default 'PENDING' not null;
alter table notification add column attempts integer default 0 not null;
alter table notification add column last_error varchar(1000);
alter table notification add column next_attempt_at timestamp with time zone;
alter table notification add column claimed_by varchar(100);
alter table notification add column claimed_at timestamp with time zone;
alter table notification add column recipient_user varchar(64);
alter table notification add column recipient_address varchar(300);
alter table notification add column recipient_name varchar(200);
alter table notification alter column body set data type varchar(20000);
-- rows written before this migration are due now
update notification set next_attempt_at = created_at;
create index notification_due on notification (status, next_attempt_at);

-- Watermark of the task digest: tasks created up to covered_until have been announced. The row is
-- advanced with a compare-and-set update, so only one node announces a period.
create table task_digest_run (
  name          varchar(40) primary key,
  covered_until timestamp with time zone not null,
  ran_at        timestamp with time zone not null
);
