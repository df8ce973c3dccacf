-- Whether a view of a teacher's report showed any of their results. A teacher's own view of how their pupils see
-- them is fixed once they have seen their results, not once they opened a report that had none yet (an open
-- window). Views logged before this column are taken as having shown results, as they were treated.
alter table report_view add column with_results boolean not null default true;
alter table report_view alter column with_results set default false;
