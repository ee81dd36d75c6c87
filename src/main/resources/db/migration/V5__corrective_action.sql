-- The register of 8D reports (corrective and preventive actions, PROCEDURE §2). The 8D number
-- 8D-<year>-<4 digits> is the business key of its process instance.
create table corrective_action (
  eight_d_number      varchar(20)  primary key,
  process_instance_id varchar(64)  unique,
  complaint_number    varchar(20),
  problem_title       varchar(200) not null,
  status              varchar(20)  default 'OPEN' not null,
  raised_at           timestamp with time zone not null,
  closed_at           timestamp with time zone
);
create index corrective_action_complaint on corrective_action (complaint_number);
