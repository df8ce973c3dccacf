-- Rosters as secondary schools have them (docs/ROSTER.md, docs/DATA-PROTECTION.md).

-- A school's pupils grouped by the classes they are in: each distinct set of classes (a pupil's home
-- group and teaching sets) with how many pupils have it. No pupil's id or name: only the set and a count.
create table pupil_pattern (
    id             bigserial primary key,
    school_id      bigint not null references school(id),
    home_class_id  bigint not null references class_group(id),
    class_ids      bigint[] not null,
    pupils         integer not null check (pupils between 0 and 5000),
    active         boolean not null default true,
    unique (school_id, class_ids)
);

-- How many pupil codes a window issued for each pattern (counts only): who was invited to answer about
-- each class and teacher. Which code is for which pattern is not here.
create table pattern_codes (
    window_id   bigint not null references survey_window(id) on delete cascade,
    pattern_id  bigint not null references pupil_pattern(id),
    codes       integer not null check (codes >= 0),
    primary key (window_id, pattern_id)
);

-- A pupil code of a pattern: the pattern sealed under the code key while the code is unused (set to null
-- when it is used); timetable says the code was one (kept, for counts).
alter table access_code add column pattern_seal bytea;
alter table access_code add column timetable boolean not null default false;
alter table purged_code add column timetable boolean not null default false;

-- The parts of a timetable pupil's submission (one per class of their pattern) waiting to be stored as
-- responses, sealed under the code key: a class's parts are released together once enough wait, or
-- when the window closes, so that no two parts of one submission are written together.
create table held_part (
    id         uuid primary key,
    window_id  bigint not null references survey_window(id) on delete cascade,
    sealed     bytea not null,
    held_on    date not null
);
create index held_part_window on held_part (window_id);

-- How many parts of timetable submissions each class of a window received (for response rates).
create table released_part (
    window_id  bigint not null references survey_window(id) on delete cascade,
    class_id   bigint not null references class_group(id),
    parts      integer not null check (parts >= 0),
    primary key (window_id, class_id)
);

-- A timetable code's draft is sealed (its plan names the pupil's teachers).
alter table survey_draft add column sealed bytea;
alter table survey_draft alter column answers drop not null;

-- The names file beside a OneRoster bundle: the name pupils see and the team, by staff id; kept across
-- re-imports of the bundle until another names file replaces it.
create table staff_label (
    school_id   bigint not null references school(id),
    staff_ref   text not null,
    pupil_name  text,
    team        text,
    primary key (school_id, staff_ref)
);
