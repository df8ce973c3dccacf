package org.rapport.app.school;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * What an upload would change in a school's roster, before anything changes: the people it matches (by staff id,
 * then by e-mail), whose staff id changes, who is added, who leaves the staff or comes back, who becomes a leader or
 * a teacher, which classes are added, kept and retired and whose number of pupils changes, and, for a timetable, how
 * many sets of classes (its pupils grouped by the classes each is in, counted) are added, kept and retired. Every
 * upload on the roster page is previewed so (a CSV roster and staff list, a OneRoster bundle); replacing a CSV roster
 * by the school information system's export is the case it was made for: the same people, under the system's ids.
 */
@Component
public class RosterChanges {
    private final RosterRepository roster;

    RosterChanges(RosterRepository roster) {
        this.roster = roster;
    }

    /** A person in a preview: {@code from} and {@code to} are staff ids (or, for changed details, the old and new name and e-mail). */
    public record Person(String name, String email, String from, String to) {
    }

    /** A class whose number of pupils changes. */
    public record ClassPupils(String name, int before, int after) {
    }

    /**
     * A timetable's pupils, grouped by the classes each is in, before and after: the sets of classes ({@code before},
     * {@code after}, how many of them stay ({@code kept}), and the pupils they count. Without a timetable (a CSV
     * roster: each pupil is in one class) there are none, and the pupils are those of the classes. Counts only.
     */
    public record Pupils(int setsBefore, int setsAfter, int setsKept, int pupilsBefore, int pupilsAfter, List<ClassPupils> classesChanged) {
    }

    /**
     * {@code unchanged}: people matched by their staff id with nothing of theirs changing. {@code idsGiven}: accounts
     * without a staff id (a school's first admin) that take one; {@code joining}: the network's admins who join the
     * staff. {@code confirm}: what the import is sent with to do exactly this (a digest of the file and of the roster
     * as it is now). {@code pupils}: how the pupils are counted before and after; {@code warnings}: what the import
     * would not refuse but should be looked at (a class without a teacher), as the import's. {@code namesDropped}: the
     * lines of the names file (the names pupils see, from a OneRoster upload) that a CSV roster drops, since it names
     * each teacher as pupils see them itself; 0 for a bundle.
     */
    public record Preview(int unchanged, List<Person> idsChanging, List<Person> idsGiven, List<Person> joining, List<Person> added,
                          List<Person> detailsChanged, List<Person> becomeLeaders, List<Person> becomeTeachers, List<Person> reactivated,
                          List<Person> leaving, List<String> classesAdded, List<String> classesBack, List<String> classesRetired, int classesKept,
                          int teachingBefore, int teachingAfter, List<String> teachingAdded, List<String> teachingRemoved, Pupils pupils,
                          int namesDropped, List<RosterError> warnings, String confirm) {
    }

