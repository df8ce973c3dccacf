package org.rapport.app.access;

import java.util.Random;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.rapport.app.config.Randomness;
import org.rapport.app.config.Sealer;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.PupilPattern;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A window's codes: one per pupil seat and one per family of each class, one per teacher and one per
 * leader. Printing a group's slips, letters or e-mails gives its unused codes again (kept sealed until
 * used) and makes new ones only for seats that have none, so that every slip handed out keeps working.
 * Replacing a group's codes (a lost sheet) is its own step: it voids the unused codes nobody has started
 * and never one with a survey in progress or a used one.
 * <p>
 * A timetable's pupils (a OneRoster import, {@link Schools#patterns}) get one code each, not one per class
 * they are in: their home group's sheet has a code per pupil, all alike as a primary class's are, and each pupil
 * chooses their classes at the start of the survey. A slip never lists a pupil's classes: a set of classes is often
 * one pupil's alone, and a slip that said it would name whose code it is to anyone holding the timetable (who has
 * answered, what a saved survey says). Families get one code per pupil of the home group. Sets are no group of their
 * own. {@code pattern_codes} counts, per set of classes, the pupils it had when its home group's codes were printed
 * (how many each teaching set invited). Codes printed with their set of classes before pupils chose theirs keep it.
 */
@Service
public class CodeService {
    private final CodeRepository codes;
    private final Schools schools;
    private final CodeHasher hasher;
    private final CodeSeal seal;
    private final Sealer sealer;
    private final CodesInProgress inProgress;
    private final Random random;

    CodeService(CodeRepository codes, Schools schools, CodeHasher hasher, CodeSeal seal, Sealer sealer, CodesInProgress inProgress,
                Randomness randomness) {
        this.random = randomness.random();
        this.codes = codes;
        this.schools = schools;
        this.hasher = hasher;
        this.seal = seal;
        this.sealer = sealer;
        this.inProgress = inProgress;
    }

    /**
     * One printable slip. The code is shown here and on paper; the database keeps its hash, and its sealed copy while unused.
     * {@code classes}: for a timetable pupil's code printed before pupils chose their classes, the classes it is for besides
     * the home group, else null.
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

    /**
     * A group's sheet: its slips, {@code reprinted} of them shown before and the rest new; {@code unshown}
     * unused codes made before codes were kept sealed (they work, but cannot be shown again);
     * {@code inProgress} codes with a survey in progress kept by a replacement and not on its sheet.
     */
    public record Group(String name, Long classId, int alreadyUsed, List<Slip> slips, int reprinted, int unshown, int inProgress) {
    }

    /**
     * A group as a school has it: its name and how many people it has, so how many codes it needs; for a
     * timetable home group's pupil codes, its pupils' patterns (each pattern's pupils get codes of it), else null.
     */
    private record Seats(String name, Long classId, int seats, List<PupilPattern> patterns) {
        Seats(String name, Long classId, int seats) {
            this(name, classId, seats, null);
        }
    }

