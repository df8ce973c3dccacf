-- What a pupil or parent wrote at the end of a block: stored with the response (never with its code),
-- about one teacher or about the school. Shown only to readers of a group the privacy engine has
-- released, and only the comments of that release's members.
create table comment (
    response_id   uuid not null references response(id) on delete cascade,
    relationship  text not null,
    target_staff  bigint references staff(id),
    body          text not null check (length(body) between 1 and 1000)
);
create unique index comment_key on comment (response_id, relationship, coalesce(target_staff, 0));
create index comment_target on comment (target_staff);
