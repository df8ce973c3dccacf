package org.rapport.app.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
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
 */
@Service
public class CodeService {
    private final CodeRepository codes;
    private final Schools schools;
    private final CodeHasher hasher;
    private final CodeSeal seal;
    private final CodesInProgress inProgress;
    private final SecureRandom random = new SecureRandom();

    CodeService(CodeRepository codes, Schools schools, CodeHasher hasher, CodeSeal seal, CodesInProgress inProgress) {
        this.codes = codes;
        this.schools = schools;
        this.hasher = hasher;
        this.seal = seal;
        this.inProgress = inProgress;
    }

    /** One printable slip. The code is shown here and on paper; the database keeps its hash, and its sealed copy while unused. */
    public record Slip(String code, RespondentRole role, String group) {
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

    /** A group as a school has it: its name and how many people it has, so how many codes it needs. */
    private record Seats(String name, Long classId, int seats) {
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
            for (ClassGroup c : chosen) {
                groups.add(new Seats(c.name(), c.id(), c.pupils()));
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
        return batch(window, role, classIds, g -> produceGroup(window, role, g.classId(), g.name(), g.seats()));
    }

    private Batch batch(SurveyWindow window, RespondentRole role, List<Long> classIds, Function<Seats, Group> each) {
        List<Group> groups = new ArrayList<>();
        for (Seats g : groups(window, role, classIds)) {
            groups.add(each.apply(g));
        }
        return new Batch(window, role, groups);
    }

    private Group produceGroup(SurveyWindow window, RespondentRole role, Long classId, String name, int seats) {
        // two admins printing the same group at once make its missing codes once
        codes.lockGroup(window.id(), role, classId);
        int used = codes.countUsed(window.id(), role, classId);
        List<CodeRepository.Unused> unused = codes.unused(window.id(), role, classId);
        int shownBefore = (int) unused.stream().filter(u -> u.sealed() != null).count();
        fill(window, role, classId, name, seats - used - unused.size());
        return new Group(name, classId, used, sheet(window, role, classId, name), shownBefore, unused.size() - shownBefore, 0);
    }

    /** Makes {@code missing} new codes for a group, each kept sealed until used, and answers them in the order of a sheet. */
    private List<Slip> fill(SurveyWindow window, RespondentRole role, Long classId, String name, int missing) {
        java.util.TreeMap<byte[], Slip> made = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
        while (made.size() < missing) {
            String code = AccessCode.generate(random);
            byte[] hash = hasher.hash(code);
            // a collision in 2^49 is drawn again
            if (codes.insert(hash, window.id(), role, classId, seal.seal(code))) {
                made.put(hash, new Slip(code, role, name));
            }
        }
        return new ArrayList<>(made.values());
    }

    /** Every unused code of a group that can be shown, in a fixed order (a sheet printed again is the same sheet). */
    private List<Slip> sheet(SurveyWindow window, RespondentRole role, Long classId, String name) {
        return codes.unused(window.id(), role, classId).stream().filter(u -> u.sealed() != null)
                .map(u -> new Slip(seal.open(u.sealed()), role, name)).toList();
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
     * has started and makes new ones for the seats left without a code. {@code voids} is the number the
     * admin was shown and confirmed: if it is no longer right (a pupil started meanwhile), nothing changes
     * (409 with the new number). A code with a survey in progress, or used, is never voided.
     */
    @Transactional
    public Batch replace(SurveyWindow window, RespondentRole role, List<Long> classIds, Integer voids) {
        if (voids == null || voids < 0) {
            // replacing is confirmed with the number of codes it voids, as shown by the preview
            throw new InvalidInputException("voids", new Text("codes.replace.confirm"));
        }
        List<Seats> groups = groups(window, role, classIds);
        List<List<byte[]>> voided = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        int total = 0;
        for (Seats g : groups) {
            codes.lockGroup(window.id(), role, g.classId());
            // locked: no draft can be saved for these codes, nor any used, until this is done
            List<byte[]> unused = codes.lockUnused(window.id(), role, g.classId());
            Set<String> drafted = new HashSet<>();
            inProgress.withDrafts(unused).forEach(h -> drafted.add(HexFormat.of().formatHex(h)));
            List<byte[]> free = unused.stream().filter(h -> !drafted.contains(HexFormat.of().formatHex(h))).toList();
            voided.add(free);
            started.add(drafted.size());
            total += free.size();
        }
        if (total != voids.intValue()) {
            throw new ConflictException("voids", new Text("codes.replace.changed", voids, total));
        }
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Seats g = groups.get(i);
            codes.deleteUnused(voided.get(i));
            int used = codes.countUsed(window.id(), role, g.classId());
            int kept = started.get(i);
            List<Slip> fresh = fill(window, role, g.classId(), g.name(), g.seats() - used - kept);
            out.add(new Group(g.name(), g.classId(), used, fresh, 0, 0, kept));
        }
        return new Batch(window, role, out);
    }
}
