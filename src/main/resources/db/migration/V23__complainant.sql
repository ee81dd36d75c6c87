-- The complainant's side (issue 19, points 1 and 2): the language of each customer contact, whether
-- a customer's complaints are acknowledged automatically or after one click of customer service,
-- and per complaint the acknowledgement and the status link. Only the SHA-256 of the status link's
-- token is stored. Portable SQL: H2 2.x and PostgreSQL.
alter table customer_contact add column language varchar(2) default 'zh' not null;
alter table customer add column acknowledgement varchar(10) default 'AUTO' not null;

-- state: WAITING (customer service sends it with one click), NO_ADDRESS (the contact has no e-mail
-- address in the archive), SENT (queued in the notification outbox; the outbox row tells whether
-- it was mailed).
create table complaint_acknowledgement (
  complaint_number    varchar(30)  primary key,
  process_instance_id varchar(64),
  customer_code       varchar(20)  not null,
  contact_name        varchar(100),
  contact_email       varchar(200),
  language            varchar(2)   not null,
  mode                varchar(10)  not null,
  state               varchar(20)  not null,
  received_at         timestamp with time zone not null,
  contact_by          timestamp with time zone,
  created_at          timestamp with time zone not null,
  sent_at             timestamp with time zone,
  sent_by             varchar(64),
  token_hash          varchar(64)  unique,
  revoked_at          timestamp with time zone,
  revoked_by          varchar(64)
);
create index complaint_acknowledgement_instance on complaint_acknowledgement (process_instance_id);
