package org.rapport.app.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.PupilPattern;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generates a window's codes: one per pupil seat and one per family of each class, one per teacher
 * and one per leader. Generating again for a group replaces its unused codes (a lost sheet) and
 * keeps the used ones, so each group always has as many codes as seats.
 * <p>
 * A timetable's pupils (a OneRoster import, {@link Schools#patterns}) get one code each, not one per class
 * they are in: their home group's sheet has a code per pupil, each made for the pupil's set of classes (its
 * pattern, sealed on the code until it is used, and shown on the slip so that each pupil takes theirs), and
 * families one code per pupil of the home group. Sets are no group of their own.
 */
@Service
public class CodeService {
    private final CodeRepository codes;
    private final Schools schools;
    private final CodeHasher hasher;
    private final org.rapport.app.config.Sealer sealer;
    private final SecureRandom random = new SecureRandom();

    CodeService(CodeRepository codes, Schools schools, CodeHasher hasher, org.rapport.app.config.Sealer sealer) {
        this.codes = codes;
        this.schools = schools;
        this.hasher = hasher;
        this.sealer = sealer;
    }

    /**
     * One printable slip. The code exists only here and on paper; the database keeps its hash. {@code classes}: for a
     * timetable pupil, the classes the code is for besides the home group (how the pupil knows the slip is theirs), else null.
     */
    public record Slip(String code, RespondentRole role, String group, String classes) {
        public Slip(String code, RespondentRole role, String group) {
            this(code, role, group, null);
        }

        public String formatted() {
            return AccessCode.format(code);
        }
    }

    public record Batch(SurveyWindow window, RespondentRole role, List<Group> groups) {
    }

    public record Group(String name, Long classId, int alreadyUsed, List<Slip> slips) {
    }

    @Transactional
    public Batch generate(SurveyWindow window, RespondentRole role, List<Long> classIds) {
        if (window.status() == SurveyWindow.Status.CLOSED) {
            throw new ConflictException("window", "this window is closed; open a new window to survey again");
        }
        List<Group> groups = new ArrayList<>();
        if (role.perClass()) {
            List<ClassGroup> classes = schools.classes(window.schoolId());
            List<ClassGroup> chosen = classIds == null || classIds.isEmpty() ? classes
                    : classes.stream().filter(c -> classIds.contains(c.id())).toList();
            if (classIds != null && chosen.size() != classIds.size()) {
                throw new InvalidInputException("classes", "some classes are not classes of this school");
            }
            List<PupilPattern> patterns = schools.patterns(window.schoolId());
            Map<Long, List<PupilPattern>> byHome = new HashMap<>();
            patterns.forEach(p -> byHome.computeIfAbsent(p.homeClassId(), h -> new ArrayList<>()).add(p));
            Map<Long, String> names = new HashMap<>();
            classes.forEach(c -> names.put(c.id(), c.name()));
            if (!patterns.isEmpty() && classIds != null && !classIds.isEmpty()) {
                chosen.stream().filter(c -> !byHome.containsKey(c.id())).findFirst().ifPresent(c -> {
                    throw new InvalidInputException("classes", c.name() + " is a teaching set: its pupils' codes are in their home groups "
                            + "(tutor or year groups), one code per pupil for all their classes");
                });
            }
            for (ClassGroup c : chosen) {
                if (patterns.isEmpty()) {
                    groups.add(generateGroup(window, role, c.id(), c.name(), c.pupils()));
                } else if (byHome.containsKey(c.id())) {
                    // a timetable: a code per pupil of the home group; a set's pupils have theirs in their home group
                    List<PupilPattern> home = byHome.get(c.id());
                    groups.add(role == RespondentRole.PUPIL ? generatePatternGroup(window, c, home, names)
                            : generateGroup(window, role, c.id(), c.name(), home.stream().mapToInt(PupilPattern::pupils).sum()));
                }
            }
        } else {
            List<StaffMember> staff = schools.staff(window.schoolId()).stream()
                    .filter(StaffMember::active)
                    .filter(s -> role == RespondentRole.LEADER ? s.leader() : !s.leader())
                    .toList();
            groups.add(generateGroup(window, role, null, role == RespondentRole.LEADER ? "Leaders" : "Teachers", staff.size()));
        }
        return new Batch(window, role, groups);
    }

