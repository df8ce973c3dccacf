package org.rapport.app.measures;

import org.rapport.app.privacy.Release;
import org.rapport.measure.GroupMeasure;

/**
 * A group's result on one scale, in Rapport points, as the privacy engine lets it be shown:
 * {@code measure} and {@code answers} are null unless shown.
 */
public record GroupResult(String key, Kind kind, long ownerId, long schoolId, Release.Outcome outcome, int respondents, int invited,
                          GroupMeasure measure, int[] answers) {

    public enum Kind { NETWORK, SCHOOL, CLASS, TEACHER }

    public boolean shown() {
        return measure != null;
    }

    public Double responseRate() {
        return measure == null || invited == 0 ? null : (double) respondents / invited;
    }
}
