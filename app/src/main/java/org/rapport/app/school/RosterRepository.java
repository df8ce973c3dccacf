package org.rapport.app.school;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.security.StaffUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A school's people and classes: owns the tables class_group, teaching, staff (with the accounts'
 * e-mails and password hashes) and team.
 */
@Repository
class RosterRepository {
    private static final String STAFF_COLUMNS =
            "s.id, s.school_id, s.staff_ref, s.email, s.display_name, s.role, s.is_leader, s.active, s.password_hash is not null, s.language";
    private static final String CLASS_COLUMNS = "id, school_id, class_ref, name, year_group, pupils, family_languages";
    private final JdbcClient jdbc;

    RosterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static StaffMember staffMember(ResultSet rs, int n) throws SQLException {
        return new StaffMember(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getString(10));
    }

    private static ClassGroup classGroup(ResultSet rs, int n) throws SQLException {
        return new ClassGroup(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7));
    }

    /** Per school: its active classes and staff, and the ids of its active staff without a password. */
    record Setup(long schoolId, int classes, int staff, List<Long> withoutPassword) {
    }

    /** {@link Setup} of each of these schools, in one statement. */
    List<Setup> setup(Collection<Long> schoolIds) {
        return jdbc.sql("""
                        select s.id,
                               (select count(*) from class_group c where c.school_id = s.id and c.active),
                               (select count(*) from staff t where t.school_id = s.id and t.active),
                               array(select t.id from staff t where t.school_id = s.id and t.active and t.password_hash is null order by t.id)
                        from unnest(?::bigint[]) as s(id)""")
                .param(schoolIds.toArray(Long[]::new))
                .query((rs, n) -> new Setup(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        java.util.Arrays.stream((Long[]) rs.getArray(4).getArray()).toList()))
                .list();
    }

    // classes and teaching

    long upsertClass(long schoolId, Roster.ClassRow c) {
        return jdbc.sql("""
                insert into class_group (school_id, class_ref, name, year_group, pupils, family_languages, active)
                values (?, ?, ?, ?, ?, ?, true)
                on conflict (school_id, class_ref) do update
                  set name = excluded.name, year_group = excluded.year_group, pupils = excluded.pupils,
                      family_languages = excluded.family_languages, active = true
                returning id""")
                .params(schoolId, c.ref(), c.name(), c.yearGroup(), c.pupils(), c.familyLanguages()).query(Long.class).single();
    }

    int retireClassesNotIn(long schoolId, Collection<String> refs) {
        return jdbc.sql("update class_group set active = false where school_id = ? and active and not (class_ref = any (?))")
                .params(schoolId, refs.toArray(String[]::new)).update();
    }

    void replaceTeaching(long schoolId, List<long[]> classAndStaff, List<String> subjects) {
        jdbc.sql("delete from teaching where class_id in (select id from class_group where school_id = ?)").param(schoolId).update();
        for (int k = 0; k < classAndStaff.size(); k++) {
            jdbc.sql("insert into teaching (class_id, staff_id, subject) values (?, ?, ?)")
                    .params(classAndStaff.get(k)[0], classAndStaff.get(k)[1], subjects.get(k)).update();
        }
    }

    List<ClassGroup> classes(long schoolId, boolean withRetired) {
        // year groups and names are text: "10" sorts before "7" there, so the order is made here (ClassGroup.NATURAL)
        List<ClassGroup> out = new java.util.ArrayList<>(jdbc.sql("select " + CLASS_COLUMNS + " from class_group where school_id = ? and (active or ?)")
                .params(schoolId, withRetired).query(RosterRepository::classGroup).list());
        out.sort(ClassGroup.IN_ORDER);
        return out;
    }

    Optional<ClassGroup> findClass(long classId) {
        return jdbc.sql("select " + CLASS_COLUMNS + " from class_group where id = ?").param(classId)
                .query(RosterRepository::classGroup).optional();
    }

    /** The class's active teachers, named as pupils see them: the names file's name where it has one. */
    List<StaffMember> teachersOf(long classId) {
        return jdbc.sql("""
                select s.id, s.school_id, s.staff_ref, s.email, coalesce(l.pupil_name, s.display_name), s.role, s.is_leader, s.active,
                       s.password_hash is not null, s.language
                 from teaching t join staff s on s.id = t.staff_id
                 left join staff_label l on l.school_id = s.school_id and l.staff_ref = s.staff_ref
                where t.class_id = ? and s.active order by coalesce(l.pupil_name, s.display_name)""")
                .param(classId).query(RosterRepository::staffMember).list();
    }

    // a timetable's pupils, as patterns of classes

    long upsertPattern(long schoolId, long homeClassId, long[] classIds, int pupils) {
        return jdbc.sql("""
                insert into pupil_pattern (school_id, home_class_id, class_ids, pupils, active) values (?, ?, ?, ?, true)
                on conflict (school_id, class_ids) do update set home_class_id = excluded.home_class_id, pupils = excluded.pupils, active = true
                returning id""")
                .params(schoolId, homeClassId, java.util.Arrays.stream(classIds).boxed().toArray(Long[]::new), pupils).query(Long.class).single();
    }

    void retirePatternsNotIn(long schoolId, Collection<Long> ids) {
        jdbc.sql("update pupil_pattern set active = false where school_id = ? and active and not (id = any (?))")
                .params(schoolId, ids.toArray(Long[]::new)).update();
    }

    private static PupilPattern pattern(ResultSet rs, int n) throws SQLException {
        Long[] ids = (Long[]) rs.getArray(4).getArray();
        return new PupilPattern(rs.getLong(1), rs.getLong(2), rs.getLong(3), List.of(ids), rs.getInt(5), rs.getBoolean(6));
    }

    List<PupilPattern> patterns(long schoolId) {
        return jdbc.sql("select id, school_id, home_class_id, class_ids, pupils, active from pupil_pattern where school_id = ? and active order by id")
                .param(schoolId).query(RosterRepository::pattern).list();
    }

    List<PupilPattern> patternsById(Collection<Long> ids) {
        return jdbc.sql("select id, school_id, home_class_id, class_ids, pupils, active from pupil_pattern where id = any(?) order by id")
                .param(ids.toArray(Long[]::new)).query(RosterRepository::pattern).list();
    }

    // the names file's labels

    void replaceLabels(long schoolId, List<Roster.Label> labels) {
        jdbc.sql("delete from staff_label where school_id = ?").param(schoolId).update();
        for (Roster.Label l : labels) {
            jdbc.sql("insert into staff_label (school_id, staff_ref, pupil_name, team) values (?, ?, ?, ?)")
                    .params(schoolId, l.staffRef(), l.pupilName(), l.team()).update();
        }
    }

    List<Roster.Label> labels(long schoolId) {
        return jdbc.sql("select staff_ref, pupil_name, team from staff_label where school_id = ? order by staff_ref").param(schoolId)
                .query((rs, n) -> new Roster.Label(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Whether the member of staff teaches a class in the roster. */
    boolean teaches(long staffId) {
        return jdbc.sql("select exists (select 1 from teaching where staff_id = ?)").param(staffId).query(Boolean.class).single();
    }

    /** Who teaches which of the school's active classes, with the class's reference and the teacher's record. */
    record TeachingLink(String classRef, String className, long staffId, String teacher, String subject) {
    }

    List<TeachingLink> teachingLinks(long schoolId) {
        return jdbc.sql("""
                select c.class_ref, c.name, t.staff_id, s.display_name, t.subject from teaching t
                join class_group c on c.id = t.class_id join staff s on s.id = t.staff_id
                where c.school_id = ? and c.active""")
                .param(schoolId)
                .query((rs, n) -> new TeachingLink(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5))).list();
    }

    List<Schools.TeachingRow> teaching(long schoolId) {
        return jdbc.sql("""
                select c.id, s.display_name, t.subject from teaching t
                join class_group c on c.id = t.class_id join staff s on s.id = t.staff_id
                where c.school_id = ? and c.active order by s.display_name""")
                .param(schoolId)
                .query((rs, n) -> new Schools.TeachingRow(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * Every class of these schools with its school and teachers, and every team member with the team's school: the teams of
     * these windows as they were when each opened ({@code windowIds} null: today's teams).
     */
    SchoolStructure structure(Collection<Long> schoolIds, Collection<Long> windowIds) {
        Long[] ids = schoolIds.toArray(Long[]::new);
        SchoolStructure.Builder b = new SchoolStructure.Builder();
        jdbc.sql("""
                select c.id, c.school_id, t.staff_id from class_group c left join teaching t on t.class_id = c.id
                where c.school_id = any(?)""").param(ids)
                .query(rs -> {
                    b.classIn(rs.getLong(1), rs.getLong(2));
                    Long staff = rs.getObject(3, Long.class);
                    if (staff != null) {
                        b.teaches(staff, rs.getLong(1), rs.getLong(2));
                    }
                });
        jdbc.sql("select id from staff where school_id = any(?)").param(ids)
                .query(rs -> {
                    b.onStaff(rs.getLong(1));
                });
        if (windowIds == null) {
            jdbc.sql("select s.id, t.id, t.school_id from staff s join team t on t.id = s.team_id where t.school_id = any(?)").param(ids)
                    .query(rs -> {
                        b.inTeam(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    });
        } else {
            jdbc.sql("select staff_id, team_id, school_id from window_team where window_id = any(?) and school_id = any(?)")
                    .params(windowIds.toArray(Long[]::new), ids)
                    .query(rs -> {
                        b.inTeam(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    });
        }
        return b.build();
    }

    /** A window's teams as the school's are now, kept as they are for good (a window opened again keeps its first). */
    void freezeTeams(long windowId, long schoolId) {
        jdbc.sql("""
                insert into window_team (window_id, staff_id, team_id, school_id)
                select ?, s.id, t.id, t.school_id from staff s join team t on t.id = s.team_id where t.school_id = ?
                on conflict do nothing""").params(windowId, schoolId).update();
    }

    /** Each member of staff in a team when these windows opened, with that team. */
    Map<Long, Long> teamsIn(Collection<Long> windowIds) {
        Map<Long, Long> teams = new HashMap<>();
        jdbc.sql("select staff_id, team_id from window_team where window_id = any(?)").param(windowIds.toArray(Long[]::new))
                .query(rs -> {
                    teams.put(rs.getLong(1), rs.getLong(2));
                });
        return teams;
    }

    /** The team a member of staff was in when a window opened. */
    Optional<Long> teamIn(long staffId, long windowId) {
        return jdbc.sql("select team_id from window_team where staff_id = ? and window_id = ?").params(staffId, windowId)
                .query(Long.class).optional();
    }

    // staff and teams

    long upsertTeam(long schoolId, String name) {
        return jdbc.sql("""
                insert into team (school_id, name) values (?, ?)
                on conflict (school_id, name) do update set name = excluded.name returning id""")
                .params(schoolId, name).query(Long.class).single();
    }

    /**
     * An account found by a roster row's e-mail takes the row's staff id: one of the school's (its first admin,
     * who had none, or a person the school system numbers differently), or one of the network's admins, who joins
     * the school's staff with it.
     */
    void takeStaffRef(long staffId, long schoolId, String ref) {
        jdbc.sql("update staff set staff_ref = ?, school_id = ? where id = ? and (school_id = ? or (school_id is null and role = 'NETWORK_ADMIN'))")
                .params(ref, schoolId, staffId, schoolId).update();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(?)").param(email).query(Long.class).single() > 0;
    }

    /**
     * Upserts a roster's member of staff by staff id, active. With {@code rolesListed} (a staff file, a OneRoster
     * bundle) the row decides the role: a leader is a school admin, anyone else a teacher. Without, an active
     * account keeps its role and one that comes back from inactive is a teacher. A network admin stays one (the
     * row says only whether they lead the school). Teams change only when the file has them.
     */
    long upsertStaff(long networkId, long schoolId, Roster.StaffRow s, Long teamId, boolean rolesListed) {
        return jdbc.sql("""
                insert into staff (network_id, school_id, staff_ref, email, display_name, role, is_leader, active, team_id)
                values (?, ?, ?, ?, ?, ?, ?, true, ?)
                on conflict (school_id, staff_ref) do update
                  set email = excluded.email, display_name = excluded.display_name, active = true,
                      role = case when staff.role = 'NETWORK_ADMIN' then staff.role when ? then excluded.role
                                  when staff.active then staff.role else 'TEACHER' end,
                      is_leader = case when ? then excluded.is_leader when staff.active then staff.is_leader else false end,
                      team_id = case when ? then excluded.team_id else staff.team_id end
                returning id""")
                .params(networkId, schoolId, s.ref(), s.email(), s.name(), rolesListed && s.leader() ? "SCHOOL_ADMIN" : "TEACHER",
                        rolesListed && s.leader(), teamId, rolesListed, rolesListed, s.teamGiven())
                .query(Long.class).single();
    }

    /**
     * Makes every active account of the school with a staff id not in {@code refs} inactive: it can no longer
     * sign in, and keeps its rows. Accounts without a staff id (a school's first admin before a roster names
     * them) and network admins are not touched. Answers how many.
     */
    int deactivateStaffNotIn(long schoolId, Collection<String> refs) {
        return jdbc.sql("""
                update staff set active = false where school_id = ? and staff_ref is not null and active and role <> 'NETWORK_ADMIN'
                and not (staff_ref = any (?))""")
                .params(schoolId, refs.toArray(String[]::new)).update();
    }

    /**
     * The network's admins on the school's staff whom the staff list no longer has leave the staff: still the
     * network's admins (a school's roster never switches them off), no longer people of the school. Answers how many.
     */
    int networkAdminsLeaveStaffNotIn(long schoolId, Collection<String> refs) {
        return jdbc.sql("""
                update staff set school_id = null, staff_ref = null, is_leader = false, team_id = null
                where school_id = ? and staff_ref is not null and role = 'NETWORK_ADMIN' and not (staff_ref = any (?))""")
                .params(schoolId, refs.toArray(String[]::new)).update();
    }

    /** A network admin becomes a person of the school (its head, set up on its own), a leader of it or not. */
    void joinSchool(long staffId, long schoolId, boolean leader) {
        jdbc.sql("update staff set school_id = ?, is_leader = ? where id = ? and role = 'NETWORK_ADMIN'").params(schoolId, leader, staffId).update();
    }

    /** A new account: a network admin (no school) or a school admin. */
    long createAccount(long networkId, Long schoolId, String email, String name, StaffUser.Role role) {
        return jdbc.sql("""
                insert into staff (network_id, school_id, email, display_name, role, is_leader)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(networkId, schoolId, email, name, role.name(), role == StaffUser.Role.SCHOOL_ADMIN)
                .query(Long.class).single();
    }

    long networkOf(long staffId) {
        return jdbc.sql("select network_id from staff where id = ?").param(staffId).query(Long.class).single();
    }

    Optional<StaffMember> findByEmail(String email) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where lower(s.email) = lower(?)").param(email)
                .query(RosterRepository::staffMember).optional();
    }

    void setPasswordHash(long staffId, String hash) {
        jdbc.sql("update staff set password_hash = ? where id = ?").params(hash, staffId).update();
    }

    List<StaffMember> staff(long schoolId) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.school_id = ? order by s.active desc, s.display_name")
                .param(schoolId).query(RosterRepository::staffMember).list();
    }

    /** The staff of several schools in one statement. */
    List<StaffMember> staff(java.util.Collection<Long> schoolIds) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.school_id = any(?) order by s.school_id, s.id")
                .param(schoolIds.toArray(Long[]::new)).query(RosterRepository::staffMember).list();
    }

    /** The school's accounts, locked until the transaction ends (an import reads them, decides, then changes them). */
    List<StaffMember> staffForUpdate(long schoolId) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.school_id = ? order by s.id for update")
                .param(schoolId).query(RosterRepository::staffMember).list();
    }

    List<StaffMember> networkAdmins(long networkId) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.network_id = ? and s.role = 'NETWORK_ADMIN' order by s.id")
                .param(networkId).query(RosterRepository::staffMember).list();
    }

    Optional<StaffMember> findStaff(long staffId) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.id = ?").param(staffId)
                .query(RosterRepository::staffMember).optional();
    }

    Map<Long, String> names(Collection<Long> staffIds) {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, display_name from staff where id = any(?)").param(staffIds.toArray(Long[]::new))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    Map<Long, String> teamNames(long schoolId) {
        Map<Long, String> teams = new HashMap<>();
        jdbc.sql("select s.id, t.name from staff s join team t on t.id = s.team_id where s.school_id = ?").param(schoolId)
                .query(rs -> {
                    teams.put(rs.getLong(1), rs.getString(2));
                });
        return teams;
    }

    /** Each active member of staff of the school who is in a team, with their team's id. */
    Map<Long, Long> teamIds(long schoolId) {
        Map<Long, Long> teams = new HashMap<>();
        jdbc.sql("select id, team_id from staff where school_id = ? and team_id is not null and active").param(schoolId)
                .query(rs -> {
                    teams.put(rs.getLong(1), rs.getLong(2));
                });
        return teams;
    }

    Optional<Long> teamOf(long staffId) {
        return jdbc.sql("select team_id from staff where id = ? and team_id is not null").param(staffId).query(Long.class).optional();
    }

    Optional<StaffUser> login(String email) {
        return jdbc.sql("""
                select id, network_id, school_id, email, display_name, role, password_hash, active, language
                from staff where lower(email) = lower(?)""")
                .param(email)
                .query((rs, n) -> new StaffUser(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getString(5), StaffUser.Role.valueOf(rs.getString(6)), rs.getString(7), rs.getBoolean(8), true, rs.getString(9)))
                .optional();
    }

    void setLanguage(long staffId, String language) {
        jdbc.sql("update staff set language = ? where id = ?").params(language, staffId).update();
    }

    // a school's people changed one by one (people.People): a staff id, a retirement, two records merged

    Optional<StaffMember> findByRef(long schoolId, String ref) {
        return jdbc.sql("select " + STAFF_COLUMNS + " from staff s where s.school_id = ? and s.staff_ref = ?").params(schoolId, ref)
                .query(RosterRepository::staffMember).optional();
    }

    /**
     * The person's staff id becomes {@code ref}; the names file's line of their old id (the name pupils see, the team)
     * goes with them, replacing any line the new id had. Without a line of their own, a line the new id has is theirs now.
     */
    void setStaffRef(long staffId, String ref) {
        moveLabel(staffId, ref);
        jdbc.sql("update staff set staff_ref = ? where id = ?").params(ref, staffId).update();
    }

    private void moveLabel(long staffId, String ref) {
        jdbc.sql("""
                with own as (select l.school_id from staff s join staff_label l on l.school_id = s.school_id and l.staff_ref = s.staff_ref
                              where s.id = ? and s.staff_ref is distinct from ?)
                delete from staff_label l using own where l.school_id = own.school_id and l.staff_ref = ?""")
                .params(staffId, ref, ref).update();
        jdbc.sql("""
                update staff_label l set staff_ref = ? from staff s
                 where s.id = ? and l.school_id = s.school_id and l.staff_ref = s.staff_ref and s.staff_ref is distinct from ?""")
                .params(ref, staffId, ref).update();
    }

    /** The names file's line of the person's staff id: the name pupils see and the team (null if none). */
    Optional<Roster.Label> labelOf(long staffId) {
        return jdbc.sql("""
                select l.staff_ref, l.pupil_name, l.team from staff s join staff_label l on l.school_id = s.school_id and l.staff_ref = s.staff_ref
                 where s.id = ?""").param(staffId).query((rs, n) -> new Roster.Label(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    void deactivate(long staffId) {
        jdbc.sql("update staff set active = false where id = ?").param(staffId).update();
    }

    /** The current classes a member of staff teaches, by name. */
    List<String> classesTaught(long staffId) {
        List<String> names = new java.util.ArrayList<>(jdbc.sql("select c.name from teaching t join class_group c on c.id = t.class_id"
                + " where t.staff_id = ? and c.active").param(staffId).query(String.class).list());
        names.sort(ClassGroup.NATURAL);
        return names;
    }

    /**
     * {@code from}'s record goes into {@code into}'s: their classes, their team where {@code into} has none, and the
     * role of whichever is active (the higher if both are; a network admin stays one); then {@code from}'s account
     * is deleted (with its links and its failed sign-ins). {@code ref}: the staff id {@code into} keeps.
     */
    /** What {@code into} becomes when {@code from} is merged into it: the role, leadership and activity of either, staff id {@code ref}. */
    static StaffMember merged(StaffMember from, StaffMember into, String ref) {
        boolean fromAdmin = from.active() && from.role().equals("SCHOOL_ADMIN");
        boolean intoAdmin = into.active() && into.role().equals("SCHOOL_ADMIN") || !from.active() && into.role().equals("SCHOOL_ADMIN");
        String role = into.role().equals("NETWORK_ADMIN") ? "NETWORK_ADMIN" : fromAdmin || intoAdmin ? "SCHOOL_ADMIN" : "TEACHER";
        boolean leader = (from.active() && from.leader()) || ((into.active() || !from.active()) && into.leader());
        return new StaffMember(into.id(), into.schoolId(), ref, into.email(), into.name(), role, leader || role.equals("SCHOOL_ADMIN"),
                from.active() || into.active(), into.canLogIn(), into.language());
    }

    void merge(StaffMember from, StaffMember into, String ref) {
        jdbc.sql("insert into teaching (class_id, staff_id, subject) select class_id, ?, subject from teaching where staff_id = ? on conflict do nothing")
                .params(into.id(), from.id()).update();
        jdbc.sql("delete from teaching where staff_id = ?").param(from.id()).update();
        StaffMember merged = merged(from, into, ref);
        jdbc.sql("update staff set team_id = coalesce(team_id, (select team_id from staff where id = ?)), role = ?, is_leader = ?, active = ? where id = ?")
                .params(from.id(), merged.role(), merged.leader(), merged.active(), into.id()).update();
        // the names file's line of the staff id kept stays; without one, the dropped id's line comes under it
        String dropped = ref != null && ref.equals(from.ref()) ? into.ref() : from.ref();
        if (dropped != null) {
            boolean keptLabelled = ref != null && jdbc.sql("select count(*) from staff_label where school_id = ? and staff_ref = ?")
                    .params(into.schoolId(), ref).query(Long.class).single() > 0;
            if (ref != null && !keptLabelled) {
                jdbc.sql("update staff_label set staff_ref = ? where school_id = ? and staff_ref = ?").params(ref, into.schoolId(), dropped).update();
            } else {
                jdbc.sql("delete from staff_label where school_id = ? and staff_ref = ?").params(into.schoolId(), dropped).update();
            }
        }
        // the windows' teams: the kept record is in the team the other was in, for a window it was in none of its own
        jdbc.sql("""
                insert into window_team (window_id, staff_id, team_id, school_id) select window_id, ?, team_id, school_id
                from window_team where staff_id = ? on conflict do nothing""").params(into.id(), from.id()).update();
        jdbc.sql("delete from staff where id = ?").param(from.id()).update();
        jdbc.sql("update staff set staff_ref = ? where id = ?").params(ref, into.id()).update();
    }
}
