package org.rapport.app.school;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table account_token: hashes of single-use links, each for one purpose and (but setup) one person. */
@Repository
class AccountTokens {
    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Purpose { SETUP, INVITE, RESET }

    /** A new link; {@code handed}: shown to an admin to pass on rather than mailed to its owner. */
    void add(byte[] hash, Purpose purpose, Long staffId, Instant expires, boolean handed) {
        jdbc.sql("insert into account_token (token_hash, purpose, staff_id, expires_at, handed) values (?, ?, ?, ?, ?)")
                .params(hash, purpose.name(), staffId, expires == null ? null : java.sql.Timestamp.from(expires), handed).update();
    }

    /** Forgets every earlier link of this purpose for this person (or every setup link). */
    void revoke(Purpose purpose, Long staffId) {
        jdbc.sql("delete from account_token where purpose = ? and staff_id is not distinct from ?").params(purpose.name(), staffId).update();
    }

    record Found(Purpose purpose, Long staffId, boolean handed) {
    }

    /** The link's purpose and person if it exists and has not expired; the row is left. */
    Optional<Found> find(byte[] hash) {
        return jdbc.sql("select purpose, staff_id, handed from account_token where token_hash = ? and (expires_at is null or expires_at > now())")
                .param(hash).query((rs, n) -> new Found(Purpose.valueOf(rs.getString(1)), (Long) rs.getObject(2), rs.getBoolean(3))).optional();
    }

    /** Uses the link up: true for exactly one caller, if it exists and has not expired. */
    boolean consume(byte[] hash) {
        return jdbc.sql("delete from account_token where token_hash = ? and (expires_at is null or expires_at > now())").param(hash)
                .update() == 1;
    }

    /** Whether a link of this purpose was made for this person within the last {@code seconds}. */
    boolean issuedWithin(Purpose purpose, long staffId, long seconds) {
        return jdbc.sql("""
                select exists (select 1 from account_token where purpose = ? and staff_id = ? and created_at > now() - make_interval(secs => ?))""")
                .params(purpose.name(), staffId, seconds).query(Boolean.class).single();
    }

    /** Whether a link of this person's (an invitation, a password reset) is outstanding: whoever holds it can set the password. */
    boolean pending(long staffId) {
        return jdbc.sql("select exists (select 1 from account_token where staff_id = ? and (expires_at is null or expires_at > now()))")
                .param(staffId).query(Boolean.class).single();
    }

    /** Which of these people have an invitation that has not expired at {@code now}. */
    java.util.Set<Long> invited(java.util.Collection<Long> staffIds, Instant now) {
        if (staffIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select distinct staff_id from account_token where purpose = 'INVITE' and staff_id = any(?) "
                        + "and expires_at > ?").params(staffIds.toArray(Long[]::new), java.sql.Timestamp.from(now)).query(Long.class).list());
    }
}
