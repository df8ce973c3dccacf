package org.rapport.app.goal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.Relationship;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table goal. */
@Repository
class GoalRepository {
    private static final String COLUMNS =
            "id, school_id, teacher_id, team_id, relationship, facet, plan, baseline_window, evaluation_window, shared, created_on";
    private final JdbcClient jdbc;

    GoalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Goal goal(ResultSet rs, int n) throws SQLException {
        return new Goal(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class), Relationship.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getObject(11, LocalDate.class));
    }

    long insert(long schoolId, Long teacherId, Long teamId, Relationship relationship, String facet, String plan, String baseline,
                String evaluation, long createdBy) {
        return jdbc.sql("""
                insert into goal (school_id, teacher_id, team_id, relationship, facet, plan, baseline_window, evaluation_window, created_by, created_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, current_date) returning id""")
                .params(schoolId, teacherId, teamId, relationship.name(), facet, plan, baseline, evaluation, createdBy).query(Long.class).single();
    }

    List<Goal> ofTeam(long teamId) {
        return jdbc.sql("select " + COLUMNS + " from goal where team_id = ? order by id desc").param(teamId).query(GoalRepository::goal).list();
    }

    Optional<Goal> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from goal where id = ?").param(id).query(GoalRepository::goal).optional();
    }

    List<Goal> ofTeacher(long teacherId) {
        return jdbc.sql("select " + COLUMNS + " from goal where teacher_id = ? order by id desc").param(teacherId).query(GoalRepository::goal).list();
    }

    List<Goal> ofSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + " from goal where school_id = ? order by id desc").param(schoolId).query(GoalRepository::goal).list();
    }

    int dueIn(java.util.Collection<Long> schoolIds, String windowName) {
        return jdbc.sql("select count(*) from goal where school_id = any(?) and evaluation_window = ?")
                .params(schoolIds.toArray(Long[]::new), windowName).query(Integer.class).single();
    }

    void setShared(long id, boolean shared) {
        jdbc.sql("update goal set shared = ? where id = ?").params(shared, id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from goal where id = ?").param(id).update();
    }

    /** How many goals are a teacher's own. */
    int countOwn(long teacherId) {
        return jdbc.sql("select count(*) from goal where teacher_id = ?").param(teacherId).query(Integer.class).single();
    }

    /** A teacher's own goals, and the goals they set, become {@code into}'s. */
    void move(long from, long into) {
        jdbc.sql("update goal set teacher_id = ? where teacher_id = ?").params(into, from).update();
        jdbc.sql("update goal set created_by = ? where created_by = ?").params(into, from).update();
    }
}
