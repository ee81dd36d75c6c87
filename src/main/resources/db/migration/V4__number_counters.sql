-- Counters of the readable numbers (CC-<year>-<6 digits> for complaints, 8D-<year>-<4 digits> for 8D
-- reports), one row per sequence and year, created up front: the first two numbers of a new year must
-- not race to insert the row (the loser's transaction would fail).
create table number_counter (
  sequence_name varchar(30) not null,
  counter_year  integer     not null,
  last_value    integer     not null,
  primary key (sequence_name, counter_year)
);

insert into number_counter (sequence_name, counter_year, last_value)
select s.name, y.y, 0
from (values ('complaint'), ('corrective-action')) as s (name)
cross join (values (2024), (2025), (2026), (2027), (2028), (2029), (2030), (2031), (2032), (2033), (2034), (2035), (2036), (2037), (2038), (2039), (2040), (2041), (2042), (2043), (2044), (2045), (2046), (2047), (2048), (2049), (2050), (2051), (2052), (2053), (2054), (2055), (2056), (2057), (2058), (2059), (2060), (2061), (2062), (2063), (2064), (2065), (2066), (2067), (2068), (2069), (2070), (2071), (2072), (2073), (2074), (2075), (2076), (2077), (2078), (2079), (2080), (2081), (2082), (2083), (2084), (2085), (2086), (2087), (2088), (2089), (2090), (2091), (2092), (2093), (2094), (2095), (2096), (2097), (2098), (2099)) as y (y);
