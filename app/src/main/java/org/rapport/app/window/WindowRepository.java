package org.rapport.app.window;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WindowRepository {
    private static final String COLUMNS = "id, school_id, name, status, item_bank, opened_on, closed_on";
    private final JdbcClient jdbc;

    public WindowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A window from the first seven columns: id, school_id, name, status, item_bank, opened_on, closed_on. */
    public static SurveyWindow map(ResultSet rs, int n) throws SQLException {
        return new SurveyWindow(rs.getLong(1), rs.getLong(2), rs.getString(3), SurveyWindow.Status.valueOf(rs.getString(4)),
                rs.getString(5), rs.getObject(6, java.time.LocalDate.class), rs.getObject(7, java.time.LocalDate.class));
    }

    public Optional<SurveyWindow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where id = ?").param(id).query(WindowRepository::map).optional();
    }

    public List<SurveyWindow> forSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + " from survey_window where school_id = ? order by id desc")
                .param(schoolId).query(WindowRepository::map).list();
    }

    public boolean nameTaken(long schoolId, String name) {
        return jdbc.sql("select count(*) from survey_window where school_id = ? and lower(name) = lower(?)")
                .params(schoolId, name).query(Long.class).single() > 0;
    }

    public long create(long schoolId, String name, String itemBank) {
        return jdbc.sql("insert into survey_window (school_id, name, item_bank) values (?, ?, ?) returning id")
                .params(schoolId, name, itemBank).query(Long.class).single();
    }

    public boolean setStatus(long id, SurveyWindow.Status from, SurveyWindow.Status to) {
        String dateColumn = to == SurveyWindow.Status.OPEN ? "opened_on" : "closed_on";
        return jdbc.sql("update survey_window set status = ?, " + dateColumn + " = current_date where id = ? and status = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }
}
