-- The dashboards (package dashboard) select by these time columns before grouping. Camunda's own
-- tables already have what the dashboard queries use (act_hi_taskinst end_time_ and
-- root_proc_inst_id_, act_hi_identitylink task_id_, act_ru_identitylink task_id_), and are created
-- by the engine after Flyway, so they are not indexed here.
create index complaint_received_at on complaint (received_at);
create index complaint_closed_at on complaint (closed_at);
create index satisfaction_survey_surveyed_at on satisfaction_survey (surveyed_at);
create index escalation_escalated_at on escalation (escalated_at);
