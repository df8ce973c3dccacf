package org.rapport.measure;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How reliably a group's measure tells the group apart from others of its kind: the reliability of a group
 * mean, ICC(2) (Bliese 2000; LeBreton &amp; Senter 2008), from the groups of one window. {@code between} is the
 * variance of the groups' true levels τ² and {@code within} the variance of a member's measure around its
 * group's level σ² (measurement error included), by the one-way random-effects analysis of variance for
 * groups of unequal size: σ² = MSW, τ² = (MSB − MSW)/n₀ with n₀ = (N − Σnⱼ²/N)/(G − 1), at least 0; over
 * {@code groups} groups of two members or more, {@code members} members in all. A group of n members is
 * then measured with reliability τ²/(τ² + σ²/n); a group measured with standard error se (the error of what
 * a page shows), τ²/(τ² + se²). Where every group has the same true level, τ² is 0 and so is every
 * group's reliability: whatever sets the groups apart is noise.
 */
public record GroupReliability(int groups, int members, double between, double within) {
    /**
     * The reliability from which a group mean is taken to tell its group apart from others of its kind (ICC(2) of 0.70,
     * LeBreton &amp; Senter 2008): the reports show a part as a group's own figure only from here.
     */
    public static final double SHOWN_FROM = 0.70;

    /**
     * Fewer groups than this (of two members or more) give no estimate: one school alone has no spread between schools,
     * and τ² on fewer than nine degrees of freedom would move a part across the rule from one calibration to the next.
     */
    public static final int MIN_GROUPS = 10;

    /**
     * The estimate from {@code values} (one per member) and the group each belongs to ({@code group}, same length);
     * empty with fewer than {@link #MIN_GROUPS} groups of two members or more (groups of one are left out: they say
     * nothing of the spread within a group).
     */
    public static Optional<GroupReliability> estimate(double[] values, long[] group) {
        if (values.length != group.length) {
            throw new IllegalArgumentException("one group for each value: " + values.length + " values, " + group.length + " groups");
        }
        Map<Long, double[]> sums = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
            }
            double[] s = sums.computeIfAbsent(group[i], g -> new double[3]);
            s[0]++;
            s[1] += values[i];
            s[2] += values[i] * values[i];
        }
        int g = 0;
        long n = 0;
        double total = 0;
        double sumOfSquaredSizes = 0;
        double withinSquares = 0;
        for (double[] s : sums.values()) {
            if (s[0] < 2) {
                continue;
            }
            g++;
            n += (long) s[0];
            total += s[1];
            sumOfSquaredSizes += s[0] * s[0];
            withinSquares += Math.max(0, s[2] - s[1] * s[1] / s[0]);
        }
        if (g < MIN_GROUPS) {
            return Optional.empty();
        }
        double grand = total / n;
        double betweenSquares = 0;
        for (double[] s : sums.values()) {
            if (s[0] >= 2) {
                double mean = s[1] / s[0];
                betweenSquares += s[0] * (mean - grand) * (mean - grand);
            }
        }
        double msw = withinSquares / (n - g);
        double msb = betweenSquares / (g - 1);
        double n0 = (n - sumOfSquaredSizes / n) / (g - 1);
        return Optional.of(new GroupReliability(g, (int) n, Math.max(0, (msb - msw) / n0), msw));
    }

    /** The reliability of the mean of a group of {@code members}: τ²/(τ² + σ²/n); 0 where τ² is. */
    public double ofSize(int members) {
        if (members <= 0) {
            throw new IllegalArgumentException("a group has members, not " + members);
        }
        return between == 0 ? 0 : between / (between + within / members);
    }
}
