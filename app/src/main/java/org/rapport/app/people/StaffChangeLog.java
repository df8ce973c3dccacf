package org.rapport.app.people;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table staff_change: what a school's admins changed about its people, one by one, and who did. */
@Repository
class StaffChangeLog {
    private final JdbcClient jdbc;

    StaffChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum What { STAFF_ID, MERGE, RETIRE }

    /** {@code doneBy}: whoever did it (null once their account is gone). */
    record Entry(What what, String person, String other, String oldRef, String newRef, Long doneBy, OffsetDateTime at) {
    }

    void add(long schoolId, What what, long personId, String person, String other, String oldRef, String newRef, long doneBy, Instant at) {
        jdbc.sql("""
                insert into staff_change (school_id, what, person_id, person_name, other_name, old_ref, new_ref, done_by, done_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(schoolId, what.name(), personId, person, other, oldRef, newRef, doneBy, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    /** The school's latest changes, newest first. */
    List<Entry> ofSchool(long schoolId, int limit) {
        return jdbc.sql("""
                select what, person_name, other_name, old_ref, new_ref, done_by, done_at from staff_change
                where school_id = ? order by done_at desc, id desc limit ?""")
                .params(schoolId, limit)
                .query((rs, n) -> new Entry(What.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, Long.class), rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /** Entries about or by {@code from} are about or by {@code into}. */
    void move(long from, long into) {
        jdbc.sql("update staff_change set person_id = ? where person_id = ?").params(into, from).update();
        jdbc.sql("update staff_change set done_by = ? where done_by = ?").params(into, from).update();
    }
}
