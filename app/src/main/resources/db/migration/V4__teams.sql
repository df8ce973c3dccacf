-- Teams of staff (a department, a year team), named by the school in its staff file. Pupils'
-- feedback about a team's teachers is measured as one group, shown unnamed beside the others.
create table team (
    id         bigserial primary key,
    school_id  bigint not null references school(id),
    name       text not null check (length(name) between 1 and 60),
    unique (school_id, name)
);
alter table staff add column team_id bigint references team(id);
