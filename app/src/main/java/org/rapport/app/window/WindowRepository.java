package org.rapport.app.window;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table survey_window. */
@Repository
class WindowRepository {
    private static final String COLUMNS = "id, school_id, name, status, item_bank, opened_on, closed_on, raw_deleted_on, closed_at, "
            + "results_seen_at";
    private final JdbcClient jdbc;

    WindowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static SurveyWindow map(ResultSet rs, int n) throws SQLException {
        return new SurveyWindow(rs.getLong(1), rs.getLong(2), rs.getString(3), SurveyWindow.Status.valueOf(rs.getString(4)),
                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    Optional<SurveyWindow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where id = ?").param(id).query(WindowRepository::map).optional();
    }

    List<SurveyWindow> forSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where school_id = ? order by id desc")
                .param(schoolId).query(WindowRepository::map).list();
    }

    /** The windows of these schools, in the order they were created. */
    List<SurveyWindow> forSchools(Collection<Long> schoolIds) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where school_id = any(?) order by id")
                .param(schoolIds.toArray(Long[]::new)).query(WindowRepository::map).list();
    }

    List<SurveyWindow> named(Collection<Long> schoolIds, String name) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where school_id = any(?) and name = ? order by school_id")
                .params(schoolIds.toArray(Long[]::new), name).query(WindowRepository::map).list();
    }

    long create(long schoolId, String name, String itemBank) {
        return jdbc.sql("insert into survey_window (school_id, name, item_bank) values (?, ?, ?) returning id")
                .params(schoolId, name, itemBank).query(Long.class).single();
    }

    /** Opens a window that was never opened, on {@code day}. */
    boolean open(long id, LocalDate day) {
        return jdbc.sql("update survey_window set status = 'OPEN', opened_on = ? where id = ? and status = 'DRAFT'")
                .params(day, id).update() == 1;
    }

    /** Closes an open window at {@code at}, on {@code day}. */
    boolean close(long id, Instant at, LocalDate day) {
        return jdbc.sql("update survey_window set status = 'CLOSED', closed_on = ?, closed_at = ? where id = ? and status = 'OPEN'")
                .params(day, at.atOffset(ZoneOffset.UTC), id).update() == 1;
    }

    /**
     * Opens a closed window again, if it closed after {@code closedAfter}, nobody has seen its results
     * since, and its raw answers are still there: the checks and the change in one statement, so that a
     * look at its results at the same moment either comes first (and the window stays closed) or finds it open.
     */
    boolean reopen(long id, Instant closedAfter) {
        return jdbc.sql("""
                        update survey_window set status = 'OPEN', closed_on = null, closed_at = null
                        where id = ? and status = 'CLOSED' and results_seen_at is null and raw_deleted_on is null and closed_at > ?""")
                .params(id, closedAfter.atOffset(ZoneOffset.UTC)).update() == 1;
    }

    /**
     * Records that these windows' results were shown at {@code at}, for those closed and not yet marked;
     * returns the ids of those closed, marked now or before.
     */
    List<Long> markResultsSeen(Collection<Long> ids, Instant at) {
        return jdbc.sql("update survey_window set results_seen_at = coalesce(results_seen_at, ?) where id = any(?) and status = 'CLOSED' "
                        + "returning id")
                .params(at.atOffset(ZoneOffset.UTC), ids.toArray(Long[]::new)).query(Long.class).list();
    }

    boolean markRawDeleted(long id, LocalDate day) {
        return jdbc.sql("update survey_window set raw_deleted_on = ? where id = ? and raw_deleted_on is null").params(day, id).update() == 1;
    }

    /** Closed windows of these schools (all schools if null) closed on or before {@code day}. */
    List<SurveyWindow> closedBy(Collection<Long> schoolIds, LocalDate day) {
        if (schoolIds == null) {
            return jdbc.sql("select " + COLUMNS + " from survey_window where status = 'CLOSED' and closed_on <= ? order by id").param(day)
                    .query(WindowRepository::map).list();
        }
        return jdbc.sql("select " + COLUMNS + " from survey_window where status = 'CLOSED' and closed_on <= ? and school_id = any(?) order by id")
                .params(day, schoolIds.toArray(Long[]::new)).query(WindowRepository::map).list();
    }
}
