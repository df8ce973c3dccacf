-- A network may switch password sign-in off, so that its staff sign in with their organisation's
-- account (OpenID Connect) only.
alter table network add column password_sign_in boolean not null default true;
