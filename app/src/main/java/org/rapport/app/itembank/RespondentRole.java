package org.rapport.app.itembank;

import java.util.List;

/** Who answers with a given access code, and which relationships they are asked about. */
public enum RespondentRole {
    PUPIL(List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL)),
    PARENT(List.of(Relationship.PARENT_SCHOOL)),
    TEACHER(List.of(Relationship.TEACHER_COLLEAGUES, Relationship.TEACHER_LEADERS, Relationship.TEACHER_PUPILS)),
    LEADER(List.of(Relationship.LEADER_STAFF));

    private final List<Relationship> relationships;

    RespondentRole(List<Relationship> relationships) {
        this.relationships = relationships;
    }

    public List<Relationship> relationships() {
        return relationships;
    }

    /** Pupil and parent codes belong to a class; staff codes do not. */
    public boolean perClass() {
        return this == PUPIL || this == PARENT;
    }
}
