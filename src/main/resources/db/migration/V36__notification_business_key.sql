-- The mails of one complaint or change (issue 21): the record page and its PDF list the
-- correspondence (mailintake/Correspondence) and the complainant's status page the mails sent
-- (complainant/ComplainantController), both by business key in the order they were written. Without
-- an index each read every notification: at 600,000 complaints (2.2 million notifications) 730 ms
-- on average and up to 2.6 s, three times per record PDF. Portable SQL: H2 2.x and PostgreSQL.
create index notification_business_key on notification (business_key, id);