    /** The groups of a role (each chosen class, or the window's teachers or leaders) and their seats. */
    private List<Seats> groups(SurveyWindow window, RespondentRole role, List<Long> classIds) {
        if (window.status() == SurveyWindow.Status.CLOSED) {
            throw new ConflictException("window", new Text("codes.error.closed"));
        }
        List<Seats> groups = new ArrayList<>();
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
            if (!patterns.isEmpty() && classIds != null && !classIds.isEmpty()) {
                chosen.stream().filter(c -> !byHome.containsKey(c.id())).findFirst().ifPresent(c -> {
                    throw new InvalidInputException("classes", c.name() + " is a teaching set: its pupils' codes are in their home groups "
                            + "(tutor or year groups), one code per pupil for all their classes");
                });
            }
            for (ClassGroup c : chosen) {
                if (patterns.isEmpty()) {
                    groups.add(new Seats(c.name(), c.id(), c.pupils()));
                } else if (byHome.containsKey(c.id())) {
                    // a timetable: a code per pupil of the home group; a set's pupils have theirs in their home group
                    List<PupilPattern> home = byHome.get(c.id());
                    int pupils = home.stream().mapToInt(PupilPattern::pupils).sum();
                    groups.add(role == RespondentRole.PUPIL ? new Seats(c.name(), c.id(), pupils, home) : new Seats(c.name(), c.id(), pupils));
                }
            }
        } else {
            List<StaffMember> staff = schools.staff(window.schoolId()).stream()
                    .filter(StaffMember::active)
                    .filter(s -> role == RespondentRole.LEADER ? s.leader() : !s.leader())
                    .toList();
            groups.add(new Seats(role == RespondentRole.LEADER ? "Leaders" : "Teachers", null, staff.size()));
        }
        return groups;
    }

    /**
     * The codes of a role's groups to print or send: each group's unused codes as before, and new codes
     * for the seats that have none (a new pupil, a first print). Nothing printed before stops working.
     */
    @Transactional
    public Batch generate(SurveyWindow window, RespondentRole role, List<Long> classIds) {
        return batch(window, role, classIds, g -> produceGroup(window, role, g));
    }

    private Batch batch(SurveyWindow window, RespondentRole role, List<Long> classIds, Function<Seats, Group> each) {
        List<Group> groups = new ArrayList<>();
        for (Seats g : groups(window, role, classIds)) {
            groups.add(each.apply(g));
        }
        return new Batch(window, role, groups);
    }

    private Group produceGroup(SurveyWindow window, RespondentRole role, Seats g) {
        // two admins printing the same group at once make its missing codes once
        codes.lockGroup(window.id(), role, g.classId());
        int used = codes.countUsed(window.id(), role, g.classId());
        List<CodeRepository.Unused> unused = codes.unused(window.id(), role, g.classId());
        int shownBefore = (int) unused.stream().filter(u -> u.sealed() != null).count();
        countPatterns(window, g);
        fill(window, role, g, g.seats() - used - unused.size());
        return new Group(g.name(), g.classId(), used, sheet(window, role, g.classId(), g.name()), shownBefore, unused.size() - shownBefore, 0);
    }

    /**
     * For a timetable home group's pupil codes: each of its sets of classes counted as inviting its pupils (never fewer than
     * counted before, so a code printed once always counts).
     */
    private void countPatterns(SurveyWindow window, Seats g) {
        if (g.patterns() == null) {
            return;
        }
        Map<Long, Integer> issued = new HashMap<>();
        codes.patternCounts(List.of(window.id())).forEach(c -> issued.put(c.patternId(), c.codes()));
        for (PupilPattern p : g.patterns()) {
            codes.setPatternCount(window.id(), p.id(), Math.max(p.pupils(), issued.getOrDefault(p.id(), 0)));
        }
    }

    /**
     * Makes {@code missing} new codes for a group, each kept sealed until used, and answers them in the order of a sheet
     * (a timetable home group's pupil codes marked so, their pupils choosing their classes).
     */
    private List<Slip> fill(SurveyWindow window, RespondentRole role, Seats g, int missing) {
        java.util.TreeMap<byte[], Slip> made = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
        while (made.size() < missing) {
            String code = AccessCode.generate(random);
            byte[] hash = hasher.hash(code);
            // a collision in 2^49 is drawn again
            if (codes.insert(hash, window.id(), role, g.classId(), seal.seal(code), g.patterns() != null)) {
                made.put(hash, new Slip(code, role, g.name()));
            }
        }
        return new ArrayList<>(made.values());
    }

    /**
     * Every unused code of a group that can be shown, in a fixed order (a sheet printed again is the same sheet); a code
     * printed with its set of classes before pupils chose theirs, with them again (it was made for that pupil).
     */
    private List<Slip> sheet(SurveyWindow window, RespondentRole role, Long classId, String name) {
        List<CodeRepository.Unused> unused = codes.unused(window.id(), role, classId).stream().filter(u -> u.sealed() != null).toList();
        Map<Long, PupilPattern> patterns = new HashMap<>();
        List<Long> ids = unused.stream().filter(u -> u.patternSeal() != null).map(u -> sealer.openLong(u.patternSeal())).distinct().toList();
        if (!ids.isEmpty()) {
            schools.patterns(ids).forEach(p -> patterns.put(p.id(), p));
        }
        Map<Long, String> names = ids.isEmpty() ? Map.of() : classNames(window);
        return unused.stream().map(u -> {
            PupilPattern p = u.patternSeal() == null ? null : patterns.get(sealer.openLong(u.patternSeal()));
            return new Slip(seal.open(u.sealed()), role, name, p == null ? null : classesLine(p, names));
        }).toList();
    }

    private Map<Long, String> classNames(SurveyWindow window) {
        Map<Long, String> names = new HashMap<>();
        schools.classes(window.schoolId()).forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    /** A pattern's classes besides its home group, for its slips printed before pupils chose; null when it has none. */
    private static String classesLine(PupilPattern p, Map<Long, String> names) {
        String classes = String.join(" · ", p.classIds().stream().filter(id -> id != p.homeClassId())
                .map(id -> names.getOrDefault(id, "?")).sorted(org.rapport.app.school.ClassGroup.NATURAL).toList());
        return classes.isEmpty() ? null : classes;
    }

    /** What replacing a role's codes (of these classes, or all) would do, per group. */
    public record Replacement(SurveyWindow window, RespondentRole role, List<Replaced> groups) {
        /** The unused codes, none of them started, that replacing voids: every slip of them stops working. */
        public int voids() {
            return groups.stream().mapToInt(Replaced::voids).sum();
        }

        public int inProgress() {
            return groups.stream().mapToInt(Replaced::inProgress).sum();
        }

        public int used() {
            return groups.stream().mapToInt(Replaced::used).sum();
        }
    }

    /** A group's codes by what replacing does to them: voided, kept (a survey in progress), kept (used). */
    public record Replaced(String name, Long classId, int voids, int inProgress, int used) {
    }

    /** What replacing would do, changing nothing: shown to the admin before they confirm. */
    @Transactional(readOnly = true)
    public Replacement preview(SurveyWindow window, RespondentRole role, List<Long> classIds) {
        List<Replaced> groups = new ArrayList<>();
        for (Seats g : groups(window, role, classIds)) {
            List<byte[]> unused = codes.unused(window.id(), role, g.classId()).stream().map(CodeRepository.Unused::hash).toList();
            int started = inProgress.withDrafts(unused).size();
            groups.add(new Replaced(g.name(), g.classId(), unused.size() - started, started, codes.countUsed(window.id(), role, g.classId())));
        }
        return new Replacement(window, role, groups);
    }

    /**
     * Replaces a role's codes (of these classes, or all): voids each group's unused codes that no survey
     * has started and makes new ones for the seats left without a code. {@code voids} is the number the admin was shown and confirmed: if it is no longer right (a
     * pupil started meanwhile), nothing changes (409 with the new number). A code with a survey in progress,
     * or used, is never voided.
     */
    @Transactional
    public Batch replace(SurveyWindow window, RespondentRole role, List<Long> classIds, Integer voids) {
        if (voids == null || voids < 0) {
            // replacing is confirmed with the number of codes it voids, as shown by the preview
            throw new InvalidInputException("voids", new Text("codes.replace.confirm"));
        }
        List<Seats> groups = groups(window, role, classIds);
        List<List<CodeRepository.Unused>> voided = new ArrayList<>();
        List<List<CodeRepository.Unused>> kept = new ArrayList<>();
        int total = 0;
        for (Seats g : groups) {
            codes.lockGroup(window.id(), role, g.classId());
            // locked: no draft can be saved for these codes, nor any used, until this is done
            List<byte[]> locked = codes.lockUnused(window.id(), role, g.classId());
            Set<String> drafted = new HashSet<>();
            inProgress.withDrafts(locked).forEach(h -> drafted.add(HexFormat.of().formatHex(h)));
            List<CodeRepository.Unused> unused = codes.unused(window.id(), role, g.classId());
            voided.add(unused.stream().filter(u -> !drafted.contains(HexFormat.of().formatHex(u.hash()))).toList());
            kept.add(unused.stream().filter(u -> drafted.contains(HexFormat.of().formatHex(u.hash()))).toList());
            total += voided.get(voided.size() - 1).size();
        }
        if (total != voids.intValue()) {
            throw new ConflictException("voids", new Text("codes.replace.changed", voids, total));
        }
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Seats g = groups.get(i);
            codes.deleteUnused(voided.get(i).stream().map(CodeRepository.Unused::hash).toList());
            int used = codes.countUsed(window.id(), role, g.classId());
            int started = kept.get(i).size();
            countPatterns(window, g);
            List<Slip> fresh = fill(window, role, g, g.seats() - used - started);
            out.add(new Group(g.name(), g.classId(), used, fresh, 0, 0, started));
        }
        return new Batch(window, role, out);
    }
}
