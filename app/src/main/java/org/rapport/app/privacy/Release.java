package org.rapport.app.privacy;

/**
 * What the privacy engine lets a report show of one group: its members up to the present batch, its
 * members up to the batch it was last shown with (when showing the present ones would single out the
 * few who answered since, or who differ from another group), or nothing. {@code watermark} is the last
 * batch whose members the shown result may use; {@code respondents} how many they are.
 */
public record Release(Outcome outcome, long watermark, int respondents) {
    public enum Outcome {
        /** Shown with its present members. */
        SHOWN,
        /** Shown as it was when last shown: too few new answers since to show them safely. */
        EARLIER,
        /** Fewer respondents than the threshold. */
        TOO_FEW,
        /** A team with fewer than {@link PrivacyEngine#MIN_TEAM_TEACHERS} teachers whose own results are shown: it would be theirs. */
        TOO_FEW_TEACHERS,
        /** Showing it would let someone subtract their way to a small group, or the leaders to fewer than three teachers (complementary suppression). */
        WOULD_EXPOSE
    }

    public boolean shown() {
        return outcome == Outcome.SHOWN || outcome == Outcome.EARLIER;
    }

    static Release hidden(Outcome outcome) {
        return new Release(outcome, 0, 0);
    }
}
