-- Safeguarding alerts (docs/SAFEGUARDING.md): each new concern is e-mailed to the school's leads, and
-- escalated to the school's admins when nobody has reviewed it after the school's set time.

-- Whether the leads were told of the concern by e-mail (false until a mail went out: retried until it does).
alter table concern add column leads_mailed boolean not null default false;
-- When the concern escalates if still not reviewed: the arrival plus the school's escalation time, rounded
-- up to the hour. Cleared (null) once it is reviewed or has escalated, so that only the day stays.
alter table concern add column escalate_at timestamptz;
-- The day it escalated (null: not, or not yet), and whether the admins were told by e-mail.
alter table concern add column escalated_on date;
alter table concern add column admins_mailed boolean not null default false;

-- Concerns that arrived before this version and are still waiting escalate from the day after their arrival.
update concern set escalate_at = (arrived_on + 1)::timestamp at time zone 'UTC' where reviewed_at is null;

create index concern_pending on concern (school_id) where reviewed_at is null;

-- A school's own escalation time; a school without a row uses rapport.concern-escalation-hours (24).
create table safeguarding_setting (
    school_id             bigint primary key references school(id),
    escalate_after_hours  integer not null check (escalate_after_hours between 1 and 168)
);
