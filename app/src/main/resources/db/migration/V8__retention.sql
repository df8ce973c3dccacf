-- Deletion and retention (docs/DATA-PROTECTION.md).

-- The day a window's raw answers were deleted; its released results live on in frozen_result.
alter table survey_window add column raw_deleted_on date;

-- Raw answers are deleted this many days after a window closes (null: kept until a school deletes them).
alter table network add column retention_days integer default 730 check (retention_days is null or retention_days between 30 and 3650);

-- Unused codes purged after a window closed, kept as counts so that response rates stay right.
create table purged_code (
    window_id        bigint not null references survey_window(id) on delete cascade,
    respondent_role  text not null,
    class_id         bigint references class_group(id),
    codes            integer not null check (codes > 0)
);
create index purged_code_window on purged_code (window_id);

-- A wave's results as shown when raw answers of it were first deleted: from then on read from here,
-- never released again (so nothing later can be differenced against deleted answers).
create table frozen_result (
    network_id      bigint not null references network(id),
    window_name     text not null,
    calibration_id  bigint not null references calibration(id),
    scale           text not null,
    results         jsonb not null,
    frozen_at       timestamptz not null default now(),
    primary key (network_id, window_name, scale)
);

-- Every deletion: what, how many rows, when and by whom (null: the retention job).
create table deletion_log (
    id          bigserial primary key,
    network_id  bigint not null references network(id),
    school_id   bigint references school(id),
    window_id   bigint references survey_window(id),
    what        text not null,
    counts      jsonb not null,
    deleted_by  bigint references staff(id),
    deleted_at  timestamptz not null default now()
);
create index deletion_log_network on deletion_log (network_id, deleted_at);
