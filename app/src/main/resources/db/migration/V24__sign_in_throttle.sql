-- Failed sign-ins, so that guessing passwords is slowed for every instance alike (security.SignInThrottle).
-- A key is a keyed hash (HMAC with a server secret) of an account's e-mail or a client's address, never
-- the e-mail or the address. failures: refused sign-ins in a row (reset an hour after the last, or by a
-- sign-in that succeeds); blocked_until: no password is checked for the key before this time.
create table sign_in_throttle (
    key_hash      bigint primary key,
    failures      integer     not null,
    last_failure  timestamptz not null,
    blocked_until timestamptz
);
create index sign_in_throttle_last on sign_in_throttle (last_failure);

-- What a school's admin sees: each failed sign-in to an account of theirs, kept 30 days. No address, no
-- password typed.
create table sign_in_failure (
    id        bigserial primary key,
    staff_id  bigint      not null references staff (id) on delete cascade,
    at        timestamptz not null,
    throttled boolean     not null
);
create index sign_in_failure_staff on sign_in_failure (staff_id, at);
