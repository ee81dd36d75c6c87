-- Working-day business calendar for complaint deadlines (com.qmsflow.calendar.BusinessCalendar).
-- Portable SQL: runs on H2 2.x and PostgreSQL 15+.
--
-- A day is a working day when it is Monday-Friday, unless a row says otherwise:
--   HOLIDAY  the day is off (statutory holiday or compensatory day off);
--   WORKDAY  a Saturday or Sunday that is an officially swapped working day (调休上班).
-- Convention used for the seed data: every day of an official holiday period gets a HOLIDAY row,
-- including the Saturdays and Sundays inside the period (redundant but harmless, and the table then
-- reads like the State Council notice); every swapped working weekend day gets a WORKDAY row.
-- Check per year: weekday HOLIDAY rows minus WORKDAY rows = 13 statutory days (since 2025).
-- A year with no row at all is unknown: the application falls back to plain weekends and logs a WARN.
--
-- Note: DAY is a reserved word in H2, so the column must always be written quoted and in lower
-- case: "day" (PostgreSQL accepts that spelling as well).
--
-- Data is maintained by the operator through /api/calendar (PUT/DELETE /api/calendar/days/{date}).

create table calendar_day (
  "day"       date         primary key,
  kind        varchar(10)  not null,
  name        varchar(100) not null,
  provisional boolean      default false not null,
  constraint calendar_day_kind check (kind in ('HOLIDAY', 'WORKDAY'))
);

-- =================================================================================================
-- 2025: official schedule (国务院办公厅关于2025年部分节假日安排的通知)
-- =================================================================================================

-- New Year's Day: Jan 1 (Wed)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-01-01', 'HOLIDAY', '元旦 New Year', false);  -- Wed

-- Spring Festival: Jan 28 (Tue) - Feb 4 (Tue); work Sun Jan 26 and Sat Feb 8
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-01-26', 'WORKDAY', '春节调休上班 Spring Festival working day', false),  -- Sun
  (date '2025-01-28', 'HOLIDAY', '春节 Spring Festival', false),  -- Tue
  (date '2025-01-29', 'HOLIDAY', '春节 Spring Festival', false),  -- Wed
  (date '2025-01-30', 'HOLIDAY', '春节 Spring Festival', false),  -- Thu
  (date '2025-01-31', 'HOLIDAY', '春节 Spring Festival', false),  -- Fri
  (date '2025-02-01', 'HOLIDAY', '春节 Spring Festival', false),  -- Sat
  (date '2025-02-02', 'HOLIDAY', '春节 Spring Festival', false),  -- Sun
  (date '2025-02-03', 'HOLIDAY', '春节 Spring Festival', false),  -- Mon
  (date '2025-02-04', 'HOLIDAY', '春节 Spring Festival', false),  -- Tue
  (date '2025-02-08', 'WORKDAY', '春节调休上班 Spring Festival working day', false);  -- Sat

-- Qingming: Apr 4 (Fri) - Apr 6 (Sun)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-04-04', 'HOLIDAY', '清明节 Qingming Festival', false),  -- Fri
  (date '2025-04-05', 'HOLIDAY', '清明节 Qingming Festival', false),  -- Sat
  (date '2025-04-06', 'HOLIDAY', '清明节 Qingming Festival', false);  -- Sun

-- Labour Day: May 1 (Thu) - May 5 (Mon); work Sun Apr 27
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-04-27', 'WORKDAY', '劳动节调休上班 Labour Day working day', false),  -- Sun
  (date '2025-05-01', 'HOLIDAY', '劳动节 Labour Day', false),  -- Thu
  (date '2025-05-02', 'HOLIDAY', '劳动节 Labour Day', false),  -- Fri
  (date '2025-05-03', 'HOLIDAY', '劳动节 Labour Day', false),  -- Sat
  (date '2025-05-04', 'HOLIDAY', '劳动节 Labour Day', false),  -- Sun
  (date '2025-05-05', 'HOLIDAY', '劳动节 Labour Day', false);  -- Mon

-- Dragon Boat: May 31 (Sat) - Jun 2 (Mon)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-05-31', 'HOLIDAY', '端午节 Dragon Boat Festival', false),  -- Sat
  (date '2025-06-01', 'HOLIDAY', '端午节 Dragon Boat Festival', false),  -- Sun
  (date '2025-06-02', 'HOLIDAY', '端午节 Dragon Boat Festival', false);  -- Mon

