-- Numbers taken from number_counter but not (yet) used by a committed record (issue 21). The
-- counter's row lock is held only by a short transaction of its own (numbering/ReadableNumbers),
-- which adds a row here; the transaction that uses the number deletes the row, so its commit
-- makes the number final and its rollback brings the row back for the next allocation, which
-- takes the lowest free number of the sequence and year first: numbers stay gapless without
-- holding the counter's lock for the whole intake.
-- reserved_at: when the number was last handed out; a row older than the lease that no
-- transaction holds locked is free (a node that crashed mid-intake gives its number back after
-- the lease, a rolled-back intake at once: reserved_at is set to 1970). A row of a past year is
-- a number that was never used (docs/registers.md, "Unused numbers").
-- Portable SQL: H2 2.x and PostgreSQL.
create table number_reservation (
  sequence_name varchar(30)              not null,
  counter_year  integer                  not null,
  number_value  integer                  not null,
  reserved_at   timestamp with time zone not null,
  primary key (sequence_name, counter_year, number_value)
);
