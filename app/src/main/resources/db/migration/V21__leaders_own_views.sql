-- Own views for any relationship: a teacher's about how their pupils see them (PUPIL_TEACHER), a
-- leader's about how their staff see them (TEACHER_LEADERS) and about where the school stands on each
-- other relationship.
alter table self_view add column relationship text not null default 'PUPIL_TEACHER';
alter table self_view drop constraint self_view_pkey;
alter table self_view add primary key (teacher_id, window_id, relationship);
