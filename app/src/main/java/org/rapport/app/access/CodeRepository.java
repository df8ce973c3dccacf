package org.rapport.app.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.RespondentRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table access_code: keyed hashes of codes, never a code, never when it was used. Also owns
 * code_recipient: which person an e-mailed staff code went to, sealed, only while the code is unused and
 * its window open, for reminders.
 */
@Repository
class CodeRepository {
    private final JdbcClient jdbc;

    CodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a code was issued for, and whether it is used; {@code patternSeal}: a timetable code's pattern, sealed, while unused. */
    record Row(long windowId, RespondentRole role, Long classId, boolean used, byte[] patternSeal) {
        Row(long windowId, RespondentRole role, Long classId, boolean used) {
            this(windowId, role, classId, used, null);
        }
    }

    Optional<Row> find(byte[] hash) {
        return jdbc.sql("select window_id, respondent_role, class_id, used, pattern_seal from access_code where code_hash = ?").param(hash)
                .query((rs, n) -> new Row(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class),
                        rs.getBoolean(4), rs.getBytes(5)))
                .optional();
    }

    /**
     * Marks an unused code used (the row lock orders racing submissions) and forgets a timetable code's pattern in the
     * same statement; the row as it was (with the pattern) is answered, or empty if it was not unused.
     */
    Optional<Row> claim(byte[] hash) {
        Optional<Row> claimed = jdbc.sql("""
                update access_code c set used = true, pattern_seal = null from (
                  select code_hash, pattern_seal from access_code where code_hash = ? and not used for update) old
                where c.code_hash = old.code_hash and not c.used
                returning c.window_id, c.respondent_role, c.class_id, old.pattern_seal""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class), true,
                        rs.getBytes(4)))
                .optional();
        // a used code needs no reminder: who had it is forgotten in the same transaction
        claimed.ifPresent(row -> jdbc.sql("delete from code_recipient where code_hash = ?").param(hash).update());
        return claimed;
    }

    /** Whom an e-mailed code went to: its hash, the person and the code sealed with the server's key. */
    record Recipient(byte[] codeHash, long staffId, byte[] sealedCode, java.time.LocalDate remindedOn) {
    }

    void insertRecipient(byte[] hash, long windowId, long staffId, byte[] sealedCode) {
        jdbc.sql("insert into code_recipient (code_hash, window_id, staff_id, sealed_code) values (?, ?, ?, ?)")
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

    int deleteUnused(long windowId, RespondentRole role, Long classId) {
        return jdbc.sql("""
                delete from access_code where window_id = ? and respondent_role = ? and class_id is not distinct from ?
                and not used""").params(windowId, role.name(), classId).update();
    }

    int countUsed(long windowId, RespondentRole role, Long classId) {
        return jdbc.sql("""
                select count(*) from access_code where window_id = ? and respondent_role = ?
                and class_id is not distinct from ? and used""")
                .params(windowId, role.name(), classId).query(Integer.class).single();
    }

    /** False on the (2^-49) chance that the hash exists already. */
    boolean insert(byte[] hash, long windowId, RespondentRole role, Long classId) {
        return insert(hash, windowId, role, classId, null);
    }

    /** A code; {@code patternSeal} non-null for a timetable pupil's code (its pattern, sealed). */
    boolean insert(byte[] hash, long windowId, RespondentRole role, Long classId, byte[] patternSeal) {
        return jdbc.sql("""
                insert into access_code (code_hash, window_id, respondent_role, class_id, pattern_seal, timetable) values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(hash, windowId, role.name(), classId, patternSeal, patternSeal != null).update() == 1;
    }

    /** The sealed patterns of a home group's unused timetable codes. */
    List<byte[]> unusedPatternSeals(long windowId, long classId) {
        return jdbc.sql("""
                select pattern_seal from access_code where window_id = ? and respondent_role = 'PUPIL' and class_id = ?
                and not used and timetable""").params(windowId, classId).query(byte[].class).list();
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

    /** Issued and used codes of one window per role and class; {@code timetable}: codes of timetable pupils (their home group's). */
    record Count(long windowId, RespondentRole role, Long classId, int issued, int used, boolean timetable) {
        Count(long windowId, RespondentRole role, Long classId, int issued, int used) {
            this(windowId, role, classId, issued, used, false);
        }
    }

    List<Count> counts(Collection<Long> windowIds) {
        return jdbc.sql("""
                select window_id, respondent_role, class_id, timetable, sum(issued)::int, sum(used)::int from (
                  select window_id, respondent_role, class_id, timetable, count(*) as issued, count(*) filter (where used) as used
                  from access_code where window_id = any(?) group by 1, 2, 3, 4
                  union all
                  select window_id, respondent_role, class_id, timetable, codes, 0 from purged_code where window_id = any(?)
                ) c group by 1, 2, 3, 4""")
                .params(windowIds.toArray(Long[]::new), windowIds.toArray(Long[]::new))
                .query((rs, n) -> new Count(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(4)))
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
