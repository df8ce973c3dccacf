package org.rapport.app.goal;

import org.springframework.stereotype.Service;

/** A member of staff's own goals and the goals they set, for two records of one person merged into one (docs/ROSTER.md). */
@Service
public class StaffGoals {
    private final GoalRepository goals;

    StaffGoals(GoalRepository goals) {
        this.goals = goals;
    }

    /** How many goals are the teacher's own (private to them unless shared). */
    public int own(long staffId) {
        return goals.countOwn(staffId);
    }

    /** Their goals, and the goals they set, become {@code into}'s; call in the merge's transaction. */
    public void move(long from, long into) {
        goals.move(from, into);
    }
}
