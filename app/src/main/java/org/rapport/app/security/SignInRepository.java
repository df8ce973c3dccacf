package org.rapport.app.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables sign_in_throttle (failures in a row per keyed account or address) and sign_in_failure (the admin's log). */
@Repository
class SignInRepository {
    private final JdbcClient jdbc;

    SignInRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Until when a key is blocked, if it is at {@code now}. */
    Optional<Instant> blockedUntil(long key, Instant now) {
        return jdbc.sql("select blocked_until from sign_in_throttle where key_hash = ? and blocked_until > ?")
                .params(key, Timestamp.from(now)).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /**
     * Counts one more refusal for the key, starting again from one where the last was before
     * {@code forgetBefore}; answers the failures in a row, this one included.
     */
    int fail(long key, Instant now, Instant forgetBefore) {
        return jdbc.sql("""
                insert into sign_in_throttle (key_hash, failures, last_failure) values (?, 1, ?)
                on conflict (key_hash) do update set
                    failures = case when sign_in_throttle.last_failure < ? then 1 else sign_in_throttle.failures + 1 end,
                    last_failure = excluded.last_failure
                returning failures""")
                .params(key, Timestamp.from(now), Timestamp.from(forgetBefore)).query(Integer.class).single();
    }

    void block(long key, Instant until) {
        jdbc.sql("update sign_in_throttle set blocked_until = greatest(coalesce(blocked_until, ?), ?) where key_hash = ?")
                .params(Timestamp.from(until), Timestamp.from(until), key).update();
    }

    void clear(long key) {
        jdbc.sql("delete from sign_in_throttle where key_hash = ?").param(key).update();
    }

    /** Removes keys whose last failure is before {@code before} and that are not blocked: nothing of them is needed any more. */
    int forget(Instant before) {
        return jdbc.sql("delete from sign_in_throttle where last_failure < ? and (blocked_until is null or blocked_until < ?)")
                .params(Timestamp.from(before), Timestamp.from(before)).update();
    }

    void log(long staffId, Instant at, boolean throttled) {
        jdbc.sql("insert into sign_in_failure (staff_id, at, throttled) values (?, ?, ?)").params(staffId, Timestamp.from(at), throttled).update();
    }

    int forgetLog(Instant before) {
        return jdbc.sql("delete from sign_in_failure where at < ?").param(Timestamp.from(before)).update();
    }

    /** Per account of {@code staffIds} with failures since {@code since}: how many, how many while slowed, and the last. */
    List<SignInThrottle.Failures> failures(List<Long> staffIds, Instant since) {
        if (staffIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select staff_id, count(*), count(*) filter (where throttled), max(at) from sign_in_failure
                where staff_id = any(?) and at >= ? group by staff_id order by max(at) desc""")
                .params(staffIds.toArray(Long[]::new), Timestamp.from(since))
                .query((rs, n) -> new SignInThrottle.Failures(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
                .list();
    }
}
