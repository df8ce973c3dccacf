-- What several instances behind a load balancer must share.

-- Staff sessions (Spring Session JDBC; its schema for PostgreSQL, unchanged): a person stays signed in
-- whichever instance answers, and when one stops.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);

-- Code-entry limits (Bucket4j's PostgreSQL backend): one token bucket per client, keyed by a keyed hash
-- of its address (never the address), and one for the unknown codes of all clients together. Rows
-- expire a minute after their last use and are removed.
create table code_attempt_bucket (
    id         bigint primary key,
    state      bytea,
    expires_at bigint
);
create index code_attempt_bucket_expiry on code_attempt_bucket (expires_at);

-- The batch a wave's new responses join. A submission reads it holding the wave's lock in shared mode;
-- a report closes it holding the lock exclusively (so no writer of it is still running) and opens the
-- next: a closed batch is then exactly its members, whatever order transactions commit in, without
-- rewriting any response's row. Responses written before (batch null) join the open batch when it closes.
create table wave_batch (
    network_id   bigint not null references network(id) on delete cascade,
    wave_name    text not null,
    open_batch   bigint not null,
    closed_batch bigint not null,
    primary key (network_id, wave_name)
);
