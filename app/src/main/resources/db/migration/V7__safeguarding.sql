-- Safeguarding (docs/SAFEGUARDING.md): a school's designated safeguarding leads, what its pupils
-- are told at the end of the survey about whom to talk to, the network's concern phrases per
-- language, and the comments that matched one.
create table safeguarding_lead (
    school_id  bigint not null references school(id),
    staff_id   bigint not null references staff(id),
    primary key (school_id, staff_id)
);

alter table school add column support_text text check (length(support_text) <= 1000);

-- A network's own list for a language replaces the shipped list for that language.
create table concern_phrase (
    network_id  bigint not null references network(id),
    language    text not null check (language ~ '^[a-z]{2,3}$'),
    phrase      text not null check (length(phrase) between 2 and 80),
    primary key (network_id, language, phrase)
);

-- A comment that matched a phrase: a copy of its text with the day it arrived, and no link to its
-- response, code, class, teacher or time of day.
create table concern (
    id           bigserial primary key,
    school_id    bigint not null references school(id),
    window_id    bigint not null references survey_window(id),
    body         text not null,
    phrases      text[] not null,
    arrived_on   date not null,
    reviewed_by  bigint references staff(id),
    reviewed_at  timestamptz
);
create index concern_by_school on concern (school_id, arrived_on);
