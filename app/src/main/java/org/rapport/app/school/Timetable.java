package org.rapport.app.school;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A timetable's pupils as Rapport keeps them: grouped by the set of classes each is enrolled in (their
 * pattern), counted, never named. A pupil in one class has that class as their home; a pupil in several has
 * their homeroom as home, or else their year group, a group of its own (a class of no teacher). The
 * pupils' ids are read from the bundle and forgotten: only the patterns and their counts leave here, with
 * warnings about classes no teacher teaches and pupils no teacher teaches.
 */
final class Timetable {
    /** The prefix of a year group's class id: no class id of a OneRoster bundle is made by Rapport with it. */
    static final String YEAR_REF = "year:";
    private static final int LINES_SHOWN = 10;

    /** A class of the bundle: its id, title, first grade, whether it is a homeroom and its line in classes.csv. */
    record ClassInfo(String ref, String title, String grade, boolean homeroom, int line) {
    }

    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, Set<String>> pupilClasses = new LinkedHashMap<>();
    private final Map<String, String> pupilGrade = new HashMap<>();
    private final Map<String, Integer> pupilLine = new HashMap<>();
    private final Set<String> taught = new java.util.HashSet<>();
    private final List<String> unenrolled = new ArrayList<>();

    void addClass(ClassInfo c) {
        order.putIfAbsent(c.ref(), order.size());
        classes.putIfAbsent(c.ref(), c);
    }

    void enrol(String pupil, String classRef) {
        pupilClasses.computeIfAbsent(pupil, p -> new java.util.LinkedHashSet<>()).add(classRef);
    }

    void taught(String classRef) {
        taught.add(classRef);
    }

    /** A pupil of the school in users.csv: their grade (may be blank) and line. */
    void pupil(String pupil, String grade, int line) {
        pupilGrade.put(pupil, grade);
        pupilLine.put(pupil, line);
    }

    /** The year groups made for pupils without a homeroom, as classes (no teacher), with as many pupils as have them as home. */
    private final Map<String, Roster.ClassRow> yearGroups = new TreeMap<>();
    private final List<Roster.Pattern> patterns = new ArrayList<>();
    private final List<RosterError> warnings = new ArrayList<>();

    /** Groups the pupils by their classes; call once, after everything is added. */
    void build() {
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        Map<List<String>, String> homes = new HashMap<>();
        Map<String, Integer> yearPupils = new TreeMap<>();
        List<Integer> untaughtLines = new ArrayList<>();
        int untaught = 0;
        for (Map.Entry<String, Set<String>> p : pupilClasses.entrySet()) {
            Set<String> mine = p.getValue();
            if (mine.stream().noneMatch(taught::contains)) {
                untaught++;
                if (pupilLine.containsKey(p.getKey())) {
                    untaughtLines.add(pupilLine.get(p.getKey()));
                }
            }
            String home;
            TreeSet<String> set = new TreeSet<>(mine);
            if (mine.size() == 1) {
                home = mine.iterator().next();
            } else {
                home = mine.stream().filter(c -> classes.get(c).homeroom()).min(java.util.Comparator.comparing(order::get)).orElse(null);
                if (home == null) {
                    String grade = grade(p.getKey(), mine);
                    home = YEAR_REF + grade;
                    yearPupils.merge(grade, 1, Integer::sum);
                    set.add(home);
                }
            }
            List<String> key = List.copyOf(set);
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            homes.put(key, home);
        }
        counts.forEach((key, n) -> patterns.add(new Roster.Pattern(homes.get(key), key, n[0])));
        yearPupils.forEach((grade, n) -> yearGroups.put(grade, new Roster.ClassRow(YEAR_REF + grade, yearName(grade),
                grade.isEmpty() ? null : grade, n, null)));
        if (!yearPupils.isEmpty()) {
            int inYears = yearPupils.values().stream().mapToInt(Integer::intValue).sum();
            warnings.add(new RosterError("classes.csv", 0, 0, null, inYears + (inYears == 1 ? " pupil has" : " pupils have")
                    + " no homeroom class: they answer about the school in their year group ("
                    + String.join(", ", yearPupils.keySet().stream().map(Timetable::yearName).sorted(ClassGroup.NATURAL).toList())
                    + "), whose codes print as one sheet. If codes are handed out by tutor group, put the tutor groups in the export as "
                    + "homeroom classes: Rapport then counts each, and leaves uncounted what a tutor group's one or two senders answered"
                    + " about their other classes (a sheet cut into piles by tutor group is a group Rapport cannot count)"));
        }
        for (ClassInfo c : classes.values()) {
            if (!taught.contains(c.ref())) {
                warnings.add(new RosterError("classes.csv", c.line(), 0, null, "class " + c.ref() + " (" + c.title()
                        + ") has no teacher: its pupils are asked about no teacher of it. Enrol its teacher in enrollments.csv if it has one"));
            }
        }
        if (untaught > 0) {
            warnings.add(new RosterError("enrollments.csv", 0, 0, null, untaught + (untaught == 1 ? " pupil is" : " pupils are")
                    + " enrolled in no class with a teacher" + lines(untaughtLines) + ": their survey asks only about the school"));
        }
        List<Integer> unenrolledLines = unenrolled.stream().map(pupilLine::get).sorted().toList();
        if (!unenrolled.isEmpty()) {
            warnings.add(new RosterError("users.csv", 0, 0, null, unenrolled.size() + (unenrolled.size() == 1 ? " pupil" : " pupils")
                    + " of the school " + (unenrolled.size() == 1 ? "is" : "are") + " enrolled in no class" + lines(unenrolledLines)
                    + ": they get no code until they are"));
        }
    }

    /** Pupils of the school (users.csv) with no enrolment in any of its classes: noted before {@link #build}. */
    void noteUnenrolled() {
        pupilLine.keySet().stream().filter(p -> !pupilClasses.containsKey(p)).sorted().forEach(unenrolled::add);
    }

    List<Roster.Pattern> patterns() {
        return patterns;
    }

    List<Roster.ClassRow> yearGroups() {
        return List.copyOf(yearGroups.values());
    }

    List<RosterError> warnings() {
        return warnings;
    }

    /** The pupil's grade (users.csv), else the first grade of their classes, else none. */
    private String grade(String pupil, Set<String> mine) {
        String g = pupilGrade.getOrDefault(pupil, "");
        if (g.isBlank()) {
            g = mine.stream().map(c -> classes.get(c).grade()).filter(x -> x != null && !x.isBlank()).findFirst().orElse("");
        }
        return g.strip();
    }

    /** "Year 9" for grade 09; "Year KG" for KG; "Pupils without a year" with none. */
    static String yearName(String grade) {
        if (grade.isEmpty()) {
            return "Pupils without a year";
        }
        String g = grade.replaceFirst("^0+(?=\\d)", "");
        return "Year " + g;
    }

    private static String lines(List<Integer> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        List<String> shown = lines.stream().limit(LINES_SHOWN).map(String::valueOf).toList();
        return " (users.csv line" + (lines.size() == 1 ? " " : "s ") + String.join(", ", shown) + (lines.size() > LINES_SHOWN ? ", …" : "") + ")";
    }
}
