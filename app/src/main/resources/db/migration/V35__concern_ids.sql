-- A concern's id says nothing of when it arrived (docs/SAFEGUARDING.md): concerns are listed by text, never by
-- arrival, and ids drawn in sequence gave the order back to anyone reading the list later. Ids are drawn at random
-- (2^53 values: a repeat is as good as impossible, and the primary key would refuse it), and those given before are
-- drawn again (nothing refers to a concern's id but its own row and the lead's links to it).
alter table concern alter column id set default (1 + floor(random() * 9007199254740990))::bigint;
update concern set id = (1 + floor(random() * 9007199254740990))::bigint;
drop sequence if exists concern_id_seq;
