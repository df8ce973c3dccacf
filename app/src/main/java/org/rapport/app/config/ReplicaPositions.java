package org.rapport.app.config;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Positions in the write-ahead log, in bytes from its start: how far the primary has written, how far a standby has replayed. */
@Repository
class ReplicaPositions {
    private final JdbcClient jdbc;

    ReplicaPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** On the primary: the end of everything written so far (committed or not), so every commit already made is before it. */
    long written() {
        return jdbc.sql("select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint").query(Long.class).single();
    }

    /** On a standby: the end of what it has replayed, so can show; null on a server that is not a standby. */
    Long replayed() {
        return jdbc.sql("select (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint").query(Long.class).list().get(0);
    }
}
