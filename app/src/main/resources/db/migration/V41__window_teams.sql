-- Each window's teams as they were when it opened: a window's team results always pool the same
-- teachers, whatever staff files come later. Measured on today's teams, a team re-formed between two
-- looks at a past window let its members subtract one colleague's result from the pooled one.
create table window_team (
    window_id  bigint not null references survey_window(id) on delete cascade,
    staff_id   bigint not null references staff(id) on delete cascade,
    team_id    bigint not null,
    school_id  bigint not null references school(id) on delete cascade,
    primary key (window_id, staff_id)
);
create index window_team_team on window_team (team_id);
-- windows opened before this: their teams as they are now, the best there is
insert into window_team (window_id, staff_id, team_id, school_id)
select w.id, s.id, t.id, t.school_id
from survey_window w join team t on t.school_id = w.school_id join staff s on s.team_id = t.id
where w.status <> 'DRAFT';
