-- Customer satisfaction surveys (PROCEDURE §4, 002 §4.5.1-§4.5.3): the yearly campaign that sales
-- management plans, one survey per customer sent by the customer's sales rep, the answers per
-- aspect, the on-site visit and what low scores led to. Portable SQL: runs on H2 2.x and PostgreSQL.

-- The sales rep who looks after a customer (user id; 002 §4.5.2 "each sales rep ... each customer
-- they look after"); kept in the archive by customer service and sales management.
alter table customer add column sales_rep varchar(64);

create table survey_campaign (
  campaign_number       varchar(20)  primary key,
  process_instance_id   varchar(64)  unique,
  campaign_year         integer      not null,
  questionnaire_version varchar(40)  not null,
  aspects               varchar(500) not null,
  starts_on             date         not null,
  customer_selection    varchar(10)  not null check (customer_selection in ('ALL', 'LISTED')),
  customer_count        integer      not null,
  planned_by            varchar(64),
  planned_at            timestamp with time zone not null
);

create table customer_survey (
  survey_number          varchar(20)   primary key,
  campaign_number        varchar(20)   not null references survey_campaign (campaign_number),
  customer_code          varchar(20)   not null references customer (code),
  position               integer       not null,
  tier                   varchar(1),
  sales_rep              varchar(64),
  process_instance_id    varchar(64)   unique,
  state                  varchar(20)   not null,
  channel                varchar(10),
  contact_name           varchar(100),
  contact_email          varchar(200),
  language               varchar(2),
  token_hash             varchar(64)   unique,
  token_expires_at       timestamp with time zone,
  sent_at                timestamp with time zone,
  sent_by                varchar(64),
  reminded_at            timestamp with time zone,
  answered_at            timestamp with time zone,
  answered_via           varchar(10),
  visit_date             date,
  visit_participants     varchar(300),
  visit_notes            varchar(2000),
  visited_by             varchar(64),
  low_aspects            varchar(300),
  improvement_kind       varchar(20),
  responsible_department varchar(40),
  improvement_request    varchar(2000),
  decided_by             varchar(64),
  decided_at             timestamp with time zone,
  improvement_actions    varchar(2000),
  improved_by            varchar(64),
  improved_at            timestamp with time zone,
  eight_d_number         varchar(20),
  closed_at              timestamp with time zone,
  unique (campaign_number, customer_code),
  unique (campaign_number, position)
);
create index customer_survey_customer on customer_survey (customer_code);
create index customer_survey_eight_d on customer_survey (eight_d_number);

-- Answers of both sources in one table, so the dashboard and the half-yearly report read them
-- together: source COMPLAINT (after a complaint, complaint_number set, as before) or CAMPAIGN
-- (survey_number set, complaint_number empty). surveyed_at, tier, aspect and score keep their meaning.
alter table satisfaction_survey add column source varchar(20) default 'COMPLAINT' not null;
alter table satisfaction_survey add column survey_number varchar(20) references customer_survey (survey_number);
alter table satisfaction_survey add column answer_comment varchar(1000);
alter table satisfaction_survey alter column complaint_number drop not null;
create unique index satisfaction_survey_campaign_aspect on satisfaction_survey (survey_number, aspect);
create index satisfaction_survey_source on satisfaction_survey (source, surveyed_at);

-- Readable numbers: campaigns SC-<year>-<2 digits>, surveys SV-<year>-<5 digits>.
insert into number_counter (sequence_name, counter_year, last_value)
select s.name, y.y, 0
from (values ('survey-campaign'), ('customer-survey')) as s (name)
cross join (values (2024), (2025), (2026), (2027), (2028), (2029), (2030), (2031), (2032), (2033), (2034), (2035), (2036), (2037), (2038), (2039), (2040), (2041), (2042), (2043), (2044), (2045), (2046), (2047), (2048), (2049), (2050), (2051), (2052), (2053), (2054), (2055), (2056), (2057), (2058), (2059), (2060), (2061), (2062), (2063), (2064), (2065), (2066), (2067), (2068), (2069), (2070), (2071), (2072), (2073), (2074), (2075), (2076), (2077), (2078), (2079), (2080), (2081), (2082), (2083), (2084), (2085), (2086), (2087), (2088), (2089), (2090), (2091), (2092), (2093), (2094), (2095), (2096), (2097), (2098), (2099)) as y (y);
