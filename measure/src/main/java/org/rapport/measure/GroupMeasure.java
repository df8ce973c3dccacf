package org.rapport.measure;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A group's measure: the mean of its members' person measures with a standard error that carries
 * both measurement error and sampling error, and after {@link GroupEstimator#shrink} the
 * empirical Bayes estimate. {@code respondents} of {@code population} members answered.
 * {@code changeError} is the standard error of the mean as a measure of the group whoever its members
 * are (sampling from an open population, no finite-population correction): what a change between two
 * windows needs, since pupils come and go and anyone's trust moves between windows for no reason a
 * school caused ({@link GroupChange}).
 */
public record GroupMeasure(int respondents, int population, double mean, double standardError,
                           double estimate, double estimateError, double shrinkage, double changeError,
                           Double lowerBound, Double upperBound) {

    /** A measure whose change error is its standard error (no finite-population correction to remove). */
    public GroupMeasure(int respondents, int population, double mean, double standardError, double estimate, double estimateError,
                        double shrinkage) {
        this(respondents, population, mean, standardError, estimate, estimateError, shrinkage, standardError);
    }

    /** A measure with a symmetric interval, estimate ± {@link #Z90} estimate errors. */
    public GroupMeasure(int respondents, int population, double mean, double standardError, double estimate, double estimateError,
                        double shrinkage, double changeError) {
        this(respondents, population, mean, standardError, estimate, estimateError, shrinkage, changeError, null, null);
    }

    /**
     * A group's level from a model of its answers ({@link GroupLevelEstimator}), in the units of the report: the estimate
     * with its own 90% interval {@code lower} to {@code upper}, which need not be symmetric, and the standard error of
     * the group's level whoever answers ({@code changeError}). Nothing is shrunk: the estimate is the group's answers'
     * alone, and its standard error half the interval's width over {@link #Z90}.
     */
    public static GroupMeasure ofModel(int respondents, int population, double estimate, double lower, double upper, double changeError) {
        if (!(lower <= estimate && estimate <= upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("a model's interval is finite and holds its estimate, not " + estimate + " in "
                    + lower + " to " + upper);
        }
        double error = (upper - lower) / (2 * Z90);
        return new GroupMeasure(respondents, population, estimate, error, estimate, error, 0, changeError, lower, upper);
    }

    /**
     * A group's level ({@link GroupLevel}, in logits) in the report's units, {@code offset + unit · logits}. An end the
     * answers left open is shown at the scale's own end: {@code bottom} or {@code top}, in logits, the measures of a
     * respondent who gave every item's lowest or highest answer (beyond them the scale tells nothing), or the estimate
     * where it lies beyond. The change error is that of μ, the group's level whoever answers: the wider side of its
     * interval, cut at the same ends, over the interval's normal quantile.
     */
    public static GroupMeasure ofLevel(GroupLevel level, double offset, double unit, double bottom, double top) {
        if (!(unit > 0) || !(bottom < top)) {
            throw new IllegalArgumentException("a scale's unit is positive and its bottom below its top, not " + unit + ", "
                    + bottom + " to " + top);
        }
        double lower = Double.isInfinite(level.lower()) ? Math.min(bottom, level.estimate()) : level.lower();
        double upper = Double.isInfinite(level.upper()) ? Math.max(top, level.estimate()) : level.upper();
        double typicalLower = Double.isInfinite(level.typicalLower()) ? Math.min(bottom, level.typical()) : level.typicalLower();
        double typicalUpper = Double.isInfinite(level.typicalUpper()) ? Math.max(top, level.typical()) : level.typicalUpper();
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level.level()) / 2);
        // the wider side of μ's interval: a change is judged with one standard error, and the narrower side (or one cut at
        // the scale's end, where μ lies at it) would make a verdict easier than the answers allow
        double changeError = unit * Math.max(level.typical() - typicalLower, typicalUpper - level.typical()) / z;
        return ofModel(level.respondents(), level.population(), offset + unit * level.estimate(), offset + unit * lower,
                offset + unit * upper, changeError);
    }

    /**
     * The same measure with its interval's sides and its change error widened by √{@code designEffect} around the
     * estimate ({@link DesignEffect}): where members come in clusters that the estimate counted as independent.
     */
    public GroupMeasure widened(double designEffect) {
        return widened(designEffect, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Widened as {@link #widened(double)}, the interval's sides kept within {@code bottom} and {@code top} (a scale's own
     * ends, beyond which it tells nothing; the estimate itself where it lies beyond).
     */
    public GroupMeasure widened(double designEffect, double bottom, double top) {
        if (!(designEffect >= 1) || !Double.isFinite(designEffect)) {
            throw new IllegalArgumentException("a design effect is at least 1, not " + designEffect);
        }
        double f = Math.sqrt(designEffect);
        double low = Math.max(Math.min(bottom, lower()), estimate - f * (estimate - lower()));
        double high = Math.min(Math.max(top, upper()), estimate + f * (upper() - estimate));
        return new GroupMeasure(respondents, population, mean, standardError * f, estimate, estimateError * f, shrinkage,
                changeError * f, low, high);
    }

    /** The z of a two-sided 90% normal interval. */
    public static final double Z90 = 1.6448536269514722;

    /** The 90% interval's lower end: the model's where it gave one, else estimate − Z90 · estimate error. */
    public double lower() {
        return lowerBound != null ? lowerBound : estimate - Z90 * estimateError;
    }

    public double upper() {
        return upperBound != null ? upperBound : estimate + Z90 * estimateError;
    }

    /** The standard error on the interval's lower side: how far below the estimate the interval reaches, over Z90. */
    public double errorBelow() {
        return (estimate - lower()) / Z90;
    }

    /** The standard error on the interval's upper side. */
    public double errorAbove() {
        return (upper() - estimate) / Z90;
    }

    /** The 90% interval of the unshrunk mean: the group's own answers only (a before and after compares these). */
    public double meanLower() {
        return lowerBound != null && shrinkage == 0 ? lowerBound : mean - Z90 * standardError;
    }

    public double meanUpper() {
        return upperBound != null && shrinkage == 0 ? upperBound : mean + Z90 * standardError;
    }

    public double responseRate() {
        return population == 0 ? Double.NaN : (double) respondents / population;
    }

    GroupMeasure shrunk(double estimate, double estimateError, double shrinkage) {
        // a shrunk estimate has the symmetric interval of its shrunk error
        return new GroupMeasure(respondents, population, mean, standardError, estimate, estimateError, shrinkage, changeError);
    }
}
