-- A timetable pupil's part of a class other than their home group is withheld, kept sealed and never counted, when
-- fewer than k pupils of that home group sent in the window (docs/DATA-PROTECTION.md): a home group's count is shown
-- as it grows, so anything counted of its few senders' other classes would say which of its pupils they are.
-- Deleted with the window's raw answers, as every held part is.
alter table held_part add column withheld boolean not null default false;
