-- A concern that arrived while its school had no designated safeguarding lead (docs/SAFEGUARDING.md): it
-- escalates to the school's administrators at once instead of waiting for a lead nobody is, and their
-- overview and mail say why. It still goes to the lead once one is named.
alter table concern add column arrived_without_lead boolean not null default false;