    Preview of(School school, Roster file, List<StaffMember> before, AccountMatcher.Matches matches) {
        List<Person> idsChanging = new ArrayList<>();
        List<Person> idsGiven = new ArrayList<>();
        List<Person> joining = new ArrayList<>();
        List<Person> added = new ArrayList<>();
        List<Person> details = new ArrayList<>();
        List<Person> leaders = new ArrayList<>();
        List<Person> teachers = new ArrayList<>();
        List<Person> back = new ArrayList<>();
        int unchanged = 0;
        Set<Long> matched = new HashSet<>();
        for (AccountMatcher.Match m : matches.matches()) {
            Roster.StaffRow row = m.row();
            StaffMember a = m.account();
            Person person = new Person(row.name(), row.email(), a == null ? null : a.ref(), row.ref());
            if (a == null) {
                added.add(person);
                continue;
            }
            matched.add(a.id());
            boolean same = m.kind() == AccountMatcher.Kind.SAME_ID;
            switch (m.kind()) {
                case ADOPTED -> (a.ref() == null ? idsGiven : idsChanging).add(person);
                case JOINS -> joining.add(person);
                default -> {
                }
            }
            if (!a.name().equals(row.name()) || !a.email().equalsIgnoreCase(row.email())) {
                details.add(new Person(row.name(), row.email(), a.name() + ", " + a.email(), row.name() + ", " + row.email()));
                same = false;
            }
            if (!a.active() && m.kind() != AccountMatcher.Kind.JOINS) {
                back.add(person);
                same = false;
            } else if (file.staffListed() && leads(a) != row.leader()) {
                (row.leader() ? leaders : teachers).add(person);
                same = false;
            }
            unchanged += same ? 1 : 0;
        }
        List<Person> leaving = new ArrayList<>();
        if (file.staffListed()) {
            for (StaffMember a : before) {
                if (a.ref() != null && a.active() && !matched.contains(a.id())) {
                    leaving.add(new Person(a.name(), a.email(), a.ref(), null));
                }
            }
        }
        Map<String, ClassGroup> classes = new HashMap<>();
        roster.classes(school.id(), true).forEach(c -> classes.put(c.ref(), c));
        Set<Long> active = new HashSet<>();
        roster.classes(school.id(), false).forEach(c -> active.add(c.id()));
        List<String> classesAdded = new ArrayList<>();
        List<String> classesBack = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        List<ClassPupils> classesChanged = new ArrayList<>();
        int kept = 0;
        for (Roster.ClassRow c : file.classes()) {
            listed.add(c.ref());
            ClassGroup existing = classes.get(c.ref());
            if (existing == null) {
                classesAdded.add(c.name());
            } else if (!active.contains(existing.id())) {
                classesBack.add(c.name());
            } else {
                kept++;
                if (existing.pupils() != c.pupils()) {
                    classesChanged.add(new ClassPupils(c.name(), existing.pupils(), c.pupils()));
                }
            }
        }
        // classes in the order a school counts them (7A before 10A), whatever the file's order
        classesAdded.sort(ClassGroup.NATURAL);
        classesBack.sort(ClassGroup.NATURAL);
        classesChanged.sort(java.util.Comparator.comparing(ClassPupils::name, ClassGroup.NATURAL));
        List<String> classesRetired = classes.values().stream().filter(c -> active.contains(c.id()) && !listed.contains(c.ref()))
                .map(ClassGroup::name).sorted(ClassGroup.NATURAL).toList();
        // who teaches which class, now and after: a link is its class, its teacher's record (or the file's new person) and subject
        java.util.Map<String, Long> accountOf = new java.util.HashMap<>();
        java.util.Map<String, String> nameOf = new java.util.HashMap<>();
        for (AccountMatcher.Match m : matches.matches()) {
            nameOf.put(m.row().ref(), m.row().name());
            if (m.account() != null) {
                accountOf.put(m.row().ref(), m.account().id());
            }
        }
        java.util.Map<String, String> classNames = new java.util.HashMap<>();
        file.classes().forEach(c -> classNames.put(c.ref(), c.name()));
        java.util.Map<String, String> linksNow = new java.util.TreeMap<>();
        for (RosterRepository.TeachingLink l : roster.teachingLinks(school.id())) {
            linksNow.put(l.classRef() + "|" + l.staffId() + "|" + subject(l.subject()), link(l.className(), l.teacher(), l.subject()));
        }
        java.util.Map<String, String> linksAfter = new java.util.TreeMap<>();
        for (Roster.Teaching t : file.teaching()) {
            Long account = accountOf.get(t.staffRef());
            linksAfter.put(t.classRef() + "|" + (account == null ? "new:" + t.staffRef() : account) + "|" + subject(t.subject()),
                    link(classNames.getOrDefault(t.classRef(), t.classRef()), nameOf.getOrDefault(t.staffRef(), t.staffRef()), t.subject()));
        }
        List<String> teachingAdded = linksAfter.entrySet().stream().filter(e -> !linksNow.containsKey(e.getKey())).map(java.util.Map.Entry::getValue)
                .sorted(ClassGroup.NATURAL).toList();
        List<String> teachingRemoved = linksNow.entrySet().stream().filter(e -> !linksAfter.containsKey(e.getKey())).map(java.util.Map.Entry::getValue)
                .sorted(ClassGroup.NATURAL).toList();
        int teachingBefore = linksNow.size();
        Pupils pupils = pupils(school, file, classes, active, classesChanged);
        // a CSV roster (no timetable) drops the names file: RosterService.withLabels
        int namesDropped = file.patterns() == null ? roster.labels(school.id()).size() : 0;
        // the file as read, and the school's people and classes as they are now (each in a fixed order)
        String confirm = digest(file + "|" + before.stream().sorted(java.util.Comparator.comparingLong(StaffMember::id)).toList() + "|"
                + classes.values().stream().map(ClassGroup::toString).sorted().toList() + "|" + new java.util.TreeSet<>(active) + "|" + pupils
                + "|" + namesDropped + "|" + linksNow.keySet());
        return new Preview(unchanged, idsChanging, idsGiven, joining, added, details, leaders, teachers, back, leaving, classesAdded, classesBack,
                classesRetired, kept, teachingBefore, file.teaching().size(), teachingAdded, teachingRemoved, pupils, namesDropped,
                List.copyOf(file.warnings()), confirm);
    }

    private static String subject(String subject) {
        return subject == null ? "" : subject.strip();
    }

    /** A link as the preview lists it: "7A: Mx Osei (English)". */
    private static String link(String className, String teacher, String subject) {
        return className + ": " + teacher + (subject(subject).isEmpty() ? "" : " (" + subject.strip() + ")");
    }

    /** The sets of classes and pupils before and after: a set is kept when the school has it now, with the same classes. */
    private Pupils pupils(School school, Roster file, Map<String, ClassGroup> classes, Set<Long> active, List<ClassPupils> classesChanged) {
        List<PupilPattern> now = roster.patterns(school.id());
        int pupilsBefore = now.isEmpty() ? classes.values().stream().filter(c -> active.contains(c.id())).mapToInt(ClassGroup::pupils).sum()
                : now.stream().mapToInt(PupilPattern::pupils).sum();
        if (file.patterns() == null) {
            return new Pupils(now.size(), 0, 0, pupilsBefore, file.classes().stream().mapToInt(Roster.ClassRow::pupils).sum(), classesChanged);
        }
        Set<Set<Long>> existing = new HashSet<>();
        now.forEach(p -> existing.add(Set.copyOf(p.classIds())));
        int setsKept = 0;
        for (Roster.Pattern p : file.patterns()) {
            List<Long> ids = p.classRefs().stream().map(classes::get).map(c -> c == null ? null : c.id()).toList();
            if (!ids.contains(null) && existing.contains(Set.copyOf(ids))) {
                setsKept++;
            }
        }
        return new Pupils(now.size(), file.patterns().size(), setsKept, pupilsBefore, file.patterns().stream().mapToInt(Roster.Pattern::pupils).sum(),
                classesChanged);
    }

    /** Whether the account leads the school now: a leader, or a school admin (who are). */
    private static boolean leads(StaffMember a) {
        return a.leader() || StaffUser.Role.SCHOOL_ADMIN.name().equals(a.role());
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
