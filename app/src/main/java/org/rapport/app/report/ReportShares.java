package org.rapport.app.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the tables report_share (a teacher's choice to show their report), report_view (every view of
 * it) and self_view (a teacher's own answers about themselves, before their results).
 */
@Repository
class ReportShares {
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    ReportShares(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    boolean shared(long teacherId, long windowId) {
        return jdbc.sql("select count(*) from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId)
                .query(Integer.class).single() > 0;
    }

    void share(long teacherId, long windowId) {
        jdbc.sql("insert into report_share (teacher_id, window_id, shared_on) values (?, ?, ?) on conflict do nothing")
                .params(teacherId, windowId, LocalDate.now(clock)).update();
    }

    void unshare(long teacherId, long windowId) {
        jdbc.sql("delete from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId).update();
    }

    /** Logs a view (as showing none of the teacher's results until {@link #showedResults} says otherwise); returns its id. */
    long logView(long teacherId, long windowId, long viewerId, TeacherReports.Channel channel) {
        return jdbc.sql("insert into report_view (teacher_id, window_id, viewer_id, channel, with_results) values (?, ?, ?, ?, false) returning id")
                .params(teacherId, windowId, viewerId, channel.name()).query(Long.class).single();
    }

    /** The logged view showed at least one of the teacher's results. */
    void showedResults(long viewId) {
        jdbc.sql("update report_view set with_results = true where id = ?").param(viewId).update();
    }

    record Viewed(long viewerId, OffsetDateTime at, String channel) {
    }

    /** The latest views of a teacher's report of a window, newest first. */
    List<Viewed> views(long teacherId, long windowId, int limit) {
        return jdbc.sql("""
                select viewer_id, viewed_at, channel from report_view
                where teacher_id = ? and window_id = ? order by viewed_at desc, id desc limit ?""")
                .params(teacherId, windowId, limit)
                .query((rs, n) -> new Viewed(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)))
                .list();
    }

    /** Whether the teacher has seen their own results of this window (their own view of them is then fixed). */
    boolean sawOwnResults(long teacherId, long windowId) {
        return jdbc.sql("select count(*) from report_view where teacher_id = ? and window_id = ? and viewer_id = ? and with_results")
                .params(teacherId, windowId, teacherId).query(Integer.class).single() > 0;
    }

    java.util.Map<String, Integer> selfView(long staffId, long windowId, String relationship) {
        return jdbc.sql("select answers::text from self_view where teacher_id = ? and window_id = ? and relationship = ?")
                .params(staffId, windowId, relationship).query(String.class).optional().map(ReportShares::readAnswers).orElse(java.util.Map.of());
    }

    /** Every own view given of a relationship in a window: staff id → item → answer. */
    java.util.Map<Long, java.util.Map<String, Integer>> selfViews(long windowId, String relationship) {
        java.util.Map<Long, java.util.Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select teacher_id, answers::text from self_view where window_id = ? and relationship = ? order by teacher_id")
                .params(windowId, relationship).query(rs -> {
                    out.put(rs.getLong(1), readAnswers(rs.getString(2)));
                });
        return out;
    }

    /** The relationships a member of staff has given their own view of for a window. */
    java.util.List<String> selfViewRelationships(long staffId, long windowId) {
        return jdbc.sql("select relationship from self_view where teacher_id = ? and window_id = ? order by relationship")
                .params(staffId, windowId).query(String.class).list();
    }

    void saveSelfView(long staffId, long windowId, String relationship, java.util.Map<String, Integer> answers) {
        jdbc.sql("""
                insert into self_view (teacher_id, window_id, relationship, answers, saved_on) values (?, ?, ?, cast(? as jsonb), current_date)
                on conflict (teacher_id, window_id, relationship) do update set answers = excluded.answers, saved_on = excluded.saved_on""")
                .params(staffId, windowId, relationship, writeAnswers(answers)).update();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static java.util.Map<String, Integer> readAnswers(String text) {
        try {
            return JSON.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, Integer>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored self-view cannot be read", e);
        }
    }

    private static String writeAnswers(java.util.Map<String, Integer> answers) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(answers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The windows in which both gave their own view of one relationship. */
    List<Long> selfViewClashes(long a, long b) {
        return jdbc.sql("""
                select distinct x.window_id from self_view x join self_view y on y.window_id = x.window_id and y.relationship = x.relationship
                where x.teacher_id = ? and y.teacher_id = ? order by 1""").params(a, b).query(Long.class).list();
    }

    /** What is kept of a teacher here: shares of their report, views of it, and their own views. */
    java.util.Map<String, Integer> countOf(long teacherId) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        out.put("shares", jdbc.sql("select count(*) from report_share where teacher_id = ?").param(teacherId).query(Integer.class).single());
        out.put("reportViews", jdbc.sql("select count(*) from report_view where teacher_id = ?").param(teacherId).query(Integer.class).single());
        out.put("selfViews", jdbc.sql("select count(*) from self_view where teacher_id = ?").param(teacherId).query(Integer.class).single());
        return out;
    }

    /** Everything here of {@code from} becomes {@code into}'s: shares, views of the report and by them, own views. */
    void move(long from, long into) {
        jdbc.sql("insert into report_share (teacher_id, window_id, shared_on) select ?, window_id, shared_on from report_share where teacher_id = ? "
                + "on conflict do nothing").params(into, from).update();
        jdbc.sql("delete from report_share where teacher_id = ?").param(from).update();
        jdbc.sql("update report_view set teacher_id = ? where teacher_id = ?").params(into, from).update();
        jdbc.sql("update report_view set viewer_id = ? where viewer_id = ?").params(into, from).update();
        jdbc.sql("update self_view set teacher_id = ? where teacher_id = ?").params(into, from).update();
    }
}
