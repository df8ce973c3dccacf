package org.rapport.app.school;

import java.util.List;

/**
 * A validated roster, ready to import. {@code staffListed}: the upload lists all of the school's staff with
 * their roles (a staff file, a OneRoster bundle), so it decides who is a leader and who is no longer staff;
 * a roster file alone lists who teaches and changes nobody's role.
 */
public record Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching, boolean staffListed) {

    public Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching) {
        this(classes, staff, teaching, false);
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
}
