-- A team's goal, set by one of its teachers for the team, on how the team's pupils see its teachers.
alter table goal add column team_id bigint references team(id) on delete cascade;
alter table goal add constraint goal_one_owner check (teacher_id is null or team_id is null);
create index goal_team on goal (team_id);
