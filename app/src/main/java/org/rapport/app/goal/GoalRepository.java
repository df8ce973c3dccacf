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
        return jdbc.sql("select " + COLUMNS + " from goal where team_id = ? and deleted_on is null order by id desc")
                .param(teamId).query(GoalRepository::goal).list();
    }

    /** A goal not deleted. */
    Optional<Goal> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from goal where id = ? and deleted_on is null").param(id).query(GoalRepository::goal).optional();
    }

    /** A deleted goal not yet removed for good. */
    Optional<Goal> findDeleted(long id) {
        return jdbc.sql("select " + COLUMNS + " from goal where id = ? and deleted_on is not null").param(id)
                .query(GoalRepository::goal).optional();
    }

    List<Goal> ofTeacher(long teacherId) {
        return jdbc.sql("select " + COLUMNS + " from goal where teacher_id = ? and deleted_on is null order by id desc")
                .param(teacherId).query(GoalRepository::goal).list();
    }

    List<Goal> ofSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + " from goal where school_id = ? and deleted_on is null order by id desc")
                .param(schoolId).query(GoalRepository::goal).list();
    }

    /** The deleted goals of a school not yet removed for good, with the day each was deleted, newest first. */
    List<DeletedGoal> deletedOfSchool(long schoolId) {
        return jdbc.sql("select " + COLUMNS + ", deleted_on from goal where school_id = ? and deleted_on is not null order by deleted_on desc, id desc")
                .param(schoolId).query((rs, n) -> new DeletedGoal(goal(rs, n), rs.getObject(12, LocalDate.class))).list();
    }

    int dueIn(java.util.Collection<Long> schoolIds, String windowName) {
        return jdbc.sql("select count(*) from goal where school_id = any(?) and evaluation_window = ? and deleted_on is null")
                .params(schoolIds.toArray(Long[]::new), windowName).query(Integer.class).single();
    }

    void setShared(long id, boolean shared) {
        jdbc.sql("update goal set shared = ? where id = ?").params(shared, id).update();
    }

    /** Deletes a goal so that it can be restored: it leaves every list and count from {@code on}. */
    void delete(long id, LocalDate on) {
        jdbc.sql("update goal set deleted_on = ? where id = ? and deleted_on is null").params(on, id).update();
    }

    void restore(long id) {
        jdbc.sql("update goal set deleted_on = null where id = ?").param(id).update();
    }

    /** Removes for good the goals deleted before {@code day}; how many. */
    int removeDeletedBefore(LocalDate day) {
        return jdbc.sql("delete from goal where deleted_on < ?").param(day).update();
    }

    /** How many goals are a teacher's own (deleted ones they may still restore included: they are theirs too). */
    int countOwn(long teacherId) {
        return jdbc.sql("select count(*) from goal where teacher_id = ?").param(teacherId).query(Integer.class).single();
    }

    /** A teacher's own goals, and the goals they set, become {@code into}'s. */
    void move(long from, long into) {
        jdbc.sql("update goal set teacher_id = ? where teacher_id = ?").params(into, from).update();
        jdbc.sql("update goal set created_by = ? where created_by = ?").params(into, from).update();
    }
}
