package org.rapport.app.report;

import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.descriptive.Quantile;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.Points;

/**
 * How unnamed peers (classes, teachers, teams, other schools) spread: five quantiles of their
 * measures in whole Rapport points, and nothing of any one group. A group's size, response rate or
 * interval would match it to a name for anyone who knows the roster, so none of them is shown;
 * with fewer than {@link #MIN_GROUPS} groups there is no spread at all.
 */
record Spread(long lowest10, long lowerQuarter, long median, long upperQuarter, long highest10) {
    /** With fewer groups the quantiles are nearly the groups' own measures, one by one. */
    static final int MIN_GROUPS = 5;
    /** R's default (Hyndman and Fan type 7), so a researcher's {@code quantile()} gives the same numbers. */
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);
    private static final double[] PROBABILITIES = {0.1, 0.25, 0.5, 0.75, 0.9};

    static Optional<Spread> of(List<GroupResult> groups) {
        if (groups.size() < MIN_GROUPS) {
            return Optional.empty();
        }
        double[] estimates = groups.stream().mapToDouble(g -> g.measure().estimate()).toArray();
        double[] q = QUANTILE.evaluate(estimates, PROBABILITIES);
        return Optional.of(new Spread(Points.whole(q[0]), Points.whole(q[1]), Points.whole(q[2]), Points.whole(q[3]), Points.whole(q[4])));
    }
}
