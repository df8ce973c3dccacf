package org.rapport.app.measuring;

import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.measure.GroupMeasure;

/**
 * A group's result on one scale, in Rapport points, as the privacy engine lets it be shown:
 * {@code measure}, {@code answers} (count per answer value) and {@code distribution} (respondents per
 * band of {@link #BAND} points) are null unless shown. {@code schoolId} is 0 for the network;
 * {@code watermark} the last batch of responses the shown result counts. {@code reliability}: on a part of a
 * relationship, how reliably the measure tells the group apart from others of its kind (null where not judged:
 * the network, whole relationships, a kind the reference window had too few groups of); a part below
 * {@link WaveResults#MIN_RELIABILITY} is {@linkplain #withheld() withheld}: no figure, only why.
 */
public record GroupResult(GroupKey key, long schoolId, Release.Outcome outcome, int respondents, int invited,
                          GroupMeasure measure, int[] answers, int[] distribution, long watermark, Double reliability) {

    public GroupResult(GroupKey key, long schoolId, Release.Outcome outcome, int respondents, int invited, GroupMeasure measure,
                       int[] answers, int[] distribution, long watermark) {
        this(key, schoolId, outcome, respondents, invited, measure, answers, distribution, watermark, null);
    }

    /** Bands of the distribution: under 30, 30–35, …, 65–70, 70 and over. */
    public static final int BAND = 5;
    public static final int LOWEST_BAND = 30;
    public static final int BANDS = 10;

    public static int band(double points) {
        return Math.max(0, Math.min(BANDS - 1, (int) Math.floor((points - LOWEST_BAND) / BAND) + 1));
    }

    public GroupKey.Kind kind() {
        return key.kind();
    }

    GroupResult withMeasure(GroupMeasure shrunk) {
        return new GroupResult(key, schoolId, outcome, respondents, invited, shrunk, answers, distribution, watermark, reliability);
    }

    /** The same result judged: shown with its reliability, or (below the rule) without any figure. */
    GroupResult judged(double reliability, boolean shown) {
        return shown ? new GroupResult(key, schoolId, outcome, respondents, invited, measure, answers, distribution, watermark, reliability)
                : new GroupResult(key, schoolId, outcome, respondents, invited, null, null, null, watermark, reliability);
    }

    /** Passed by the privacy engine, but withheld for telling the group apart from others of its kind no better than noise. */
    public boolean withheld() {
        return measure == null && reliability != null;
    }

    public boolean shown() {
        return measure != null;
    }

    public Double responseRate() {
        // at most all: a roster changed within the window can leave a few more answering about a class than were counted asked
        return measure == null || invited == 0 ? null : Math.min(1.0, (double) respondents / invited);
    }
}
