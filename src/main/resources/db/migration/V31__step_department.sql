-- The department of a recorded step (issue 21): the candidate group the task was first offered to,
-- written by records/RecordRepository when the task is created (the first of its candidate groups
-- in name order, as the on-time dashboard always counted it; a group added later by an escalation
-- does not change it). The on-time dashboard reads it instead of looking up the earliest candidate
-- link of every completed task in ACT_HI_IDENTITYLINK, twice per task. It joins the step by its
-- task id (the unique index of process_step.task_id). Portable SQL: H2 2.x and PostgreSQL.
alter table process_step add column department varchar(255);

update process_step set department =
  case when position(',' in candidate_groups) > 0
       then substring(candidate_groups from 1 for position(',' in candidate_groups) - 1)
       else candidate_groups end
where candidate_groups is not null;
