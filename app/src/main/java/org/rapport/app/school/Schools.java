package org.rapport.app.school;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What other features may read of networks, schools, classes and staff. */
@Service
public class Schools {
    private final SchoolRepository schools;
    private final RosterRepository roster;
    private final AccountTokens tokens;

    Schools(SchoolRepository schools, RosterRepository roster, AccountTokens tokens) {
        this.schools = schools;
        this.roster = roster;
        this.tokens = tokens;
    }

    /**
     * How far a school is with its people: its active classes and staff, how many of its staff have no
     * password yet, and how many of those have an invitation that has not expired at {@code now}.
     */
    public record Readiness(long schoolId, int classes, int staff, int withoutPassword, int invited) {
    }

    /** The {@link Readiness} of each of these schools, by id, in two statements whatever their number. */
    public Map<Long, Readiness> readiness(Collection<Long> schoolIds, java.time.Instant now) {
        if (schoolIds.isEmpty()) {
            return Map.of();
        }
        List<RosterRepository.Setup> setups = roster.setup(schoolIds);
        java.util.Set<Long> invited = tokens.invited(setups.stream().flatMap(s -> s.withoutPassword().stream()).toList(), now);
        Map<Long, Readiness> out = new java.util.LinkedHashMap<>();
        for (RosterRepository.Setup s : setups) {
            out.put(s.schoolId(), new Readiness(s.schoolId(), s.classes(), s.staff(), s.withoutPassword().size(),
                    (int) s.withoutPassword().stream().filter(invited::contains).count()));
        }
        return out;
    }

    public record TeachingRow(long classId, String teacher, String subject) {
    }

    public Optional<School> find(long schoolId) {
        return schools.find(schoolId);
    }

    public List<School> inNetwork(long networkId) {
        return schools.inNetwork(networkId);
    }

    public String networkName(long networkId) {
        return schools.networkName(networkId);
    }

    public Optional<Long> networkNamed(String name) {
        return schools.networkNamed(name);
    }

    /** Every network on this server (for jobs that go through them all). */
    public List<Long> networkIds() {
        return schools.networkIds();
    }

    public boolean anyNetwork() {
        return schools.anyNetwork();
    }

    /** The school's current classes, by year group and class id. */
    public List<ClassGroup> classes(long schoolId) {
        return roster.classes(schoolId, false);
    }

    /** Its classes, retired ones too (earlier windows may have answers of them). */
    public List<ClassGroup> classesEver(long schoolId) {
        return roster.classes(schoolId, true);
    }

    public Optional<ClassGroup> findClass(long classId) {
        return roster.findClass(classId);
    }

    /** Teachers of a class, as shown to its pupils, in name order. */
    public List<StaffMember> teachersOf(long classId) {
        return roster.teachersOf(classId);
    }

    /** The school's current patterns of pupils (a timetable's: empty for a roster that counts each class's pupils). */
    public List<PupilPattern> patterns(long schoolId) {
        return roster.patterns(schoolId);
    }

    /** These patterns, current or not. */
    public List<PupilPattern> patterns(Collection<Long> patternIds) {
        return patternIds.isEmpty() ? List.of() : roster.patternsById(patternIds);
    }

    /** The name pupils see of each member of staff of the school who has one from the names file, by staff id (staff_ref). */
    public Map<String, String> pupilNames(long schoolId) {
        Map<String, String> out = new java.util.HashMap<>();
        roster.labels(schoolId).stream().filter(l -> l.pupilName() != null).forEach(l -> out.put(l.staffRef(), l.pupilName()));
        return out;
    }

    /** Whether the member of staff teaches a class in the roster. */
    public boolean teaches(long staffId) {
        return roster.teaches(staffId);
    }

    public List<TeachingRow> teaching(long schoolId) {
        return roster.teaching(schoolId);
    }

    public List<StaffMember> staff(long schoolId) {
        return roster.staff(schoolId);
    }

    /** The staff of each of these schools, read in one statement. */
    public Map<Long, List<StaffMember>> staff(Collection<Long> schoolIds) {
        return schoolIds.isEmpty() ? Map.of() : roster.staff(schoolIds).stream()
                .collect(java.util.stream.Collectors.groupingBy(StaffMember::schoolId));
    }

    public List<StaffMember> networkAdmins(long networkId) {
        return roster.networkAdmins(networkId);
    }

    public Optional<StaffMember> findStaff(long staffId) {
        return roster.findStaff(staffId);
    }

    public Map<Long, String> names(Collection<Long> staffIds) {
        return roster.names(staffIds);
    }

    /** Each staff member's team name, by staff id. */
    public Map<Long, String> teams(long schoolId) {
        return roster.teamNames(schoolId);
    }

    /** Each member of staff of the school who is in a team, with their team's id. */
    public Map<Long, Long> teamIds(long schoolId) {
        return roster.teamIds(schoolId);
    }

    public Optional<Long> teamOf(long staffId) {
        return roster.teamOf(staffId);
    }

    /** These schools as the roster has them now, teams included. */
    public SchoolStructure structure(Collection<Long> schoolIds) {
        return roster.structure(schoolIds, null);
    }

    /** These schools as the roster has them now, with the teams these windows had when each opened. */
    public SchoolStructure structure(Collection<Long> schoolIds, Collection<Long> windowIds) {
        return roster.structure(schoolIds, windowIds);
    }

    /**
     * Keeps the school's teams as they are now as the window's teams, for good: its team results pool the same teachers whatever
     * staff files come later (called as the window opens; a window opened again keeps its first).
     */
    public void freezeTeams(long windowId, long schoolId) {
        roster.freezeTeams(windowId, schoolId);
    }

    /** Each member of staff in a team when these windows opened, with that team's id. */
    public Map<Long, Long> teamsIn(Collection<Long> windowIds) {
        return windowIds.isEmpty() ? Map.of() : roster.teamsIn(windowIds);
    }

    /** The team a member of staff was in when a window opened (none: in no team then, or the window never opened). */
    public Optional<Long> teamIn(long staffId, long windowId) {
        return roster.teamIn(staffId, windowId);
    }
}
