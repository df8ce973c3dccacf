-- A window's life (docs/OPERATIONS.md, "A window's life"): when it closed, to the second, so that it can
-- be reopened for a set time after; and when its school's results were first shown after it closed,
-- after which it cannot be reopened (what people read would change under them, and the leadership
-- team's views, shown once a window closes, could be differenced by one more view).
alter table survey_window add column closed_at timestamptz;
alter table survey_window add column results_seen_at timestamptz;

-- Windows closed before this migration: closed at the start of their closing day. Whether their results
-- were seen is not known exactly; a view logged of a teacher's report, or any group of their round shown,
-- on or after the closing day counts as seen, so that no window is reopened under someone who has read it.
update survey_window set closed_at = closed_on::timestamptz where status = 'CLOSED' and closed_on is not null;
update survey_window w set results_seen_at = w.closed_at
where w.status = 'CLOSED' and w.closed_on is not null and (
    exists (select 1 from report_view v where v.window_id = w.id and v.viewed_at >= w.closed_on::timestamptz)
    or exists (select 1 from group_release g join school s on s.network_id = g.network_id
               where s.id = w.school_id and g.window_name = w.name and g.released_on >= w.closed_on)
    or w.raw_deleted_on is not null);
