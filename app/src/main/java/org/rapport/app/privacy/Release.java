package org.rapport.app.privacy;

import java.util.Set;

/**
 * What the privacy engine lets a report show of one group: its members now, the members it was
 * last shown with (when showing the present ones would single out the few who answered since,
 * or who differ from another group), or nothing.
 */
public record Release(Outcome outcome, Set<Member> members, int respondents) {
    public enum Outcome {
        /** Shown with its present members. */
        SHOWN,
        /** Shown as it was when last shown: too few new answers since to show them safely. */
        EARLIER,
        /** Fewer respondents than the threshold. */
        TOO_FEW,
        /** Showing it would let someone subtract their way to a small group (complementary suppression). */
        WOULD_EXPOSE
    }

    public boolean shown() {
        return outcome == Outcome.SHOWN || outcome == Outcome.EARLIER;
    }

    static Release hidden(Outcome outcome) {
        return new Release(outcome, Set.of(), 0);
    }
}
