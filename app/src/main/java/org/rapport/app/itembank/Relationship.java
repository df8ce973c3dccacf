package org.rapport.app.itembank;

/**
 * A respondent role's view of a target. {@code perTarget} relationships get one block per
 * teacher of the respondent's class; {@code itemsPerFacet} is how many of a facet's items each
 * respondent sees in a block (the others are asked of other respondents: planned missingness,
 * which the Rasch calibration handles, keeps every block short).
 */
public enum Relationship {
    PUPIL_TEACHER(RespondentRoleName.PUPIL, true, 1),
    PUPIL_SCHOOL(RespondentRoleName.PUPIL, false, 2),
    TEACHER_COLLEAGUES(RespondentRoleName.TEACHER, false, 2),
    TEACHER_LEADERS(RespondentRoleName.TEACHER, false, 2),
    TEACHER_PUPILS(RespondentRoleName.TEACHER, false, 3),
    PARENT_SCHOOL(RespondentRoleName.PARENT, false, 2),
    LEADER_STAFF(RespondentRoleName.LEADER, false, 4);

    /** Avoids a cycle in enum initialisation with {@link RespondentRole}. */
    enum RespondentRoleName { PUPIL, PARENT, TEACHER, LEADER }

    private final RespondentRoleName respondent;
    private final boolean perTarget;
    private final int itemsPerFacet;

    Relationship(RespondentRoleName respondent, boolean perTarget, int itemsPerFacet) {
        this.respondent = respondent;
        this.perTarget = perTarget;
        this.itemsPerFacet = itemsPerFacet;
    }

    public RespondentRole respondent() {
        return RespondentRole.valueOf(respondent.name());
    }

    public boolean perTarget() {
        return perTarget;
    }

    public int itemsPerFacet() {
        return itemsPerFacet;
    }

    /**
     * Whether its block ends with an optional comment: pupils' and parents' blocks only. Staff groups
     * are small and colleagues know each other's way of writing, so staff are not asked to write.
     */
    public boolean takesComments() {
        return respondent == RespondentRoleName.PUPIL || respondent == RespondentRoleName.PARENT;
    }

    /** Whether its comments are about the school as a whole (and so read on the school's page, not a teacher's). */
    public boolean takesSchoolComments() {
        return takesComments() && !perTarget;
    }
}
