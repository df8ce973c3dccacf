-- "You said, we did": what a school's leaders heard in a window (references to results the privacy
-- engine released, shown afresh on every view, never copied numbers), what they will do and by when,
-- published at the school's public address (a random key, so schools cannot be listed by counting).
alter table school add column public_key text unique;
create table you_said (
    id            bigserial primary key,
    school_id     bigint not null references school(id) on delete cascade,
    window_id     bigint not null references survey_window(id) on delete cascade,
    heard         text not null,
    we_will       text not null check (length(we_will) between 1 and 3000),
    by_when       text not null check (length(by_when) between 1 and 80),
    published_on  date not null,
    published_by  bigint references staff(id) on delete set null
);
create index you_said_school on you_said (school_id, published_on desc);
