-- A teacher's own view: the pupil questions about them answered as they think their pupils will, before
-- they first open that window's results; private to the teacher.
create table self_view (
    teacher_id  bigint not null references staff(id) on delete cascade,
    window_id   bigint not null references survey_window(id) on delete cascade,
    answers     jsonb not null,
    saved_on    date not null,
    primary key (teacher_id, window_id)
);
