-- A network's own translation of Rapport's texts into a language, imported by a network admin from a
-- file its translators filled in: it takes the place of the bundled texts of that language for the
-- network's staff and respondents, or adds a language Rapport does not ship. Texts are stored as
-- message patterns (apostrophes doubled).
create table translation (
    network_id   bigint not null references network(id) on delete cascade,
    language     text not null,
    key          text not null,
    text         text not null,
    imported_at  timestamptz not null,
    imported_by  bigint references staff(id) on delete set null,
    primary key (network_id, language, key)
);
