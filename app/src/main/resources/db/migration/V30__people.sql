-- A network admin may also be a person of one school: the head of a school set up on its own is both the
-- network's admin (calibration, sign-in, retention) and a leader on the school's staff (a leader code, a
-- safeguarding lead, the school's goals). School admins and teachers still always have a school.
alter table staff drop constraint staff_check;
alter table staff add constraint staff_has_school check (role = 'NETWORK_ADMIN' or school_id is not null);

-- Schools set up on their own before this: the setup made the network (named after the school), the
-- school, and the head as the network's first admin with no school. The head joins the school as a
-- leader; a roster row with their e-mail then gives them their staff id.
update staff s set school_id = lone.id, is_leader = true
from (select min(sc.id) as id, sc.network_id from school sc group by sc.network_id having count(*) = 1) lone
join school sc on sc.id = lone.id
join network n on n.id = lone.network_id
where s.network_id = lone.network_id
  and s.school_id is null
  and s.role = 'NETWORK_ADMIN'
  and sc.name = n.name
  and s.id = (select min(f.id) from staff f where f.network_id = lone.network_id and f.role = 'NETWORK_ADMIN');

-- What a school's admins changed about its people on the roster page: a staff id changed, two people
-- merged into one, one retired. Names are kept as they were, since a merged person's account is gone.
create table staff_change (
    id           bigserial primary key,
    school_id    bigint not null references school(id),
    what         text not null check (what in ('STAFF_ID', 'MERGE', 'RETIRE')),
    person_id    bigint references staff(id) on delete set null,
    person_name  text not null,
    other_name   text,
    old_ref      text,
    new_ref      text,
    done_by      bigint references staff(id) on delete set null,
    done_at      timestamptz not null
);
create index staff_change_school on staff_change (school_id, done_at desc);
