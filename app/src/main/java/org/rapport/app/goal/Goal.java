package org.rapport.app.goal;

import java.time.LocalDate;
import org.rapport.app.itembank.Relationship;

/**
 * An improvement goal: a teacher's ({@code teacherId} set; private to them unless {@code shared}), a
 * team's ({@code teamId} set; seen by its teachers and the school's leaders) or its school's (neither).
 * One relationship, optionally one facet of it, a plan in the owner's own words, the window it starts
 * from and the name of the window that will tell.
 */
public record Goal(long id, long schoolId, Long teacherId, Long teamId, Relationship relationship, String facet, String plan,
                   String baselineWindow, String evaluationWindow, boolean shared, LocalDate createdOn) {

    public boolean teachers() {
        return teacherId != null;
    }

    public boolean team() {
        return teamId != null;
    }
}
