package org.rapport.measure;

/**
 * A group's level on a scale, in logits, from a model of its members' answers (see
 * {@link GroupLevelEstimator}): the estimate and an interval meant to cover the mean true measure of
 * all {@code population} members at {@code level} (for example 0.90), of which {@code respondents}
 * answered. The interval need not be symmetric: near the top of a scale the answers say more about how
 * low a group can be than about how high. {@code typical} is μ, the level of an endless population of such
 * members (the group whoever answers), with its likelihood-ratio interval {@code typicalLower} to
 * {@code typicalUpper} at the same level: what a change between two windows is about ({@link GroupChange}).
 * Where the answers set no bound on a side, that end is infinite.
 */
public record GroupLevel(int respondents, int population, double estimate, double lower, double upper, double level,
                         double typical, double typicalLower, double typicalUpper) {

    /** Half the interval's width over the normal quantile of its level: a standard error for a symmetric summary. */
    public double standardError() {
        double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
        return (upper - lower) / (2 * z);
    }

    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }
}
