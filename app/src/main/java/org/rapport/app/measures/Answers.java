package org.rapport.app.measures;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads submitted answers and the windows of a network that share a name (one survey wave). */
@Repository
public class Answers {
    private final JdbcClient jdbc;

    public Answers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record WaveWindow(long id, long schoolId, String status, java.time.LocalDate openedOn) {
    }

    /** The windows named {@code name} in the network's schools. */
    public List<WaveWindow> wave(long networkId, String name) {
        return jdbc.sql("""
                select w.id, w.school_id, w.status, w.opened_on from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and w.name = ? order by w.school_id""")
                .params(networkId, name)
                .query((rs, n) -> new WaveWindow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, java.time.LocalDate.class)))
                .list();
    }

    /** A survey wave of the network: the windows sharing a name, whether any has closed, how many answered. */
    public record WaveName(String name, boolean closed, long responses) {
    }

    /** The network's waves, newest first. */
    public List<WaveName> waveNames(long networkId) {
        return jdbc.sql("""
                select w.name, bool_or(w.status = 'CLOSED'), count(r.id) from survey_window w
                join school s on s.id = w.school_id left join response r on r.window_id = w.id
                where s.network_id = ? group by w.name order by min(w.opened_on) desc nulls first, w.name""")
                .param(networkId)
                .query((rs, n) -> new WaveName(rs.getString(1), rs.getBoolean(2), rs.getLong(3)))
                .list();
    }

    public List<AnswerRow> of(List<Long> windowIds) {
        return jdbc.sql("""
                select r.id, r.window_id, w.school_id, r.class_id, a.target_staff, a.item_id, a.value
                from answer a join response r on r.id = a.response_id join survey_window w on w.id = r.window_id
                where r.window_id = any(?) order by r.id, a.target_staff nulls first, a.item_id""")
                .param(windowIds.toArray(Long[]::new))
                .query((rs, n) -> new AnswerRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6), rs.getInt(7)))
                .list();
    }

    /** Responses so far in these windows: a cheap key for caches of results. */
    public long responses(List<Long> windowIds) {
        return jdbc.sql("select count(*) from response where window_id = any(?)").param(windowIds.toArray(Long[]::new))
                .query(Long.class).single();
    }
}
