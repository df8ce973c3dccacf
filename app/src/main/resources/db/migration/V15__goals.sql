-- Improvement goals, in the owner's own words: a teacher's (private to them unless shared), or a
-- school's (set by its admins). Each picks one relationship (and optionally one facet of it), the
-- window whose results it starts from, and the name of the window that will tell.
create table goal (
    id                 bigserial primary key,
    school_id          bigint not null references school(id) on delete cascade,
    teacher_id         bigint references staff(id) on delete cascade,
    relationship       text not null,
    facet              text,
    plan               text not null check (length(plan) between 1 and 2000),
    baseline_window    text not null,
    evaluation_window  text not null,
    shared             boolean not null default false,
    created_by         bigint references staff(id) on delete set null,
    created_on         date not null
);
create index goal_school on goal (school_id);
create index goal_teacher on goal (teacher_id);
