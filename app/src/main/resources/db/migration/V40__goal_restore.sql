-- A deleted goal can be put back: deleting marks the day, the goal leaves every list and count, and
-- its owner can restore it for 30 days; after that it is removed for good.
alter table goal add column deleted_on date;
create index goal_deleted on goal (deleted_on) where deleted_on is not null;
