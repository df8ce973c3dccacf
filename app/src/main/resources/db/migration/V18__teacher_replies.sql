-- A teacher's short reply to their classes after a window's results ("you told me…, so I will…"),
-- shown to their pupils in the blocks about them when they next open a survey.
create table teacher_reply (
    teacher_id  bigint not null references staff(id) on delete cascade,
    window_id   bigint not null references survey_window(id) on delete cascade,
    text        text not null check (length(text) between 1 and 600),
    saved_on    date not null,
    primary key (teacher_id, window_id)
);
