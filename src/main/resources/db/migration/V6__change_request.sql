-- Contract and order changes (PROCEDURE §3). The change number CR-<year>-<4 digits> is the business
-- key of its contract-change process instance. These records are confidential [002 §4.2 C]: the
-- process instances carry per-group Camunda authorizations, and the API shows them only to those.
create table change_request (
  change_number            varchar(20)   primary key,
  process_instance_id      varchar(64)   unique,
  external_reference       varchar(100)  unique,
  corrective_action_number varchar(20),
  contract_reference       varchar(100),
  change_type              varchar(40)   not null,
  customer_code            varchar(20),
  tier                     varchar(1),
  description              varchar(4000) not null,
  reason                   varchar(4000),
  requested_effective_date date,
  aspects                  varchar(100),
  cost_impact              numeric(14, 2),
  requester                varchar(64),
  state                    varchar(30)   default 'REQUESTED' not null,
  review_round             integer       default 0 not null,
  approver_group           varchar(64),
  decision_reason          varchar(4000),
  identification_rule      varchar(4000),
  effective_lot            varchar(100),
  effective_date           date,
  raised_at                timestamp with time zone not null,
  closed_at                timestamp with time zone
);
create index change_request_corrective_action on change_request (corrective_action_number);

-- One OK/NG per reviewing department and review round [002 §4.2 B].
create table change_review (
  change_number  varchar(20)   not null,
  review_round   integer       not null,
  reviewer_group varchar(64)   not null,
  verdict        varchar(2)    not null,
  comments       varchar(4000),
  reviewed_by    varchar(64),
  reviewed_at    timestamp with time zone not null,
  primary key (change_number, review_round, reviewer_group)
);

-- What each department did to implement the change notice, per implementation round.
create table change_implementation (
  change_number        varchar(20)   not null,
  implementation_round integer       not null,
  department           varchar(64)   not null,
  record               varchar(4000),
  implemented_by       varchar(64),
  implemented_at       timestamp with time zone not null,
  primary key (change_number, implementation_round, department)
);

insert into number_counter (sequence_name, counter_year, last_value)
select 'change', y.y, 0
from (values (2024), (2025), (2026), (2027), (2028), (2029), (2030), (2031), (2032), (2033), (2034), (2035), (2036), (2037), (2038), (2039), (2040), (2041), (2042), (2043), (2044), (2045), (2046), (2047), (2048), (2049), (2050), (2051), (2052), (2053), (2054), (2055), (2056), (2057), (2058), (2059), (2060), (2061), (2062), (2063), (2064), (2065), (2066), (2067), (2068), (2069), (2070), (2071), (2072), (2073), (2074), (2075), (2076), (2077), (2078), (2079), (2080), (2081), (2082), (2083), (2084), (2085), (2086), (2087), (2088), (2089), (2090), (2091), (2092), (2093), (2094), (2095), (2096), (2097), (2098), (2099)) as y (y);
