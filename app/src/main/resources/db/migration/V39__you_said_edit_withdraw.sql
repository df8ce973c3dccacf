-- "You said, we did" can be corrected and withdrawn: one page per window, edited in place (updated_on: the day it was
-- last changed), withdrawn from the public address without being lost (withdrawn_on), and put back. A window published
-- twice before this (each publication added a page) keeps its newest page; the older ones are withdrawn, not deleted.
alter table you_said add column updated_on date;
alter table you_said add column withdrawn_on date;
update you_said y set withdrawn_on = current_date
 where exists (select 1 from you_said newer where newer.window_id = y.window_id and newer.id > y.id);
create unique index you_said_one_shown_per_window on you_said (window_id) where withdrawn_on is null;
