package org.rapport.app.school;

import java.util.List;

/** A validated roster, ready to import. */
public record Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching) {

    /** {@code familyLanguages}: how many families read another language best, as "pl:3 ar:2" (null: none known). */
    public record ClassRow(String ref, String name, String yearGroup, int pupils, String familyLanguages) {
    }

    /** {@code team}: the staff file's team (null for none); {@code teamGiven}: whether the file has a team column at all. */
    public record StaffRow(String ref, String name, String email, boolean leader, String team, boolean teamGiven) {
        public StaffRow(String ref, String name, String email, boolean leader) {
            this(ref, name, email, leader, null, false);
        }
    }

    public record Teaching(String classRef, String staffRef, String subject) {
    }
}
