package org.rapport.app.school;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a roster into a school: classes, staff and teaching are upserted by their ids, in one transaction. */
@Service
public class RosterService {
    private final RosterRepository roster;

    RosterService(RosterRepository roster) {
        this.roster = roster;
    }

    public record ImportSummary(int classes, int staff, int teaching, int classesRetired) {
    }

    @Transactional
    public ImportSummary importRoster(School school, Roster file) {
        checkEmailsFree(school, file);
        Map<String, Long> classIds = new HashMap<>();
        for (Roster.ClassRow c : file.classes()) {
            classIds.put(c.ref(), roster.upsertClass(school.id(), c));
        }
        Map<String, Long> teamIds = new HashMap<>();
        for (Roster.StaffRow s : file.staff()) {
            if (s.team() != null) {
                teamIds.computeIfAbsent(s.team(), t -> roster.upsertTeam(school.id(), t));
            }
        }
        Map<String, Long> staffIds = new HashMap<>();
        for (Roster.StaffRow s : file.staff()) {
            roster.adoptAccount(school.id(), s.ref(), s.email());
            staffIds.put(s.ref(), roster.upsertStaff(school.networkId(), school.id(), s, s.team() == null ? null : teamIds.get(s.team())));
        }
        List<long[]> pairs = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Roster.Teaching t : file.teaching()) {
            pairs.add(new long[] {classIds.get(t.classRef()), staffIds.get(t.staffRef())});
            subjects.add(t.subject());
        }
        roster.replaceTeaching(school.id(), pairs, subjects);
        int retired = roster.retireClassesNotIn(school.id(), file.classes().stream().map(Roster.ClassRow::ref).toList());
        return new ImportSummary(file.classes().size(), file.staff().size(), file.teaching().size(), retired);
    }

    /** An e-mail may belong to one account only, across all schools. */
    private void checkEmailsFree(School school, Roster file) {
        List<RosterError> errors = new ArrayList<>();
        for (Roster.StaffRow s : file.staff()) {
            if (roster.emailHeldElsewhere(school.id(), s.ref(), s.email())) {
                errors.add(new RosterError("roster", 0, 0, "teacher_email",
                        "e-mail " + s.email() + " of staff id " + s.ref() + " already belongs to another account"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(errors);
        }
    }
}
