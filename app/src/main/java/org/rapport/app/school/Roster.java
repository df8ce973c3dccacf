package org.rapport.app.school;

import java.util.List;

/** A validated roster, ready to import. */
public record Roster(List<ClassRow> classes, List<StaffRow> staff, List<Teaching> teaching) {

    public record ClassRow(String ref, String name, String yearGroup, int pupils) {
    }

    public record StaffRow(String ref, String name, String email, boolean leader) {
    }

    public record Teaching(String classRef, String staffRef, String subject) {
    }
}