-- National Day and Mid-Autumn: Oct 1 (Wed) - Oct 8 (Wed); work Sun Sep 28 and Sat Oct 11
insert into calendar_day ("day", kind, name, provisional) values
  (date '2025-09-28', 'WORKDAY', '国庆节、中秋节调休上班 National Day and Mid-Autumn Festival working day', false),  -- Sun
  (date '2025-10-01', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Wed
  (date '2025-10-02', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Thu
  (date '2025-10-03', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Fri
  (date '2025-10-04', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Sat
  (date '2025-10-05', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Sun
  (date '2025-10-06', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Mon
  (date '2025-10-07', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Tue
  (date '2025-10-08', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn Festival', false),  -- Wed
  (date '2025-10-11', 'WORKDAY', '国庆节、中秋节调休上班 National Day and Mid-Autumn Festival working day', false);  -- Sat

-- =================================================================================================
-- 2026: official schedule (国务院办公厅关于2026年部分节假日安排的通知)
-- =================================================================================================

-- New Year's Day: Jan 1 (Thu) - Jan 3 (Sat); work Sun Jan 4
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-01-01', 'HOLIDAY', '元旦 New Year', false),  -- Thu
  (date '2026-01-02', 'HOLIDAY', '元旦 New Year', false),  -- Fri
  (date '2026-01-03', 'HOLIDAY', '元旦 New Year', false),  -- Sat
  (date '2026-01-04', 'WORKDAY', '元旦调休上班 New Year working day', false);  -- Sun

-- Spring Festival: Feb 15 (Sun) - Feb 23 (Mon); work Sat Feb 14 and Sat Feb 28
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-02-14', 'WORKDAY', '春节调休上班 Spring Festival working day', false),  -- Sat
  (date '2026-02-15', 'HOLIDAY', '春节 Spring Festival', false),  -- Sun
  (date '2026-02-16', 'HOLIDAY', '春节 Spring Festival', false),  -- Mon
  (date '2026-02-17', 'HOLIDAY', '春节 Spring Festival', false),  -- Tue
  (date '2026-02-18', 'HOLIDAY', '春节 Spring Festival', false),  -- Wed
  (date '2026-02-19', 'HOLIDAY', '春节 Spring Festival', false),  -- Thu
  (date '2026-02-20', 'HOLIDAY', '春节 Spring Festival', false),  -- Fri
  (date '2026-02-21', 'HOLIDAY', '春节 Spring Festival', false),  -- Sat
  (date '2026-02-22', 'HOLIDAY', '春节 Spring Festival', false),  -- Sun
  (date '2026-02-23', 'HOLIDAY', '春节 Spring Festival', false),  -- Mon
  (date '2026-02-28', 'WORKDAY', '春节调休上班 Spring Festival working day', false);  -- Sat

-- Qingming: Apr 4 (Sat) - Apr 6 (Mon)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-04-04', 'HOLIDAY', '清明节 Qingming Festival', false),  -- Sat
  (date '2026-04-05', 'HOLIDAY', '清明节 Qingming Festival', false),  -- Sun
  (date '2026-04-06', 'HOLIDAY', '清明节 Qingming Festival', false);  -- Mon

-- Labour Day: May 1 (Fri) - May 5 (Tue); work Sat May 9
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-05-01', 'HOLIDAY', '劳动节 Labour Day', false),  -- Fri
  (date '2026-05-02', 'HOLIDAY', '劳动节 Labour Day', false),  -- Sat
  (date '2026-05-03', 'HOLIDAY', '劳动节 Labour Day', false),  -- Sun
  (date '2026-05-04', 'HOLIDAY', '劳动节 Labour Day', false),  -- Mon
  (date '2026-05-05', 'HOLIDAY', '劳动节 Labour Day', false),  -- Tue
  (date '2026-05-09', 'WORKDAY', '劳动节调休上班 Labour Day working day', false);  -- Sat

-- Dragon Boat: Jun 19 (Fri) - Jun 21 (Sun)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-06-19', 'HOLIDAY', '端午节 Dragon Boat Festival', false),  -- Fri
  (date '2026-06-20', 'HOLIDAY', '端午节 Dragon Boat Festival', false),  -- Sat
  (date '2026-06-21', 'HOLIDAY', '端午节 Dragon Boat Festival', false);  -- Sun

-- Mid-Autumn: Sep 25 (Fri) - Sep 27 (Sun)
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-09-25', 'HOLIDAY', '中秋节 Mid-Autumn Festival', false),  -- Fri
  (date '2026-09-26', 'HOLIDAY', '中秋节 Mid-Autumn Festival', false),  -- Sat
  (date '2026-09-27', 'HOLIDAY', '中秋节 Mid-Autumn Festival', false);  -- Sun

-- National Day: Oct 1 (Thu) - Oct 7 (Wed); work Sun Sep 20 and Sat Oct 10
insert into calendar_day ("day", kind, name, provisional) values
  (date '2026-09-20', 'WORKDAY', '国庆节调休上班 National Day working day', false),  -- Sun
  (date '2026-10-01', 'HOLIDAY', '国庆节 National Day', false),  -- Thu
  (date '2026-10-02', 'HOLIDAY', '国庆节 National Day', false),  -- Fri
  (date '2026-10-03', 'HOLIDAY', '国庆节 National Day', false),  -- Sat
  (date '2026-10-04', 'HOLIDAY', '国庆节 National Day', false),  -- Sun
  (date '2026-10-05', 'HOLIDAY', '国庆节 National Day', false),  -- Mon
  (date '2026-10-06', 'HOLIDAY', '国庆节 National Day', false),  -- Tue
  (date '2026-10-07', 'HOLIDAY', '国庆节 National Day', false),  -- Wed
  (date '2026-10-10', 'WORKDAY', '国庆节调休上班 National Day working day', false);  -- Sat

-- =================================================================================================
-- 2027: PROVISIONAL (provisional = true). The official State Council notice for 2027 was not known
-- when this migration was written. The rows below are an estimate derived from the fixed and lunar
-- dates (Spring Festival Feb 6, Qingming Apr 5, Dragon Boat Jun 9, Mid-Autumn Sep 15, 2027) and the
-- usual pattern (2027 has the same weekdays as 2021). THE OPERATOR MUST REPLACE THEM WITH THE
-- OFFICIAL NOTICE (国务院办公厅关于2027年部分节假日安排的通知, usually published in November of the
-- previous year): DELETE the rows that do not match and PUT every official day through
-- /api/calendar/days/{date}; a row written through the API is stored with provisional = false.
-- Until then the application logs a WARN when it uses 2027 data.
-- =================================================================================================

-- New Year's Day: Jan 1 (Fri) - Jan 3 (Sun), no swap
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-01-01', 'HOLIDAY', '元旦 New Year', true),  -- Fri
  (date '2027-01-02', 'HOLIDAY', '元旦 New Year', true),  -- Sat
  (date '2027-01-03', 'HOLIDAY', '元旦 New Year', true);  -- Sun

-- Spring Festival: Eve Feb 5 (Fri), New Year's Day Feb 6 (Sat). Guess: Feb 5 - Feb 11 (Thu); work Sat Feb 20
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-02-05', 'HOLIDAY', '春节 Spring Festival', true),  -- Fri
  (date '2027-02-06', 'HOLIDAY', '春节 Spring Festival', true),  -- Sat
  (date '2027-02-07', 'HOLIDAY', '春节 Spring Festival', true),  -- Sun
  (date '2027-02-08', 'HOLIDAY', '春节 Spring Festival', true),  -- Mon
  (date '2027-02-09', 'HOLIDAY', '春节 Spring Festival', true),  -- Tue
  (date '2027-02-10', 'HOLIDAY', '春节 Spring Festival', true),  -- Wed
  (date '2027-02-11', 'HOLIDAY', '春节 Spring Festival', true),  -- Thu
  (date '2027-02-20', 'WORKDAY', '春节调休上班 Spring Festival working day', true);  -- Sat

-- Qingming: Apr 5 (Mon). Guess: Apr 3 (Sat) - Apr 5 (Mon), no swap
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-04-03', 'HOLIDAY', '清明节 Qingming Festival', true),  -- Sat
  (date '2027-04-04', 'HOLIDAY', '清明节 Qingming Festival', true),  -- Sun
  (date '2027-04-05', 'HOLIDAY', '清明节 Qingming Festival', true);  -- Mon

-- Labour Day: Guess: May 1 (Sat) - May 5 (Wed); work Sat May 8
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-05-01', 'HOLIDAY', '劳动节 Labour Day', true),  -- Sat
  (date '2027-05-02', 'HOLIDAY', '劳动节 Labour Day', true),  -- Sun
  (date '2027-05-03', 'HOLIDAY', '劳动节 Labour Day', true),  -- Mon
  (date '2027-05-04', 'HOLIDAY', '劳动节 Labour Day', true),  -- Tue
  (date '2027-05-05', 'HOLIDAY', '劳动节 Labour Day', true),  -- Wed
  (date '2027-05-08', 'WORKDAY', '劳动节调休上班 Labour Day working day', true);  -- Sat

-- Dragon Boat: Jun 9 (Wed). Guess: that day only
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-06-09', 'HOLIDAY', '端午节 Dragon Boat Festival', true);  -- Wed

-- Mid-Autumn: Sep 15 (Wed). Guess: that day only
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-09-15', 'HOLIDAY', '中秋节 Mid-Autumn Festival', true);  -- Wed

-- National Day: Guess: Oct 1 (Fri) - Oct 7 (Thu); work Sun Sep 26 and Sat Oct 9
insert into calendar_day ("day", kind, name, provisional) values
  (date '2027-09-26', 'WORKDAY', '国庆节调休上班 National Day working day', true),  -- Sun
  (date '2027-10-01', 'HOLIDAY', '国庆节 National Day', true),  -- Fri
  (date '2027-10-02', 'HOLIDAY', '国庆节 National Day', true),  -- Sat
  (date '2027-10-03', 'HOLIDAY', '国庆节 National Day', true),  -- Sun
  (date '2027-10-04', 'HOLIDAY', '国庆节 National Day', true),  -- Mon
  (date '2027-10-05', 'HOLIDAY', '国庆节 National Day', true),  -- Tue
  (date '2027-10-06', 'HOLIDAY', '国庆节 National Day', true),  -- Wed
  (date '2027-10-07', 'HOLIDAY', '国庆节 National Day', true),  -- Thu
  (date '2027-10-09', 'WORKDAY', '国庆节调休上班 National Day working day', true);  -- Sat
