-- Reports read responses in batches: a report stamps every response not yet seen with the next batch
-- number (under the wave's lock), so that "every member of a group up to batch w" names exactly the
-- members a report showed. The release ledger then keeps a watermark per shown group instead of its
-- member list, and group statistics are kept per batch and updated by the new batches only.
create sequence report_batch_seq;

-- One row per response, written in the submission's transaction; batch is null until a report stamps it.
create table response_batch (
    response_id  uuid primary key references response(id) on delete cascade,
    window_id    bigint not null references survey_window(id) on delete cascade,
    class_id     bigint,
    batch        bigint
);
create index response_batch_window on response_batch (window_id, batch);

-- Each response's anchored measures on one calibration's scales, computed once (at submission, at
-- calibration, or on first use) and packed: per block (a teacher, or none) and scale, points, standard
-- error and counts of each answer value.
create table response_score (
    calibration_id  bigint not null references calibration(id) on delete cascade,
    response_id     uuid not null references response(id) on delete cascade,
    blocks          bytea not null,
    primary key (calibration_id, response_id)
);

-- Every group shown: its key, the batch up to which its members were shown, and for groups whose key
-- does not say who is in them (a team, whose teachers can change) the teachers it was made of.
create table group_release (
    id            bigserial primary key,
    network_id    bigint not null references network(id),
    window_name   text not null,
    relationship  text not null,
    group_key     text not null,
    watermark     bigint not null,
    definition    bigint[],
    respondents   integer not null,
    released_on   date not null
);
create index group_release_scope on group_release (network_id, window_name, relationship);

-- The old ledger, carried over exactly: a response's batch is the first ledger entry that showed it,
-- so each entry's members are precisely its group's members up to the entry's id (the old engine built
-- every group from all answers present at the time).
insert into response_batch (response_id, window_id, class_id, batch)
select r.id, r.window_id, r.class_id, f.first
from response r
left join (select split_part(m, '/', 1)::uuid as response_id, min(l.id) as first
           from release_ledger l, unnest(l.members) m group by 1) f on f.response_id = r.id;

insert into group_release (network_id, window_name, relationship, group_key, watermark, definition, respondents, released_on)
select l.network_id, l.window_name, l.relationship, l.group_key, l.id,
       case when l.group_key like 'team:%' then
           (select array_agg(distinct split_part(m, '/', 2)::bigint) from unnest(l.members) m where split_part(m, '/', 2) <> '')
       end,
       l.respondents, l.released_on
from release_ledger l order by l.id;

select setval('report_batch_seq', (select coalesce(max(id), 0) + 1 from release_ledger));

drop table release_ledger;
