package org.rapport.app.yousaid;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the tables you_said (each published page, its cited results by scale key, what will be done and
 * by when) and teacher_reply (a teacher's reply to their classes after a window).
 */
@Repository
class YouSaidRepository {
    private final JdbcClient jdbc;

    YouSaidRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One published page as stored; {@code withdrawnOn} null while it is shown. */
    record Entry(long id, long schoolId, long windowId, List<String> heard, String weWill, String byWhen, LocalDate publishedOn,
                 LocalDate updatedOn, LocalDate withdrawnOn) {
        boolean withdrawn() {
            return withdrawnOn != null;
        }
    }

    private static final String COLUMNS = "id, school_id, window_id, heard, we_will, by_when, published_on, updated_on, withdrawn_on";

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getString(4).isEmpty() ? List.of() : Arrays.asList(rs.getString(4).split(",")), rs.getString(5), rs.getString(6),
                rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class));
    }

    long insert(long schoolId, long windowId, List<String> heard, String weWill, String byWhen, long publishedBy) {
        return jdbc.sql("""
                insert into you_said (school_id, window_id, heard, we_will, by_when, published_on, published_by)
                values (?, ?, ?, ?, ?, current_date, ?) returning id""")
                .params(schoolId, windowId, String.join(",", heard), weWill, byWhen, publishedBy).query(Long.class).single();
    }

    /** A school's pages that are shown, newest first: kept, so next year's respondents see what was done last year. */
    /** Whether the school has a page it withdrew. */
    boolean anyWithdrawn(long schoolId) {
        return jdbc.sql("select count(*) from you_said where school_id = ? and withdrawn_on is not null").param(schoolId)
                .query(Integer.class).single() > 0;
    }

    /** The school's pages shown, the newest window's first (a page published late for an older window comes after). */
    List<Entry> ofSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + " from you_said where school_id = ? and withdrawn_on is null order by window_id desc, id desc")
                .param(schoolId).query(YouSaidRepository::entry).list();
    }

    /** The window's page, shown or withdrawn (the newest, where a window was published twice before pages were edited in place). */
    java.util.Optional<Entry> ofWindow(long windowId) {
        return jdbc.sql("select " + COLUMNS + " from you_said where window_id = ? order by (withdrawn_on is null) desc, id desc limit 1")
                .param(windowId).query(YouSaidRepository::entry).optional();
    }

    /** The page corrected in place, and shown again if it was withdrawn. */
    void update(long id, List<String> heard, String weWill, String byWhen) {
        jdbc.sql("update you_said set heard = ?, we_will = ?, by_when = ?, updated_on = current_date, withdrawn_on = null where id = ?")
                .params(String.join(",", heard), weWill, byWhen, id).update();
    }

    /** Taken off the public address, kept to be put back. */
    void withdraw(long id) {
        jdbc.sql("update you_said set withdrawn_on = current_date where id = ? and withdrawn_on is null").param(id).update();
    }

    void restore(long id) {
        jdbc.sql("update you_said set withdrawn_on = null where id = ?").param(id).update();
    }

    boolean any(long schoolId) {
        return jdbc.sql("select count(*) from you_said where school_id = ? and withdrawn_on is null").param(schoolId).query(Integer.class).single() > 0;
    }

    void saveReply(long teacherId, long windowId, String text) {
        jdbc.sql("""
                insert into teacher_reply (teacher_id, window_id, text, saved_on) values (?, ?, ?, current_date)
                on conflict (teacher_id, window_id) do update set text = excluded.text, saved_on = excluded.saved_on""")
                .params(teacherId, windowId, text).update();
    }

    void deleteReply(long teacherId, long windowId) {
        jdbc.sql("delete from teacher_reply where teacher_id = ? and window_id = ?").params(teacherId, windowId).update();
    }

    java.util.Optional<String> reply(long teacherId, long windowId) {
        return jdbc.sql("select text from teacher_reply where teacher_id = ? and window_id = ?").params(teacherId, windowId)
                .query(String.class).optional();
    }

    /** Each teacher's newest reply written after another window than {@code windowId}: what their pupils see in this one. */
    java.util.Map<Long, String> latestReplies(java.util.Collection<Long> teacherIds, long windowId) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        jdbc.sql("""
                select distinct on (teacher_id) teacher_id, text from teacher_reply
                where teacher_id = any(?) and window_id <> ? order by teacher_id, saved_on desc, window_id desc""")
                .params(teacherIds.toArray(Long[]::new), windowId)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }

    /** The windows after which both replied to their classes. */
    List<Long> replyClashes(long a, long b) {
        return jdbc.sql("select x.window_id from teacher_reply x join teacher_reply y on y.window_id = x.window_id where x.teacher_id = ? and y.teacher_id = ? "
                + "order by 1").params(a, b).query(Long.class).list();
    }

    int countReplies(long teacherId) {
        return jdbc.sql("select count(*) from teacher_reply where teacher_id = ?").param(teacherId).query(Integer.class).single();
    }

    /** A teacher's replies, and what they published, become {@code into}'s. */
    void move(long from, long into) {
        jdbc.sql("update teacher_reply set teacher_id = ? where teacher_id = ?").params(into, from).update();
        jdbc.sql("update you_said set published_by = ? where published_by = ?").params(into, from).update();
    }
}
