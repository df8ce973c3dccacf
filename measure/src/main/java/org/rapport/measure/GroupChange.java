package org.rapport.measure;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How a group's measure changed between two windows: the difference of its means, with the
 * difference's own standard error √(se_before² + se_after²) (not two overlapping intervals), its 90%
 * interval, and a verdict that says no more than the interval does. The interval uses Student's t
 * with one degree of freedom fewer than the smaller group's respondents, as the standard errors are
 * themselves estimated from those few.
 *
 * <p>What it estimates: whether the group's trust changed, <em>whoever answers</em> each time. The
 * standard errors are the groups' {@link GroupMeasure#changeError}: sampling from an open population,
 * with no finite-population correction, so that new pupils, pupils who left and trust that moves for
 * no reason a school caused are allowed for. With the correction (as the group's own interval has it),
 * "likely better" or "worse" was said of 38% of simulated classes whose pupils' trust was drawn afresh
 * each window with nothing changed; without it, at most 5% each way whether the same pupils answer with
 * the same trust (where it errs cautious) or pupils are drawn afresh (GroupChangeTest).
 */
public record GroupChange(double difference, double standardError, double lower, double upper, Verdict verdict, double pValue) {

    /** "Likely better" and "likely worse" only where the whole 90% interval of the difference lies on that side of zero. */
    public enum Verdict { LIKELY_BETTER, NO_CLEAR_CHANGE, LIKELY_WORSE }

    /**
     * The change from {@code before} to {@code after}, on their unshrunk means (each group's own answers only); no verdict
     * (and a p-value of 1) where one was measured by a model of its answers and the other by averaged measures.
     */
    public static GroupChange between(GroupMeasure before, GroupMeasure after) {
        int degreesOfFreedom = Math.max(1, Math.min(before.respondents(), after.respondents()) - 1);
        GroupChange change = of(after.mean() - before.mean(), Math.hypot(errorOfChange(before), errorOfChange(after)), degreesOfFreedom);
        if ((before.lowerBound() == null) != (after.lowerBound() == null)) {
            // one measured by the model of its answers, the other by averaged measures (a round kept from before the model):
            // near the top of a scale the two differ by more than any change, so no verdict, and no claim to count
            return new GroupChange(change.difference(), change.standardError(), change.lower(), change.upper(), Verdict.NO_CLEAR_CHANGE, 1);
        }
        return change;
    }

    /** A measure's change error; its standard error where none was kept (results frozen before it was). */
    private static double errorOfChange(GroupMeasure m) {
        return m.changeError() > 0 ? m.changeError() : m.standardError();
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
        double p;
        if (standardError == 0) {
            p = difference == 0 ? 1 : 0;
        } else {
            double t = Math.abs(difference) / standardError;
            p = 2 * (Double.isInfinite(degreesOfFreedom) ? org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).survivalProbability(t)
                    : TDistribution.of(degreesOfFreedom).survivalProbability(t));
        }
        return new GroupChange(difference, standardError, lower, upper, verdict, Math.min(1, p));
    }

    /** The same change with no verdict: where, among many claims made at once, it is not one of the discoveries. */
    public GroupChange unclaimed() {
        return new GroupChange(difference, standardError, lower, upper, Verdict.NO_CLEAR_CHANGE, pValue);
    }
}
