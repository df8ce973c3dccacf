-- Rapport schema, version 1. Never edit once released: add V2__... instead.

create table network (
    id          bigserial primary key,
    name        text not null
);

create table school (
    id          bigserial primary key,
    network_id  bigint not null references network(id),
    name        text not null,
    unique (network_id, name)
);

-- Staff accounts. A network admin has no school; school admins (leaders) and teachers have one.
create table staff (
    id             bigserial primary key,
    network_id     bigint not null references network(id),
    school_id      bigint references school(id),
    staff_ref      text,
    email          text not null,
    display_name   text not null,
    role           text not null check (role in ('NETWORK_ADMIN', 'SCHOOL_ADMIN', 'TEACHER')),
    is_leader      boolean not null default false,
    password_hash  text,
    active         boolean not null default true,
    check ((role = 'NETWORK_ADMIN') = (school_id is null))
);
create unique index staff_email_key on staff (lower(email));
create unique index staff_ref_key on staff (school_id, staff_ref);

create table class_group (
    id           bigserial primary key,
    school_id    bigint not null references school(id),
    class_ref    text not null,
    name         text not null,
    year_group   text,
    pupils       integer not null check (pupils between 0 and 200),
    active       boolean not null default true,
    unique (school_id, class_ref)
);

create table teaching (
    class_id   bigint not null references class_group(id) on delete cascade,
    staff_id   bigint not null references staff(id),
    subject    text,
    primary key (class_id, staff_id)
);

create table survey_window (
    id            bigserial primary key,
    school_id     bigint not null references school(id),
    name          text not null,
    status        text not null default 'DRAFT' check (status in ('DRAFT', 'OPEN', 'CLOSED')),
    item_bank     text not null,
    opened_on     date,
    closed_on     date,
    unique (school_id, name)
);

-- A single-use access code. Only a keyed hash of the code is kept; which person got it is never stored.
-- "used" carries no time and no link to the response the code produced.
create table access_code (
    code_hash        bytea primary key,
    window_id        bigint not null references survey_window(id) on delete cascade,
    respondent_role  text not null check (respondent_role in ('PUPIL', 'PARENT', 'TEACHER', 'LEADER')),
    class_id         bigint references class_group(id),
    used             boolean not null default false,
    check ((respondent_role in ('PUPIL', 'PARENT')) = (class_id is not null))
);
create index access_code_window on access_code (window_id, respondent_role, class_id);

-- Answers saved while a survey is in progress, so that it can be resumed; deleted on submission.
create table survey_draft (
    code_hash    bytea primary key references access_code(code_hash) on delete cascade,
    answers      jsonb not null,
    saved_on     date not null
);

-- A submitted questionnaire: no IP, no user agent, no time finer than the day, no link to its code.
create table response (
    id               uuid primary key,
    window_id        bigint not null references survey_window(id) on delete cascade,
    respondent_role  text not null,
    class_id         bigint references class_group(id),
    submitted_on     date not null
);
create index response_window on response (window_id);

create table answer (
    response_id   uuid not null references response(id) on delete cascade,
    item_id       text not null,
    target_staff  bigint references staff(id),
    value         smallint not null check (value between 0 and 9)
);
create unique index answer_key on answer (response_id, item_id, coalesce(target_staff, 0));
create index answer_target on answer (target_staff);

-- What a submission was acknowledged with, by its client-generated idempotency key, so a retry gets
-- the same acknowledgement. Holds no answers and no response id.
create table submission_receipt (
    idempotency_key  text primary key,
    code_hash        bytea not null,
    receipt          text not null,
    received_on      date not null
);

-- Server secrets generated at first start when none is configured.
create table app_secret (
    name   text primary key,
    value  text not null
);
