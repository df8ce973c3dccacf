package org.rapport.app.school;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SchoolRepository {
    private final JdbcClient jdbc;

    public SchoolRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<School> find(long id) {
        return jdbc.sql("select id, network_id, name from school where id = ?").param(id)
                .query((rs, n) -> new School(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
    }

    public List<School> inNetwork(long networkId) {
        return jdbc.sql("select id, network_id, name from school where network_id = ? order by name").param(networkId)
                .query((rs, n) -> new School(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
    }

    public List<ClassGroup> classes(long schoolId) {
        return jdbc.sql("""
                select id, school_id, class_ref, name, year_group, pupils from class_group
                where school_id = ? and active order by year_group nulls last, class_ref""")
                .param(schoolId)
                .query((rs, n) -> new ClassGroup(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    public Optional<ClassGroup> findClass(long classId) {
        return jdbc.sql("select id, school_id, class_ref, name, year_group, pupils from class_group where id = ?")
                .param(classId)
                .query((rs, n) -> new ClassGroup(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .optional();
    }

    public List<StaffMember> staff(long schoolId) {
        return jdbc.sql("""
                select id, school_id, staff_ref, email, display_name, role, is_leader, active, password_hash is not null
                from staff where school_id = ? order by active desc, display_name""")
                .param(schoolId).query(SchoolRepository::staffMember).list();
    }

    public Optional<StaffMember> findStaff(long staffId) {
        return jdbc.sql("""
                select id, school_id, staff_ref, email, display_name, role, is_leader, active, password_hash is not null
                from staff where id = ?""")
                .param(staffId).query(SchoolRepository::staffMember).optional();
    }

    static StaffMember staffMember(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long school = rs.getLong(2);
        return new StaffMember(rs.getLong(1), rs.wasNull() ? null : school, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9));
    }

    /** Teachers of a class, as shown to its pupils: id and name, in name order. */
    public List<StaffMember> teachersOf(long classId) {
        return jdbc.sql("""
                select s.id, s.school_id, s.staff_ref, s.email, s.display_name, s.role, s.is_leader, s.active,
                       s.password_hash is not null
                from teaching t join staff s on s.id = t.staff_id
                where t.class_id = ? and s.active order by s.display_name""")
                .param(classId).query(SchoolRepository::staffMember).list();
    }

    /** Class id to its teachers' names, for the roster page. */
    public List<TeachingRow> teaching(long schoolId) {
        return jdbc.sql("""
                select c.id, s.display_name, t.subject from teaching t
                join class_group c on c.id = t.class_id join staff s on s.id = t.staff_id
                where c.school_id = ? and c.active order by s.display_name""")
                .param(schoolId)
                .query((rs, n) -> new TeachingRow(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public record TeachingRow(long classId, String teacher, String subject) {
    }

    /** Each staff member's team, by staff id. */
    public java.util.Map<Long, String> teams(long schoolId) {
        java.util.Map<Long, String> teams = new java.util.HashMap<>();
        jdbc.sql("select s.id, t.name from staff s join team t on t.id = s.team_id where s.school_id = ?").param(schoolId)
                .query(rs -> {
                    teams.put(rs.getLong(1), rs.getString(2));
                });
        return teams;
    }

    public java.util.Optional<Long> teamOf(long staffId) {
        return jdbc.sql("select team_id from staff where id = ? and team_id is not null").param(staffId).query(Long.class).optional();
    }
}
