package org.rapport.app.school;

import java.util.List;

/**
 * A validated roster, ready to import. {@code staffListed}: the upload lists all of the school's staff with
 * their roles (a staff file, a OneRoster bundle), so it decides who is a leader and who is no longer staff;
 * a roster file alone lists who teaches and changes nobody's role.
 * <p>
 * {@code patterns}: a timetable's pupils (a OneRoster bundle's enrolments), each distinct set of classes with
 * its number of pupils; null for a roster that only counts each class's pupils (a CSV roster), whose pupils
 * are each in one class. {@code warnings}: what the import should be told but does not refuse (a class with
 * no teacher, say). {@code labels}: the names file uploaded beside a bundle (name pupils see and team by staff
 * id), null when none was uploaded: the last one is kept.
 */
public record Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching, boolean staffListed,
                     List<Pattern> patterns, List<RosterError> warnings, List<Label> labels) {

    public Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching) {
        this(classes, staff, teaching, false);
    }

    public Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching, boolean staffListed) {
        this(classes, staff, teaching, staffListed, null, List.of(), null);
    }

    /** {@code familyLanguages}: how many families read another language best, as "pl:3 ar:2" (null: none known). */
    public record ClassRow(String ref, String name, String yearGroup, int pupils, String familyLanguages) {
    }

    /**
     * {@code team}: the staff file's team (null for none); {@code teamGiven}: whether the file has a team column at all;
     * {@code file} and {@code line}: where the person is listed (null and 0 when unknown), for the import's errors.
     */
    public record StaffRow(String ref, String name, String email, boolean leader, String team, boolean teamGiven, String file, int line) {
        public StaffRow(String ref, String name, String email, boolean leader) {
            this(ref, name, email, leader, null, false, null, 0);
        }

        public StaffRow(String ref, String name, String email, boolean leader, String team, boolean teamGiven) {
            this(ref, name, email, leader, team, teamGiven, null, 0);
        }
    }

    public record Teaching(String classRef, String staffRef, String subject) {
    }

    /**
     * Pupils enrolled in exactly these classes ({@code classRefs}, the home group among them): counted, never named.
     * The home group is where a pupil's answers about the school go: their homeroom, or their year group.
     */
    public record Pattern(String homeRef, List<String> classRefs, int pupils) {
    }

    /** A line of the names file: the name pupils see (null: the roster's) and the team (null: the roster's) of a staff id. */
    public record Label(String staffRef, String pupilName, String team) {
    }
}
