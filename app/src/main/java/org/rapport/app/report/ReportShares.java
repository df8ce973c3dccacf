package org.rapport.app.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables report_share (a teacher's choice to show their report) and report_view (every view of it). */
@Repository
class ReportShares {
    private final JdbcClient jdbc;

    ReportShares(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean shared(long teacherId, long windowId) {
        return jdbc.sql("select count(*) from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId)
                .query(Integer.class).single() > 0;
    }

    void share(long teacherId, long windowId) {
        jdbc.sql("insert into report_share (teacher_id, window_id, shared_on) values (?, ?, ?) on conflict do nothing")
                .params(teacherId, windowId, LocalDate.now()).update();
    }

    void unshare(long teacherId, long windowId) {
        jdbc.sql("delete from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId).update();
    }

    void logView(long teacherId, long windowId, long viewerId, TeacherReports.Channel channel) {
        jdbc.sql("insert into report_view (teacher_id, window_id, viewer_id, channel) values (?, ?, ?, ?)")
                .params(teacherId, windowId, viewerId, channel.name()).update();
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
}
