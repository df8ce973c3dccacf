-- What a school's pupils are told about whom to talk to, in one language: shown to pupils who take the survey in that
-- language. school.support_text stays the text for every language without one of its own. Gone with the school.
create table school_support_text (
    school_id  bigint not null references school(id) on delete cascade,
    language   text not null check (language ~ '^[a-z]{2,3}$'),
    text       text not null check (length(text) between 1 and 1000),
    primary key (school_id, language)
);
