-- The customer page's feedback history, paged newest first (issue 21 point 4): each section reads one
-- page of the customer's rows in the order of an index (scanned backwards for newest first) and counts
-- them from it, instead of reading and sorting every row of the customer (a tier-A customer has
-- about 8,300 complaints at 220,000, 40,000 at 1,000,000). complaint_customer_defect (V3) starts
-- with the customer but is ordered by defect first, so it cannot give the page's order.
-- Portable SQL: H2 2.x and PostgreSQL.
create index complaint_customer_received on complaint (customer_code, received_at, complaint_number);
create index change_request_customer_raised on change_request (customer_code, raised_at, change_number);
create index satisfaction_survey_customer on satisfaction_survey (customer_code, surveyed_at);
