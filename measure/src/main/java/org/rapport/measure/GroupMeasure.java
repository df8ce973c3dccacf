package org.rapport.measure;

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
                           double estimate, double estimateError, double shrinkage, double changeError) {

    /** A measure whose change error is its standard error (no finite-population correction to remove). */
    public GroupMeasure(int respondents, int population, double mean, double standardError, double estimate, double estimateError,
                        double shrinkage) {
        this(respondents, population, mean, standardError, estimate, estimateError, shrinkage, standardError);
    }

    /** The z of a two-sided 90% normal interval. */
    public static final double Z90 = 1.6448536269514722;

    public double lower() {
        return estimate - Z90 * estimateError;
    }

    public double upper() {
        return estimate + Z90 * estimateError;
    }

    /** The 90% interval of the unshrunk mean: the group's own answers only (a before and after compares these). */
    public double meanLower() {
        return mean - Z90 * standardError;
    }

    public double meanUpper() {
        return mean + Z90 * standardError;
    }

    public double responseRate() {
        return population == 0 ? Double.NaN : (double) respondents / population;
    }

    GroupMeasure shrunk(double estimate, double estimateError, double shrinkage) {
        return new GroupMeasure(respondents, population, mean, standardError, estimate, estimateError, shrinkage, changeError);
    }
}
