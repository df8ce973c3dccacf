-- Who was e-mailed which staff code, kept only so that a reminder reaches those whose code is unused:
-- a row goes when its code is used (in the submission's own transaction), when its window closes, and
-- with its code. The code is sealed (AES-GCM, a key the server keeps), never shown, never linked to a
-- response.
create table code_recipient (
    code_hash    bytea primary key references access_code(code_hash) on delete cascade,
    window_id    bigint not null references survey_window(id) on delete cascade,
    staff_id     bigint not null references staff(id) on delete cascade,
    sealed_code  bytea not null,
    reminded_on  date
);
create index code_recipient_window on code_recipient (window_id);
