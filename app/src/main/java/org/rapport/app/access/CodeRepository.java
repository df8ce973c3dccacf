package org.rapport.app.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.RespondentRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table access_code: keyed hashes of codes, never when one was used; an unused code also sealed
 * (so that its slip can be printed again), the seal gone in the statement that uses the code. Also owns
 * code_recipient: which person an e-mailed staff code went to, sealed, only while the code is unused and
 * its window open, for reminders; and pattern_codes: how many pupil codes a window issued per timetable pattern.
 */
@Repository
class CodeRepository {
    private final JdbcClient jdbc;

    CodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a code was issued for, and whether it is used; {@code patternSeal}: a timetable code's pattern, sealed, while unused
     * (codes printed before pupils chose their classes); {@code timetable}: a timetable pupil's code.
     */
    record Row(long windowId, RespondentRole role, Long classId, boolean used, byte[] patternSeal, boolean timetable) {
        Row(long windowId, RespondentRole role, Long classId, boolean used) {
            this(windowId, role, classId, used, null, false);
        }
    }

    Optional<Row> find(byte[] hash) {
        return jdbc.sql("select window_id, respondent_role, class_id, used, pattern_seal, timetable from access_code where code_hash = ?")
                .param(hash)
                .query((rs, n) -> new Row(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class),
                        rs.getBoolean(4), rs.getBytes(5), rs.getBoolean(6)))
                .optional();
    }

    /**
     * Marks an unused code used (the row lock orders racing submissions) and forgets its sealed copy and a timetable
     * code's pattern in the same statement; the row as it was (with the pattern) is answered, or empty if it was not unused.
     */
    Optional<Row> claim(byte[] hash) {
        // the sealed copy and a timetable code's pattern go in the same statement: a used code can never be shown again
        Optional<Row> claimed = jdbc.sql("""
                update access_code c set used = true, sealed_code = null, pattern_seal = null from (
                  select code_hash, pattern_seal from access_code where code_hash = ? and not used for update) old
                where c.code_hash = old.code_hash and not c.used
                returning c.window_id, c.respondent_role, c.class_id, old.pattern_seal, c.timetable""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class), true,
                        rs.getBytes(4), rs.getBoolean(5)))
                .optional();
        // a used code needs no reminder: who had it is forgotten in the same transaction
        claimed.ifPresent(row -> jdbc.sql("delete from code_recipient where code_hash = ?").param(hash).update());
        return claimed;
    }

    /** Whom an e-mailed code went to: its hash, the person and the code sealed with the server's key. */
    record Recipient(byte[] codeHash, long staffId, byte[] sealedCode, java.time.LocalDate remindedOn) {
    }

    void insertRecipient(byte[] hash, long windowId, long staffId, byte[] sealedCode) {
        // a code e-mailed before to someone who has left goes to its new holder
        jdbc.sql("""
                insert into code_recipient (code_hash, window_id, staff_id, sealed_code) values (?, ?, ?, ?)
                on conflict (code_hash) do update set staff_id = excluded.staff_id, sealed_code = excluded.sealed_code,
                reminded_on = case when code_recipient.staff_id = excluded.staff_id then code_recipient.reminded_on end""")
                .params(hash, windowId, staffId, sealedCode).update();
    }

    /** The recipients of a window's e-mailed codes of one role that are still unused. */
    List<Recipient> unusedRecipients(long windowId, RespondentRole role) {
        return jdbc.sql("""
                select r.code_hash, r.staff_id, r.sealed_code, r.reminded_on from code_recipient r
                join access_code c on c.code_hash = r.code_hash
                where r.window_id = ? and c.respondent_role = ? and not c.used order by r.staff_id""")
                .params(windowId, role.name())
                .query((rs, n) -> new Recipient(rs.getBytes(1), rs.getLong(2), rs.getBytes(3), rs.getObject(4, java.time.LocalDate.class)))
                .list();
    }

    void markReminded(byte[] hash, java.time.LocalDate day) {
        jdbc.sql("update code_recipient set reminded_on = ? where code_hash = ?").params(day, hash).update();
    }

    /** Forgets who got a window's codes; returns how many pairings went. */
    int deleteRecipients(long windowId) {
        return jdbc.sql("delete from code_recipient where window_id = ?").param(windowId).update();
    }

    /**
     * An unused code of a group: its hash and its sealed copy (null for a code made before codes were kept sealed,
     * or once its window closed); {@code patternSeal}: a timetable pupil code's pattern, sealed, else null.
     */
    record Unused(byte[] hash, byte[] sealed, byte[] patternSeal) {
    }

    /** A group's unused codes, always in the same order, so that a sheet printed again lists them as before. */
    List<Unused> unused(long windowId, RespondentRole role, Long classId) {
        return jdbc.sql("""
                select code_hash, sealed_code, pattern_seal from access_code where window_id = ? and respondent_role = ?
                and class_id is not distinct from ? and not used order by code_hash""")
                .params(windowId, role.name(), classId)
                .query((rs, n) -> new Unused(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3))).list();
    }

    /**
     * A group's unused codes, their rows locked until the transaction ends: a draft cannot be saved for
     * one of them meanwhile (its key references the row), nor the code used.
     */
    List<byte[]> lockUnused(long windowId, RespondentRole role, Long classId) {
        return jdbc.sql("""
                select code_hash from access_code where window_id = ? and respondent_role = ?
                and class_id is not distinct from ? and not used order by code_hash for update""")
                .params(windowId, role.name(), classId).query(byte[].class).list();
    }

    /** Makes the transaction the only one making or replacing this group's codes until it ends. */
    void lockGroup(long windowId, RespondentRole role, Long classId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("codes:" + windowId + ":" + role.name() + ":" + classId).query().singleRow();
    }

    /** Deletes these unused codes (their pairings with e-mail recipients go with them); returns how many went. */
    int deleteUnused(Collection<byte[]> hashes) {
        int n = 0;
        for (byte[] hash : hashes) {
            n += jdbc.sql("delete from access_code where code_hash = ? and not used").param(hash).update();
        }
        return n;
    }

    /** Forgets the sealed copies of a window's unused codes (they still work, but can no longer be shown); returns how many. */
    int forgetSeals(long windowId) {
        return jdbc.sql("update access_code set sealed_code = null where window_id = ? and sealed_code is not null").param(windowId).update();
    }

    int countUsed(long windowId, RespondentRole role, Long classId) {
        return jdbc.sql("""
                select count(*) from access_code where window_id = ? and respondent_role = ?
                and class_id is not distinct from ? and used""")
                .params(windowId, role.name(), classId).query(Integer.class).single();
    }

    /**
     * A code, {@code sealed} its sealed copy (kept until it is used); {@code timetable} for a timetable pupil's code (one of
     * their home group's, the pupil choosing their classes in the survey). False on the (2^-49) chance that the hash exists already.
     */
    boolean insert(byte[] hash, long windowId, RespondentRole role, Long classId, byte[] sealed, boolean timetable) {
        return jdbc.sql("""
                insert into access_code (code_hash, window_id, respondent_role, class_id, sealed_code, timetable)
                values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(hash, windowId, role.name(), classId, sealed, timetable).update() == 1;
    }

    /** Codes a window issued per pattern (counts only). */
    record PatternCount(long windowId, long patternId, int codes) {
    }

    List<PatternCount> patternCounts(Collection<Long> windowIds) {
        return jdbc.sql("select window_id, pattern_id, codes from pattern_codes where window_id = any(?) order by window_id, pattern_id")
                .param(windowIds.toArray(Long[]::new))
                .query((rs, n) -> new PatternCount(rs.getLong(1), rs.getLong(2), rs.getInt(3))).list();
    }

    void setPatternCount(long windowId, long patternId, int codes) {
        jdbc.sql("""
                insert into pattern_codes (window_id, pattern_id, codes) values (?, ?, ?)
                on conflict (window_id, pattern_id) do update set codes = excluded.codes""").params(windowId, patternId, codes).update();
    }

    /**
     * Issued, used and still unused codes of one window per role and class (issued counts purged codes too);
     * {@code timetable}: codes of timetable pupils (their home group's).
     */
    record Count(long windowId, RespondentRole role, Long classId, int issued, int used, int unused, boolean timetable) {
    }

    List<Count> counts(Collection<Long> windowIds) {
        return jdbc.sql("""
                select window_id, respondent_role, class_id, timetable, sum(issued)::int, sum(used)::int, sum(unused)::int from (
                  select window_id, respondent_role, class_id, timetable, count(*) as issued, count(*) filter (where used) as used,
                         count(*) filter (where not used) as unused
                  from access_code where window_id = any(?) group by 1, 2, 3, 4
                  union all
                  select window_id, respondent_role, class_id, timetable, codes, 0, 0 from purged_code where window_id = any(?)
                ) c group by 1, 2, 3, 4""")
                .params(windowIds.toArray(Long[]::new), windowIds.toArray(Long[]::new))
                .query((rs, n) -> new Count(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(4)))
                .list();
    }

    /** A window's unused code: its group and its hash (to count the ones with a survey in progress). */
    record UnusedOf(RespondentRole role, Long classId, byte[] hash) {
    }

    List<UnusedOf> unusedOf(long windowId) {
        return jdbc.sql("select respondent_role, class_id, code_hash from access_code where window_id = ? and not used")
                .param(windowId)
                .query((rs, n) -> new UnusedOf(RespondentRole.valueOf(rs.getString(1)), rs.getObject(2, Long.class), rs.getBytes(3)))
                .list();
    }

    /**
     * Deletes a window's unused codes (drafts must be gone first), keeping how many there were per
     * role and class, so that response rates stay right. Returns the number deleted.
     */
    int purgeUnused(long windowId) {
        jdbc.sql("""
                insert into purged_code (window_id, respondent_role, class_id, codes, timetable)
                select window_id, respondent_role, class_id, count(*), timetable from access_code where window_id = ? and not used
                group by 1, 2, 3, 5""")
                .param(windowId).update();
        return jdbc.sql("delete from access_code where window_id = ? and not used").param(windowId).update();
    }

    /** The hashes of a window's codes, used or not. */
    List<byte[]> hashes(long windowId, boolean used) {
        return jdbc.sql("select code_hash from access_code where window_id = ? and used = ?").params(windowId, used).query(byte[].class).list();
    }
}
