package org.rapport.measure;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The share of favourable answers of a group, with an interval: what a scale shows where a Rasch calibration is not yet
 * possible (a school alone, with fewer answer sets than a calibration needs). A respondent gives several answers, which
 * share the respondent's own trust, so they are not independent: the share is the ratio of favourable answers to answers,
 * its variance the ratio estimator's with respondents as the units sampled (between respondents, so it holds whatever the
 * answers of one respondent have in common), turned into Kish's effective number of answers, kept between the number of
 * respondents (every answer of a respondent alike) and the number of answers (all independent). The interval is Wilson's
 * score interval on that effective number, with Korn and Graubard's (1998) adjustment for a variance estimated from few
 * respondents: the effective number scaled by (z / t)², t Student's on one degree of freedom fewer than the respondents.
 *
 * <p>What it covers: the share of favourable answers the group's members would give to the scale's questions, its members
 * whoever of them answered (no finite-population correction, so where everyone answered it is wider than it needs to be).
 * {@code FavourableShareTest} shows the coverage by simulation.
 */
public record FavourableShare(int respondents, long answers, long favourable, double share, double lower, double upper,
                              double level, double effectiveAnswers) {

    /**
     * The share from each respondent's favourable answers and answers ({@code favourable[i]} of {@code answered[i]});
     * respondents who answered nothing are left out. {@code level}: for example 0.90.
     */
    public static FavourableShare of(int[] favourable, int[] answered, double level) {
        if (favourable.length != answered.length) {
            throw new IllegalArgumentException("one count of favourable answers per respondent");
        }
        int n = 0;
        long total = 0;
        long yes = 0;
        for (int i = 0; i < answered.length; i++) {
            if (answered[i] > 0) {
                if (favourable[i] < 0 || favourable[i] > answered[i]) {
                    throw new IllegalArgumentException("respondent " + i + ": " + favourable[i] + " favourable of " + answered[i]);
                }
                n++;
                total += answered[i];
                yes += favourable[i];
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("a share's interval needs at least two respondents");
        }
        double p = (double) yes / total;
        // the ratio estimator's variance, respondents the units: n/(n−1) Σ (f_i − p m_i)² / (Σ m)²
        double residuals = 0;
        for (int i = 0; i < answered.length; i++) {
            if (answered[i] > 0) {
                double r = favourable[i] - p * answered[i];
                residuals += r * r;
            }
        }
        double variance = n / (n - 1.0) * residuals / ((double) total * total);
        double effective = variance > 0 ? p * (1 - p) / variance : n;
        effective = Math.max(n, Math.min(total, effective));
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
        double t = TDistribution.of(n - 1).inverseSurvivalProbability((1 - level) / 2);
        double adjusted = effective * (z / t) * (z / t);
        double[] interval = wilson(p, adjusted, z);
        return new FavourableShare(n, total, yes, p, interval[0], interval[1], level, adjusted);
    }

    /** Wilson's score interval of a proportion {@code p} observed on {@code n} (effective) trials. */
    static double[] wilson(double p, double n, double z) {
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }
}
