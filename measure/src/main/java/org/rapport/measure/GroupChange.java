package org.rapport.measure;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How a group's measure changed between two windows: the difference of its means, with the
 * difference's own standard error √(se_before² + se_after²) (not two overlapping intervals), its 90%
 * interval, and a verdict that says no more than the interval does. The interval uses Student's t
 * with one degree of freedom fewer than the smaller group's respondents, as the standard errors are
 * themselves estimated from those few. The two windows are treated as independent samples; where the
 * same people answer both, their covariance is positive and the true standard error smaller, so the
 * interval errs wide and the verdict cautious.
 */
public record GroupChange(double difference, double standardError, double lower, double upper, Verdict verdict) {

    /** "Likely better" and "likely worse" only where the whole 90% interval of the difference lies on that side of zero. */
    public enum Verdict { LIKELY_BETTER, NO_CLEAR_CHANGE, LIKELY_WORSE }

    /** The change from {@code before} to {@code after}, on their unshrunk means (each group's own answers only). */
    public static GroupChange between(GroupMeasure before, GroupMeasure after) {
        int degreesOfFreedom = Math.max(1, Math.min(before.respondents(), after.respondents()) - 1);
        return of(after.mean() - before.mean(), Math.hypot(before.standardError(), after.standardError()), degreesOfFreedom);
    }

    /** A difference with its standard error, estimated on {@code degreesOfFreedom} (infinite: the normal quantile). */
    public static GroupChange of(double difference, double standardError, double degreesOfFreedom) {
        if (!Double.isFinite(difference) || !(standardError >= 0) || !Double.isFinite(standardError) || !(degreesOfFreedom > 0)) {
            throw new IllegalArgumentException("a change needs a finite difference and standard error and positive degrees of freedom, not "
                    + difference + " ± " + standardError + " on " + degreesOfFreedom);
        }
        double quantile = Double.isInfinite(degreesOfFreedom) ? GroupMeasure.Z90
                : TDistribution.of(degreesOfFreedom).inverseSurvivalProbability(0.05);
        double lower = difference - quantile * standardError;
        double upper = difference + quantile * standardError;
        Verdict verdict = lower > 0 ? Verdict.LIKELY_BETTER : upper < 0 ? Verdict.LIKELY_WORSE : Verdict.NO_CLEAR_CHANGE;
        return new GroupChange(difference, standardError, lower, upper, verdict);
    }
}
