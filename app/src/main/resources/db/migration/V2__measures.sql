-- Rasch calibrations, the privacy engine's release ledger, teacher-report sharing and its audit log.

-- One calibration of a network's scales on the pooled answers of a reference window (by name, across
-- the network's schools). Later windows are scored on the active calibration's anchored parameters.
create table calibration (
    id                bigserial primary key,
    network_id        bigint not null references network(id),
    version           integer not null,
    reference_window  text not null,
    item_bank         text not null,
    created_on        date not null,
    active            boolean not null default true,
    unique (network_id, version)
);
create unique index calibration_active on calibration (network_id) where active;

-- A scale is a relationship (all its items: the arrow of the trust map) or one facet of it.
create table scale_calibration (
    calibration_id  bigint not null references calibration(id) on delete cascade,
    scale           text not null,
    status          text not null check (status in ('CALIBRATED', 'FAILED')),
    problem         text,
    persons         integer not null,
    reference_mean  double precision,
    reference_sd    double precision,
    reliability     double precision,
    primary key (calibration_id, scale)
);

create table item_calibration (
    calibration_id  bigint not null,
    scale           text not null,
    item_id         text not null,
    thresholds      double precision[] not null,
    standard_errors double precision[] not null,
    -- answer value 0..4 -> model category: categories nobody used in the reference are merged with a neighbour
    categories      smallint[] not null,
    primary key (calibration_id, scale, item_id),
    foreign key (calibration_id, scale) references scale_calibration(calibration_id, scale) on delete cascade
);

-- Every group whose results have been shown, with exactly who was in it, so that no later answer can
-- be combined with it to single out a small group (differencing). One ledger per network, window name
-- and relationship, since network results pool the schools' windows of one name. Members are response
-- ids, with the teacher's id for per-teacher relationships.
create table release_ledger (
    id            bigserial primary key,
    network_id    bigint not null references network(id),
    window_name   text not null,
    relationship  text not null,
    group_key     text not null,
    members       text[] not null,
    respondents   integer not null,
    released_on   date not null
);
create index release_ledger_scope on release_ledger (network_id, window_name, relationship);

-- A teacher's choice to show their pupil feedback of a window to their school's leaders.
create table report_share (
    teacher_id  bigint not null references staff(id),
    window_id   bigint not null references survey_window(id) on delete cascade,
    shared_on   date not null,
    primary key (teacher_id, window_id)
);

-- Every view of a teacher's private report, by anyone, the teacher included. The teacher reads it.
create table report_view (
    id          bigserial primary key,
    teacher_id  bigint not null references staff(id),
    window_id   bigint not null references survey_window(id) on delete cascade,
    viewer_id   bigint not null references staff(id),
    channel     text not null check (channel in ('PAGE', 'API', 'CSV')),
    viewed_at   timestamptz not null default now()
);
create index report_view_teacher on report_view (teacher_id, window_id);
