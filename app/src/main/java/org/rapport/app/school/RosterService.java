package org.rapport.app.school;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a roster into a school: classes, staff and teaching are upserted by their ids, in one transaction. */
@Service
public class RosterService {
    private final JdbcClient jdbc;

    public RosterService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ImportSummary(int classes, int staff, int teaching, int classesRetired) {
    }

    @Transactional
    public ImportSummary importRoster(School school, Roster roster) {
        checkEmailsFree(school, roster);
        Map<String, Long> classIds = new HashMap<>();
        for (Roster.ClassRow c : roster.classes()) {
            long id = jdbc.sql("""
                    insert into class_group (school_id, class_ref, name, year_group, pupils, active)
                    values (?, ?, ?, ?, ?, true)
                    on conflict (school_id, class_ref) do update
                      set name = excluded.name, year_group = excluded.year_group, pupils = excluded.pupils, active = true
                    returning id""")
                    .params(school.id(), c.ref(), c.name(), c.yearGroup(), c.pupils()).query(Long.class).single();
            classIds.put(c.ref(), id);
        }
        Map<String, Long> teamIds = new HashMap<>();
        for (Roster.StaffRow s : roster.staff()) {
            if (s.team() != null && !teamIds.containsKey(s.team())) {
                teamIds.put(s.team(), jdbc.sql("""
                        insert into team (school_id, name) values (?, ?)
                        on conflict (school_id, name) do update set name = excluded.name returning id""")
                        .params(school.id(), s.team()).query(Long.class).single());
            }
        }
        Map<String, Long> staffIds = new HashMap<>();
        for (Roster.StaffRow s : roster.staff()) {
            // a staff file with a team column sets each team (none where blank); without one, teams stay as they were
            long id = jdbc.sql("""
                    insert into staff (network_id, school_id, staff_ref, email, display_name, role, is_leader, active, team_id)
                    values (?, ?, ?, ?, ?, ?, ?, true, ?)
                    on conflict (school_id, staff_ref) do update
                      set email = excluded.email, display_name = excluded.display_name, active = true,
                          is_leader = excluded.is_leader,
                          role = case when staff.role = 'SCHOOL_ADMIN' then 'SCHOOL_ADMIN' else excluded.role end,
                          team_id = case when ? then excluded.team_id else staff.team_id end
                    returning id""")
                    .params(school.networkId(), school.id(), s.ref(), s.email(), s.name(),
                            s.leader() ? "SCHOOL_ADMIN" : "TEACHER", s.leader(), s.team() == null ? null : teamIds.get(s.team()),
                            s.teamGiven())
                    .query(Long.class).single();
            staffIds.put(s.ref(), id);
        }
        jdbc.sql("delete from teaching where class_id in (select id from class_group where school_id = ?)")
                .param(school.id()).update();
        for (Roster.Teaching t : roster.teaching()) {
            jdbc.sql("insert into teaching (class_id, staff_id, subject) values (?, ?, ?)")
                    .params(classIds.get(t.classRef()), staffIds.get(t.staffRef()), t.subject()).update();
        }
        int retired = jdbc.sql("update class_group set active = false where school_id = ? and active and not (class_ref = any (?))")
                .params(school.id(), roster.classes().stream().map(Roster.ClassRow::ref).toArray(String[]::new)).update();
        return new ImportSummary(roster.classes().size(), roster.staff().size(), roster.teaching().size(), retired);
    }

    /** An e-mail may belong to one account only, across all schools. */
    private void checkEmailsFree(School school, Roster roster) {
        List<RosterError> errors = new ArrayList<>();
        for (Roster.StaffRow s : roster.staff()) {
            List<String> owners = jdbc.sql("""
                    select coalesce(staff_ref, '') from staff
                    where lower(email) = ? and (school_id is distinct from ? or staff_ref is distinct from ?)""")
                    .params(s.email().toLowerCase(Locale.ROOT), school.id(), s.ref()).query(String.class).list();
            if (!owners.isEmpty()) {
                errors.add(new RosterError("roster", 0, 0, "teacher_email",
                        "e-mail " + s.email() + " of staff id " + s.ref() + " already belongs to another account"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(errors);
        }
    }
}
