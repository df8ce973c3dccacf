-- Single-use links to set up Rapport, to accept an invitation and to reset a password. Only a hash
-- of each token is kept; a used token is deleted.
create table account_token (
    token_hash  bytea primary key,
    purpose     text not null check (purpose in ('SETUP', 'INVITE', 'RESET')),
    staff_id    bigint references staff(id) on delete cascade,
    expires_at  timestamptz,
    created_at  timestamptz not null default now(),
    check ((purpose = 'SETUP') = (staff_id is null))
);
create index account_token_staff on account_token (staff_id);