    private Group generateGroup(SurveyWindow window, RespondentRole role, Long classId, String name, int seats) {
        codes.deleteUnused(window.id(), role, classId);
        int used = codes.countUsed(window.id(), role, classId);
        List<Slip> slips = new ArrayList<>();
        while (used + slips.size() < seats) {
            String code = AccessCode.generate(random);
            // a collision in 2^49 is drawn again
            if (codes.insert(hasher.hash(code), window.id(), role, classId)) {
                slips.add(new Slip(code, role, name));
            }
        }
        return new Group(name, classId, used, slips);
    }

    /**
     * A home group's pupil codes, one per pupil, each made for the pupil's pattern. Generating again keeps what
     * is used: a pattern's used codes are those it was issued less its unused ones (whose patterns only this
     * server can open), and each pattern gets as many new codes as it has pupils not yet answered.
     */
    private Group generatePatternGroup(SurveyWindow window, ClassGroup home, List<PupilPattern> patterns, Map<Long, String> names) {
        Map<Long, Integer> unused = new HashMap<>();
        codes.unusedPatternSeals(window.id(), home.id()).forEach(seal -> unused.merge(sealer.openLong(seal), 1, Integer::sum));
        Map<Long, Integer> issued = new HashMap<>();
        codes.patternCounts(List.of(window.id())).forEach(c -> issued.put(c.patternId(), c.codes()));
        codes.deleteUnused(window.id(), RespondentRole.PUPIL, home.id());
        int used = codes.countUsed(window.id(), RespondentRole.PUPIL, home.id());
        List<Long> current = patterns.stream().map(PupilPattern::id).toList();
        // patterns of this home group with codes in this window that the roster no longer has: their unused codes are gone
        schools.patterns(issued.keySet()).stream().filter(p -> p.homeClassId() == home.id() && !current.contains(p.id()))
                .forEach(p -> codes.setPatternCount(window.id(), p.id(), issued.get(p.id()) - unused.getOrDefault(p.id(), 0)));
        record Wanted(PupilPattern pattern, String classes) {
        }
        List<Wanted> wanted = new ArrayList<>();
        for (PupilPattern p : patterns) {
            int answered = Math.max(0, issued.getOrDefault(p.id(), 0) - unused.getOrDefault(p.id(), 0));
            String classes = String.join(" · ", p.classIds().stream().filter(id -> id != home.id())
                    .map(id -> names.getOrDefault(id, "?")).sorted().toList());
            for (int i = answered; i < p.pupils(); i++) {
                wanted.add(new Wanted(p, classes));
            }
            codes.setPatternCount(window.id(), p.id(), Math.max(p.pupils(), answered));
        }
        // written in random order, so that nothing in the table's order says which code is for which pupils
        java.util.Collections.shuffle(wanted, random);
        List<Slip> slips = new ArrayList<>();
        for (Wanted w : wanted) {
            while (true) {
                String code = AccessCode.generate(random);
                if (codes.insert(hasher.hash(code), window.id(), RespondentRole.PUPIL, home.id(), sealer.sealLong(w.pattern().id()))) {
                    slips.add(new Slip(code, RespondentRole.PUPIL, home.name(), w.classes().isEmpty() ? null : w.classes()));
                    break;
                }
            }
        }
        // printed by classes, so that a tutor finds each pupil's slip
        slips.sort(java.util.Comparator.comparing((Slip s) -> s.classes() == null ? "" : s.classes()));
        return new Group(home.name(), home.id(), used, slips);
    }
}
