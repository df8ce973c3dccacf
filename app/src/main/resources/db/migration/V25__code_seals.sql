-- An unused code kept sealed (AES-GCM with a key the server keeps, access.CodeSeal), so that printing a
-- group's slips, letters or e-mails again gives the same codes instead of voiding the ones already handed
-- out. The seal goes in the statement that uses the code, when the window closes, and with the code when
-- unused codes are purged; a used code never has one. Codes made before this had none: they still work,
-- but cannot be shown again.
alter table access_code add column sealed_code bytea;
alter table access_code add constraint access_code_used_unsealed check (not used or sealed_code is null);
